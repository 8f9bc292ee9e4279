package io.github.reselleroffboarding.consumer.it;

import static io.github.reselleroffboarding.consumer.it.OffboardingHarness.newTenant;
import static io.github.reselleroffboarding.consumer.it.OffboardingHarness.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.reselleroffboarding.events.BlockReasonCode;
import io.github.reselleroffboarding.events.CustomerOffboardRequested;
import io.github.reselleroffboarding.events.OffboardBlocked;
import io.github.reselleroffboarding.events.RelationshipRemoved;
import io.github.reselleroffboarding.partnercenter.simulator.Counters;
import io.github.reselleroffboarding.partnercenter.simulator.FaultPlan;
import io.github.reselleroffboarding.partnercenter.simulator.PartnerCenterSimulator;
import io.github.reselleroffboarding.partnercenter.simulator.SeedCustomer;
import io.github.reselleroffboarding.testkit.IntegrationTest;
import io.github.reselleroffboarding.testkit.TestEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The consumer as its own process, killed with {@code kill -9} at random moments and started again, while
 * requests (some published twice, some for tenants already handled) are in flight.
 */
@IntegrationTest
class CrashRecoveryIT {

    final TestEnvironment env;
    final PartnerCenterSimulator partnerCenter;
    OffboardingHarness harness;

    CrashRecoveryIT(TestEnvironment env) {
        this.env = env;
        this.partnerCenter = env.partnerCenter();
    }

    @BeforeEach
    void reset() {
        env.resetPartnerCenter();
        harness = new OffboardingHarness(env, 3).with("CONSUMER_INSTANCE_ID", "crash-test");
    }

    @AfterEach
    void stop() {
        harness.close();
        env.resetPartnerCenter();
    }

    private long outcomeCount() {
        return (long) harness.outcomeRecords(harness.removed, Integer.MAX_VALUE, Duration.ofMillis(300)).size()
                + harness.outcomeRecords(harness.blocked, Integer.MAX_VALUE, Duration.ofMillis(300)).size();
    }

    @Test
    void killedAndRestartedAtRandomItStillAnswersEveryRequestExactlyOnceInOrderWithoutASecondPatch()
            throws Exception {
        partnerCenter.faults(FaultPlan.NONE.withLatency(150, 100));
        harness.with("MAX_IN_FLIGHT", "4");
        Random random = new Random(20261121);
        Ledger ledger = new Ledger();
        List<String> clean = new ArrayList<>();
        List<String> busy = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (int i = 0; i < 45; i++) {
            String tenant = newTenant();
            clean.add(tenant);
            partnerCenter.putCustomer(SeedCustomer.customer(tenant).subscription("s-" + i, "Old", "suspended").build());
        }
        for (int i = 0; i < 8; i++) {
            String tenant = newTenant();
            busy.add(tenant);
            partnerCenter.putCustomer(SeedCustomer.customer(tenant).subscriptions(3, "active", "E3").build());
        }
        for (int i = 0; i < 4; i++) {
            unknown.add(newTenant());
        }
        List<CustomerOffboardRequested> requests = new ArrayList<>();
        clean.forEach(t -> requests.add(request(t)));
        busy.forEach(t -> requests.add(request(t)));
        unknown.forEach(t -> requests.add(request(t)));
        for (int i = 0; i < 10; i++) {
            requests.add(request(clean.get(i)));
        }
        for (int i = 0; i < 6; i++) {
            requests.add(requests.get(random.nextInt(requests.size())));
        }
        Path log = Files.createTempFile(Path.of("target"), "crash-consumer-", ".log");

        ConsumerProcess consumer = ConsumerProcess.start(harness.environment, log);
        int kills = 0;
        List<ConsumerRecord<String, Object>> outcomes;
        try {
            for (CustomerOffboardRequested request : requests) {
                harness.publish(request);
                ledger.published(request);
            }
            long total = ledger.distinctRequests();
            for (long answered = outcomeCount(); kills < 3 && answered < total - 6; answered = outcomeCount()) {
                // kill while requests are in flight: once this instance has answered a few, at a random moment
                long threshold = answered + 4;
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                        .until(() -> outcomeCount() >= threshold);
                Thread.sleep(random.nextInt(300));
                consumer.kill();
                kills++;
                consumer.close();
                consumer = ConsumerProcess.start(harness.environment, log);
            }
            outcomes = ledger.outcomes(harness, Duration.ofMinutes(2));
        } finally {
            consumer.close();
        }

        assertThat(kills).as("kills while requests were in flight").isEqualTo(3);
        ledger.assertExactlyOneOutcomeEachInTenantOrder(outcomes);
        assertThat(harness.deadLetterRecords(1, Duration.ofSeconds(1))).isEmpty();
        Counters counters = partnerCenter.counters();
        assertThat(counters.patchesByCustomer().values()).as("no tenant PATCHed twice").allMatch(n -> n == 1);
        clean.forEach(t -> assertThat(counters.removalsByCustomer()).containsEntry(t, 1L));
        for (ConsumerRecord<String, Object> record : outcomes) {
            if (busy.contains(record.key())) {
                assertThat(((OffboardBlocked) record.value()).getReasons()).hasSize(3);
            } else if (unknown.contains(record.key())) {
                assertThat(((OffboardBlocked) record.value()).getReasons().get(0).getCode())
                        .isEqualTo(BlockReasonCode.CUSTOMER_NOT_FOUND);
            } else {
                assertThat(record.value()).isInstanceOf(RelationshipRemoved.class);
            }
        }
        long firstRemovals = outcomes.stream().filter(r -> r.value() instanceof RelationshipRemoved removed
                && !removed.getAlreadyRemoved()).count();
        assertThat(firstRemovals).isEqualTo(clean.size());
        assertThat(Files.readString(log)).contains("Restored state of");
    }
}
