package io.github.reselleroffboarding.consumer.it;

import static io.github.reselleroffboarding.consumer.it.OffboardingHarness.newTenant;
import static io.github.reselleroffboarding.consumer.it.OffboardingHarness.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.reselleroffboarding.consumer.app.OffboardingService;
import io.github.reselleroffboarding.consumer.metrics.Tally;
import io.github.reselleroffboarding.events.CustomerOffboardRequested;
import io.github.reselleroffboarding.partnercenter.simulator.FaultPlan;
import io.github.reselleroffboarding.partnercenter.simulator.PartnerCenterSimulator;
import io.github.reselleroffboarding.partnercenter.simulator.SeedCustomer;
import io.github.reselleroffboarding.testkit.IntegrationTest;
import io.github.reselleroffboarding.testkit.TestEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Stopping, scaling out and in, and refusing to start when misconfigured. */
@IntegrationTest
class LifecycleIT {

    final TestEnvironment env;
    final PartnerCenterSimulator partnerCenter;
    OffboardingHarness harness;

    LifecycleIT(TestEnvironment env) {
        this.env = env;
        this.partnerCenter = env.partnerCenter();
    }

    @BeforeEach
    void reset() {
        env.resetPartnerCenter();
        harness = new OffboardingHarness(env, 4);
    }

    @AfterEach
    void stop() {
        harness.close();
        env.resetPartnerCenter();
    }

    @Test
    void sigtermFinishesInFlightWorkCommitsAndExitsWithinTheBoundLosingNothing() throws Exception {
        partnerCenter.faults(FaultPlan.NONE.withLatency(250, 50));
        Ledger ledger = publishCleanTenants(40);
        harness.with("MAX_IN_FLIGHT", "8").with("SHUTDOWN_TIMEOUT", "5s");
        Path log = Files.createTempFile(Path.of("target"), "sigterm-consumer-", ".log");

        Duration tookToStop;
        try (ConsumerProcess first = ConsumerProcess.start(harness.environment, log)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> harness.removedOutcomes(Integer.MAX_VALUE,
                    Duration.ofMillis(300)).size() >= 5);
            tookToStop = first.terminate(Duration.ofSeconds(90));
            assertThat(first.output()).contains("Stopping: waiting up to PT5S", "Consumer stopped");
        }

        // it exits (a hang would never end); the wide bound only keeps a stuck drain from passing
        assertThat(tookToStop).as("exit after SIGTERM").isNotNull().isLessThan(Duration.ofSeconds(60));
        int answeredBeforeRestart = harness.removedOutcomes(40, Duration.ofSeconds(2)).size();
        assertThat(answeredBeforeRestart).isLessThan(40);

