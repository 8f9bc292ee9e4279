package io.github.reselleroffboarding.consumer.it;

import static io.github.reselleroffboarding.consumer.it.OffboardingHarness.newTenant;
import static io.github.reselleroffboarding.consumer.it.OffboardingHarness.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.reselleroffboarding.events.RelationshipRemoved;
import io.github.reselleroffboarding.partnercenter.simulator.FaultPlan;
import io.github.reselleroffboarding.partnercenter.simulator.PartnerCenterSimulator;
import io.github.reselleroffboarding.partnercenter.simulator.SeedCustomer;
import io.github.reselleroffboarding.testkit.IntegrationTest;
import io.github.reselleroffboarding.testkit.TestEnvironment;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Concurrency is shown by the simulator's count of calls in progress at one moment, not by timing: with one
 * partition, a partition-serial consumer never has more than two calls open (entitlements and subscriptions).
 */
@IntegrationTest
class ConcurrencyIT {

    final TestEnvironment env;
    final PartnerCenterSimulator partnerCenter;
    OffboardingHarness harness;

    ConcurrencyIT(TestEnvironment env) {
        this.env = env;
        this.partnerCenter = env.partnerCenter();
    }

    @BeforeEach
    void reset() {
        env.resetPartnerCenter();
        partnerCenter.faults(FaultPlan.NONE.withLatency(150, 0));
        harness = new OffboardingHarness(env, 1);
    }

    @AfterEach
    void stop() {
        harness.close();
        env.resetPartnerCenter();
    }

    @Test
    void differentTenantsRunConcurrentlyFarBeyondThePartitionCount() {
        // a backlog waiting before the consumer starts, so how fast the test publishes does not matter
        publishCleanTenants(60);
        harness.start();

        assertThat(harness.removedOutcomes(60, Duration.ofSeconds(60))).hasSize(60);
        assertThat(partnerCenter.counters().maxConcurrentCalls()).isGreaterThanOrEqualTo(40);
    }

    @Test
    void theInFlightCapBoundsHowManyRequestsRunAtOnce() {
        publishCleanTenants(30);
        harness.with("MAX_IN_FLIGHT", "5").start();

        assertThat(harness.removedOutcomes(30, Duration.ofSeconds(60))).extracting(RelationshipRemoved::getAlreadyRemoved)
                .containsOnly(false);
        assertThat(partnerCenter.counters().maxConcurrentCalls()).isBetween(3, 10);
    }

    private void publishCleanTenants(int count) {
        for (int i = 0; i < count; i++) {
            String tenant = newTenant();
            partnerCenter.putCustomer(SeedCustomer.customer(tenant).build());
            harness.publish(request(tenant));
        }
        partnerCenter.resetCounters();
    }
}
