package io.github.reselleroffboarding.consumer.it;

import static io.github.reselleroffboarding.consumer.it.OffboardingHarness.newTenant;
import static io.github.reselleroffboarding.consumer.it.OffboardingHarness.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.reselleroffboarding.events.RelationshipRemoved;
import io.github.reselleroffboarding.partnercenter.simulator.PartnerCenterSimulator;
import io.github.reselleroffboarding.partnercenter.simulator.SeedCustomer;
import io.github.reselleroffboarding.testkit.IntegrationTest;
import io.github.reselleroffboarding.testkit.TestEnvironment;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Concurrency is shown by what a serial consumer can never do, not by timing: with one partition, a
 * partition-serial consumer never has more than two calls open (entitlements and subscriptions). The simulator
 * holds every call until the wanted number are in progress at once, so a slow or busy machine only makes the
 * test take longer; it cannot make it pass or fail.
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
        partnerCenter.holdCallsUntilConcurrent(40, Duration.ofMinutes(1));
        harness.start();

        assertThat(harness.removedOutcomes(60, Duration.ofMinutes(2))).hasSize(60);
        assertThat(partnerCenter.counters().maxConcurrentCalls()).isGreaterThanOrEqualTo(40);
    }

    @Test
    void theInFlightCapBoundsHowManyRequestsRunAtOnceAndTheDefaultPoolLetsEachOpenItsReadsTogether() {
        publishCleanTenants(30);
        // ten requests at once open thirty reads (a clean customer's three first reads go out together): reached
        // only if every request the cap lets in has all three open at once, which a pool of two connections a
        // request (the old default) never allows; short of it, each call would wait out the minute
        partnerCenter.holdCallsUntilConcurrent(30, Duration.ofMinutes(1));
        // calls held at the barrier must not time out and come again as extra calls
        harness.with("MAX_IN_FLIGHT", "10").with("PARTNER_CENTER_TIMEOUT", "90s").start();

        assertThat(harness.removedOutcomes(30, Duration.ofMinutes(2))).extracting(RelationshipRemoved::getAlreadyRemoved)
                .containsOnly(false);
        // and never more than the cap allows: ten requests, three reads each
        assertThat(partnerCenter.counters().maxConcurrentCalls()).isEqualTo(30);
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