        try (ConsumerProcess second = ConsumerProcess.start(harness.environment, log)) {
            List<ConsumerRecord<String, Object>> outcomes = ledger.outcomes(harness, Duration.ofSeconds(90));
            ledger.assertExactlyOneOutcomeEachInTenantOrder(outcomes);
        }
        assertThat(partnerCenter.counters().patchesByCustomer().values()).hasSize(40).containsOnly(1L);
    }

    /** Customers asked for before the second instance joins, and after; the first ones again, before it. */
    private static final int BEFORE_THE_JOIN = 60;
    private static final int AFTER_THE_JOIN = 80;
    private static final int ASKED_AGAIN = 20;

    @Test
    void instancesJoiningAndLeavingMidRunRebalanceWithoutLosingOrRepeatingAnything() {
        partnerCenter.faults(FaultPlan.NONE.withLatency(150, 50));
        Ledger ledger = new Ledger();
        List<String> tenants = new ArrayList<>();
        for (int i = 0; i < BEFORE_THE_JOIN + AFTER_THE_JOIN; i++) {
            String tenant = newTenant();
            tenants.add(tenant);
            partnerCenter.putCustomer(SeedCustomer.customer(tenant).build());
        }
        harness.with("MAX_IN_FLIGHT", "3");
        OffboardingService first = harness.start();
        for (String tenant : tenants.subList(0, BEFORE_THE_JOIN)) {
            publish(ledger, request(tenant));
        }
        for (int i = 0; i < ASKED_AGAIN; i++) {
            publish(ledger, request(tenants.get(i)));
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> removedCount() >= 10);
        Map<String, String> second = new HashMap<>(harness.environment);
        second.put("CONSUMER_INSTANCE_ID", "it-2");
        OffboardingService joined = OffboardingService.start(
                io.github.reselleroffboarding.consumer.config.ConfigLoader.load(second), java.time.Clock.systemUTC());
        try {
            // scale out: the partitions are shared while requests are in flight. However fast the machine, what
            // is published now cannot all be answered before the first instance leaves: every new customer takes
            // a read and then the PATCH, each 100 ms or more, with three at a time per instance
            await().atMost(Duration.ofSeconds(60)).until(() -> joined.health().assignedPartitions() > 0
                    && first.health().assignedPartitions() > 0);
            for (String tenant : tenants.subList(BEFORE_THE_JOIN, tenants.size())) {
                publish(ledger, request(tenant));
            }
            int sharedFrom = removedCount();
            await().atMost(Duration.ofSeconds(60)).until(() -> removedCount() >= sharedFrom + 10);
            assertThat(removedCount()).as("still requests left when the first instance leaves")
                    .isLessThan(tenants.size() + ASKED_AGAIN);
            // scale in: the first instance leaves, the other takes over at once
            first.close();
            await().atMost(Duration.ofSeconds(10)).until(() -> joined.health().assignedPartitions() == 4);

            List<ConsumerRecord<String, Object>> outcomes = ledger.outcomes(harness, Duration.ofSeconds(90));
            ledger.assertExactlyOneOutcomeEachInTenantOrder(outcomes);
            assertThat(first.metrics().outcomes(Tally.OutcomeKind.REMOVED)).isPositive();
            assertThat(joined.metrics().outcomes(Tally.OutcomeKind.REMOVED)).isPositive();
        } finally {
            joined.close();
        }
        assertThat(partnerCenter.counters().patchesByCustomer().values()).hasSize(tenants.size()).containsOnly(1L);
    }

    private int removedCount() {
        return harness.removedOutcomes(Integer.MAX_VALUE, Duration.ofMillis(300)).size();
    }

    @Test
    void aBadSettingStopsTheStartWithItsNameAndExitCode2() throws Exception {
        Map<String, String> bad = new HashMap<>(harness.environment);
        bad.put("MAX_IN_FLIGHT", "plenty");

        try (ConsumerProcess consumer = ConsumerProcess.start(bad, Files.createTempFile(Path.of("target"),
                "bad-config-", ".log"))) {
            assertThat(consumer.awaitExit(Duration.ofSeconds(30))).isEqualTo(2);
            assertThat(consumer.output()).isEqualTo("configuration error: MAX_IN_FLIGHT: must be a whole number "
                    + "(was 'plenty')" + System.lineSeparator());
        }
    }

    @Test
    void aMissingOutputTopicStopsTheStartNamingTheTopicAndItsSetting() throws Exception {
        Map<String, String> missing = new HashMap<>(harness.environment);
        missing.put("OFFBOARD_BLOCKED_TOPIC", "no-such-outcomes");

        try (ConsumerProcess consumer = ConsumerProcess.start(missing, Files.createTempFile(Path.of("target"),
                "missing-topic-", ".log"))) {
            assertThat(consumer.awaitExit(Duration.ofSeconds(60))).isEqualTo(1);
            assertThat(consumer.output()).contains("cannot start: topic 'no-such-outcomes' (OFFBOARD_BLOCKED_TOPIC) "
                    + "does not exist on " + env.bootstrapServers());
        }
    }

    @Test
    void aStateTopicThatIsNotCompactedStopsTheStartSayingHowToFixIt() throws Exception {
        Map<String, String> deleting = new HashMap<>(harness.environment);
        // made by someone else with the broker's default policy, delete: it would forget what was answered
        String stateTopic = env.newTopic("state-delete", 4);
        deleting.put("STATE_TOPIC", stateTopic);

        try (ConsumerProcess consumer = ConsumerProcess.start(deleting, Files.createTempFile(Path.of("target"),
                "state-delete-", ".log"))) {
            assertThat(consumer.awaitExit(Duration.ofSeconds(60))).isEqualTo(1);
            assertThat(consumer.output()).contains("cannot start: state topic '" + stateTopic + "' (STATE_TOPIC) has "
                    + "cleanup.policy=delete; it must be compacted", "--add-config cleanup.policy=compact");
        }
    }

    @Test
    void anOutOfMemoryErrorEndsTheProcessWithAnErrorStatusSoASupervisorRestartsIt() throws Exception {
        Path clientConfig = Files.createTempFile(Path.of("target"), "oom-client-", ".properties");
        Files.writeString(clientConfig, "value.deserializer=" + HeapExhaustingDeserializer.class.getName() + "\n");
        Map<String, String> environment = new HashMap<>(harness.environment);
        environment.put("KAFKA_CLIENT_CONFIG_FILE", clientConfig.toString());
        String tenant = newTenant();
        partnerCenter.putCustomer(SeedCustomer.customer(tenant).build());
        harness.publish(request(tenant));

        try (ConsumerProcess consumer = ConsumerProcess.startWithClasspath(environment, Files.createTempFile(
                Path.of("target"), "oom-", ".log"), Path.of("target/test-classes"))) {
            assertThat(consumer.awaitExit(Duration.ofSeconds(90))).isEqualTo(3);
            assertThat(consumer.output()).contains("stopped by a fatal error: java.lang.OutOfMemoryError");
        }
    }

    private Ledger publishCleanTenants(int count) {
        Ledger ledger = new Ledger();
        for (int i = 0; i < count; i++) {
            String tenant = newTenant();
            partnerCenter.putCustomer(SeedCustomer.customer(tenant).build());
            publish(ledger, request(tenant));
        }
        return ledger;
    }

    private void publish(Ledger ledger, CustomerOffboardRequested request) {
        harness.publish(request);
        ledger.published(request);
    }
}
