package io.github.reselleroffboarding.consumer.it;

import static io.github.reselleroffboarding.consumer.it.OffboardingHarness.newTenant;
import static io.github.reselleroffboarding.consumer.it.OffboardingHarness.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.reselleroffboarding.events.CustomerOffboardRequested;
import io.github.reselleroffboarding.events.RelationshipRemoved;
import io.github.reselleroffboarding.events.RemovedBy;
import io.github.reselleroffboarding.partnercenter.simulator.PartnerCenterSimulator;
import io.github.reselleroffboarding.partnercenter.simulator.SeedCustomer;
import io.github.reselleroffboarding.serde.AvroSerializer;
import io.github.reselleroffboarding.testkit.IntegrationTest;
import io.github.reselleroffboarding.testkit.TestEnvironment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One request, one outcome, whatever key it was published under: a request keyed otherwise than by its canonical
 * tenant id is forwarded to that key's partition and answered there, with the tenant's state.
 */
@IntegrationTest
class AnyKeyIT {

    static final Duration WAIT = Duration.ofSeconds(60);
    static final int TENANTS = 30;

    final TestEnvironment env;
    final PartnerCenterSimulator partnerCenter;
    final AvroSerializer serializer = new AvroSerializer();
    OffboardingHarness harness;

    AnyKeyIT(TestEnvironment env) {
        this.env = env;
        this.partnerCenter = env.partnerCenter();
    }

    @BeforeEach
    void start() {
        env.resetPartnerCenter();
        serializer.configure(env.clientProperties(), false);
        harness = new OffboardingHarness(env, 6);
        harness.start();
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    @Test
    void aRequestPublishedUnderItsKeyAndAgainUnderAnotherIsAnsweredOnceAndAFollowUpUnderAnyKeyIsAlreadyRemoved() {
        List<CustomerOffboardRequested> first = new ArrayList<>();
        for (int i = 0; i < TENANTS; i++) {
            String tenant = newTenant();
            partnerCenter.putCustomer(SeedCustomer.customer(tenant).build());
            first.add(request(tenant));
        }
        for (int i = 0; i < TENANTS; i++) {
            CustomerOffboardRequested request = first.get(i);
            harness.publish(request);
            // the same request again, under an upper-case key or none at all, as a buggy upstream would send it
            publishUnder(i % 2 == 0 ? request.getCustomerTenantId().toUpperCase(Locale.ROOT) : null, request);
        }

        List<RelationshipRemoved> answered = harness.removedOutcomes(TENANTS, WAIT);
        assertThat(answered).hasSize(TENANTS).extracting(RelationshipRemoved::getRequestEventId)
                .doesNotHaveDuplicates();

        List<CustomerOffboardRequested> followUps = new ArrayList<>();
        for (int i = 0; i < TENANTS; i++) {
            CustomerOffboardRequested followUp = request(first.get(i).getCustomerTenantId());
            followUps.add(followUp);
            publishUnder(i % 2 == 0 ? "{" + followUp.getCustomerTenantId().toUpperCase(Locale.ROOT) + "}" : null,
                    followUp);
        }

        List<RelationshipRemoved> all = harness.removedOutcomes(2 * TENANTS, WAIT);
        assertThat(all).hasSize(2 * TENANTS);
        Map<String, RelationshipRemoved> byRequest = all.stream().collect(Collectors.toMap(
                RelationshipRemoved::getRequestEventId, Function.identity()));
        for (CustomerOffboardRequested followUp : followUps) {
            assertThat(byRequest.get(followUp.getEventId())).satisfies(r -> {
                assertThat(r.getAlreadyRemoved()).isTrue();
                assertThat(r.getRemovedBy()).isEqualTo(RemovedBy.THIS_SERVICE_EARLIER);
                assertThat(r.getCustomerTenantId()).isEqualTo(followUp.getCustomerTenantId());
            });
        }
        assertThat(harness.removedOutcomes(2 * TENANTS + 1, Duration.ofSeconds(2))).hasSize(2 * TENANTS);
        for (CustomerOffboardRequested request : first) {
            assertThat(partnerCenter.counters().patchesByCustomer()).containsEntry(request.getCustomerTenantId(), 1L);
        }
    }

    private void publishUnder(String key, CustomerOffboardRequested request) {
        harness.publishRaw(key, serializer.serialize(harness.requests, request));
    }
}
