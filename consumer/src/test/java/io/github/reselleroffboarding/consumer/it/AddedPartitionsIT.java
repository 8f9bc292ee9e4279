package io.github.reselleroffboarding.consumer.it;

import static io.github.reselleroffboarding.consumer.it.OffboardingHarness.newTenant;
import static io.github.reselleroffboarding.consumer.it.OffboardingHarness.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.reselleroffboarding.consumer.app.OffboardingService;
import io.github.reselleroffboarding.consumer.app.StateRepartitioner;
import io.github.reselleroffboarding.consumer.config.ConfigLoader;
import io.github.reselleroffboarding.consumer.state.MisplacedStateException;
import io.github.reselleroffboarding.consumer.state.StatePlacement;
import io.github.reselleroffboarding.events.CustomerOffboardRequested;
import io.github.reselleroffboarding.events.RelationshipRemoved;
import io.github.reselleroffboarding.events.RemovedBy;
import io.github.reselleroffboarding.partnercenter.simulator.PartnerCenterSimulator;
import io.github.reselleroffboarding.partnercenter.simulator.SeedCustomer;
import io.github.reselleroffboarding.testkit.IntegrationTest;
import io.github.reselleroffboarding.testkit.TestEnvironment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.NewPartitions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Partitions added to the request topic move tenants away from their state: the service refuses to start saying
 * how to move it, the repartitioner moves it, and afterwards every tenant's memory is where its requests go.
 */
@IntegrationTest
class AddedPartitionsIT {

    static final Duration WAIT = Duration.ofSeconds(60);
    static final int TENANTS = 20;

    final TestEnvironment env;
    final PartnerCenterSimulator partnerCenter;
    OffboardingHarness harness;

    AddedPartitionsIT(TestEnvironment env) {
        this.env = env;
        this.partnerCenter = env.partnerCenter();
    }

    @BeforeEach
    void start() {
        env.resetPartnerCenter();
        harness = new OffboardingHarness(env, 2);
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    @Test
    void theServiceRefusesMisplacedStateNamingTheFixAndAfterTheRepartitionerEveryTenantIsRemembered()
            throws Exception {
        OffboardingService first = harness.start();
        List<CustomerOffboardRequested> removals = new ArrayList<>();
        for (int i = 0; i < TENANTS; i++) {
            String tenant = newTenant();
            partnerCenter.putCustomer(SeedCustomer.customer(tenant).build());
            removals.add(request(tenant));
        }
        harness.publish(removals.toArray(CustomerOffboardRequested[]::new));
        assertThat(harness.removedOutcomes(TENANTS, WAIT)).hasSize(TENANTS);
        first.close();
        long moving = removals.stream().filter(r -> StatePlacement.partitionFor(r.getCustomerTenantId(), 2)
                != StatePlacement.partitionFor(r.getCustomerTenantId(), 6)).count();
        assertThat(moving).as("tenants whose partition changes").isPositive();

        // operations add partitions to the request topic (and, as the startup check asks, to the state topic)
        env.admin().createPartitions(Map.of(harness.requests, NewPartitions.increaseTo(6),
                harness.group + "-state", NewPartitions.increaseTo(6),
                harness.deadLetters, NewPartitions.increaseTo(6))).all().get();
        // the broker serves metadata a moment after the controller committed the change
        await().atMost(WAIT).until(() -> env.admin().describeTopics(List.of(harness.requests, harness.group
                + "-state")).allTopicNames().get().values().stream().allMatch(t -> t.partitions().size() == 6));

        OffboardingService refused = harness.start();
        await().atMost(WAIT).until(() -> refused.fatalError().isPresent());
        assertThat(refused.fatalError().get()).isInstanceOf(MisplacedStateException.class)
                .hasMessageContaining("partitions were added to the request topic")
                .hasMessageContaining(MisplacedStateException.FIX);
        refused.close();

        StateRepartitioner.Moved moved = new StateRepartitioner(ConfigLoader.load(harness.environment)).run();
        assertThat(moved.tenants()).isEqualTo((int) moving);
        assertThat(new StateRepartitioner(ConfigLoader.load(harness.environment)).run().tenants())
                .as("a second run finds nothing to move").isZero();

        OffboardingService again = harness.start();
        List<CustomerOffboardRequested> followUps = removals.stream()
                .map(r -> request(r.getCustomerTenantId())).toList();
        harness.publish(followUps.toArray(CustomerOffboardRequested[]::new));

        List<RelationshipRemoved> all = harness.removedOutcomes(2 * TENANTS, WAIT);
        assertThat(all).hasSize(2 * TENANTS);
        assertThat(all.subList(TENANTS, 2 * TENANTS)).allSatisfy(r -> {
            assertThat(r.getAlreadyRemoved()).isTrue();
            assertThat(r.getRemovedBy()).isEqualTo(RemovedBy.THIS_SERVICE_EARLIER);
        });
        for (CustomerOffboardRequested removal : removals) {
            assertThat(partnerCenter.counters().patchesByCustomer()).containsEntry(removal.getCustomerTenantId(), 1L);
        }
        assertThat(again.fatalError()).isEmpty();
    }
}
