package io.github.reselleroffboarding.consumer.it;

import static io.github.reselleroffboarding.consumer.it.OffboardingHarness.newTenant;
import static io.github.reselleroffboarding.consumer.it.OffboardingHarness.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.reselleroffboarding.consumer.app.OffboardingService;
import io.github.reselleroffboarding.consumer.deadletter.DeadLetters;
import io.github.reselleroffboarding.events.CustomerOffboardRequested;
import io.github.reselleroffboarding.events.RelationshipRemoved;
import io.github.reselleroffboarding.partnercenter.simulator.FailNext;
import io.github.reselleroffboarding.partnercenter.simulator.FaultPlan;
import io.github.reselleroffboarding.partnercenter.simulator.PartnerCenterSimulator;
import io.github.reselleroffboarding.partnercenter.simulator.SeedCustomer;
import io.github.reselleroffboarding.serde.AvroSerializer;
import io.github.reselleroffboarding.testkit.IntegrationTest;
import io.github.reselleroffboarding.testkit.TestEnvironment;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the service does when Partner Center or the input misbehaves. */
@IntegrationTest
class FailuresIT {

    static final Duration WAIT = Duration.ofSeconds(30);

    final TestEnvironment env;
    final PartnerCenterSimulator partnerCenter;
    OffboardingHarness harness;

    FailuresIT(TestEnvironment env) {
        this.env = env;
        this.partnerCenter = env.partnerCenter();
    }

    @BeforeEach
    void reset() {
        env.resetPartnerCenter();
        harness = new OffboardingHarness(env, 2);
    }

    @AfterEach
    void stop() {
        harness.close();
        env.resetPartnerCenter();
    }

    @Test
    void transientFailuresAreRetriedUntilEveryRequestHasItsOutcome() {
        partnerCenter.faults(FaultPlan.NONE.withLatency(20, 10).withErrorRate(0.3));
        // with three in ten calls failing, one try of a request (four calls, each tried three times) fails one time
        // in ten; a 30 s budget allows five or more tries, so no request here runs out of it (about 1e-5 each)
        harness.with("REQUEST_RETRY_BUDGET", "30s").start();
        List<String> tenants = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String tenant = newTenant();
            tenants.add(tenant);
            partnerCenter.putCustomer(SeedCustomer.customer(tenant).build());
            harness.publish(request(tenant));
        }

        List<RelationshipRemoved> removed = harness.removedOutcomes(20, WAIT);

        assertThat(removed).extracting(RelationshipRemoved::getCustomerTenantId)
                .containsExactlyInAnyOrderElementsOf(tenants);
        assertThat(partnerCenter.counters().callsWithStatus(500) + partnerCenter.counters().callsWithStatus(503))
                .isPositive();
        assertThat(harness.deadLetterRecords(1, Duration.ofSeconds(1))).isEmpty();
        tenants.forEach(t -> assertThat(partnerCenter.counters().removalsByCustomer()).containsEntry(t, 1L));
    }

    @Test
    void aRequestThatExhaustsItsBudgetIsDeadLetteredWithItsOriginalBytesAndSpringsHeaders() {
        String failing = newTenant();
        String healthy = newTenant();
        partnerCenter.putCustomer(SeedCustomer.customer(failing).build());
        partnerCenter.putCustomer(SeedCustomer.customer(healthy).build());
        partnerCenter.failNext(FailNext.status(100_000, 503).forCustomer(failing));
        harness.start();
        CustomerOffboardRequested doomed = request(failing);
        AvroSerializer serializer = new AvroSerializer();
        serializer.configure(env.clientProperties(), false);
        byte[] originalBytes = serializer.serialize(harness.requests, doomed);

        harness.publishRaw(failing, originalBytes);
        harness.publish(request(healthy));

        assertThat(harness.removedOutcomes(1, WAIT)).extracting(RelationshipRemoved::getCustomerTenantId)
                .containsExactly(healthy);
        ConsumerRecord<String, byte[]> dead = OffboardingRulesIT.single(harness.deadLetterRecords(1, WAIT));
        assertThat(dead.key()).isEqualTo(failing);
        assertThat(dead.value()).isEqualTo(originalBytes);
        assertThat(text(dead, DeadLetters.ORIGINAL_TOPIC)).isEqualTo(harness.requests);
        assertThat(ByteBuffer.wrap(header(dead, DeadLetters.ORIGINAL_PARTITION)).getInt()).isBetween(0, 1);
        assertThat(ByteBuffer.wrap(header(dead, DeadLetters.ORIGINAL_OFFSET)).getLong()).isNotNegative();
        assertThat(header(dead, DeadLetters.ORIGINAL_TIMESTAMP)).hasSize(8);
        assertThat(text(dead, DeadLetters.ORIGINAL_CONSUMER_GROUP)).isEqualTo(harness.group);
        assertThat(text(dead, DeadLetters.EXCEPTION_FQCN))
                .isEqualTo("io.github.reselleroffboarding.partnercenter.PartnerCenterTransientException");
        assertThat(text(dead, DeadLetters.EXCEPTION_MESSAGE)).contains("gave up after", "HTTP 503");
        assertThat(text(dead, DeadLetters.EXCEPTION_CAUSE_FQCN)).isNotBlank();
        assertThat(harness.blockedOutcomes(1, Duration.ofSeconds(1))).isEmpty();
    }

    @Test
    void aDeadLetteredRequestReplayedOnceTheCauseIsFixedGetsItsOutcome() {
        String tenant = newTenant();
        partnerCenter.putCustomer(SeedCustomer.customer(tenant).build());
        partnerCenter.failNext(FailNext.status(100_000, 503).forCustomer(tenant));
        harness.start();
        CustomerOffboardRequested request = request(tenant);
        harness.publish(request);
        assertThat(harness.deadLetterRecords(1, WAIT)).hasSize(1);

        partnerCenter.failNext(FailNext.status(0, 503));
        java.io.StringWriter out = new java.io.StringWriter();
        int exit = harness.replayDeadLetters(out);

        assertThat(exit).isZero();
        assertThat(out.toString()).contains("replayed 1 dead letter from " + harness.deadLetters);
        RelationshipRemoved removed = OffboardingRulesIT.single(harness.removedOutcomes(1, WAIT));
        assertThat(removed.getRequestEventId()).isEqualTo(request.getEventId());
        assertThat(partnerCenter.counters().removalsByCustomer()).containsEntry(tenant, 1L);
    }

    @Test
    void aTenantBeingRetriedHoldsBackOnlyItsOwnLaterRequests() {
        String slow = newTenant();
        String other = newTenant();
        partnerCenter.putCustomer(SeedCustomer.customer(slow).build());
        partnerCenter.putCustomer(SeedCustomer.customer(other).build());
        harness.with("REQUEST_RETRY_BUDGET", "5m").with("PARTNER_CENTER_MAX_ATTEMPTS", "1");
        // the slow tenant keeps failing until the test says otherwise: no race with the machine's speed
        partnerCenter.failNext(FailNext.status(1_000_000, 503).forCustomer(slow));
        harness.start();
        CustomerOffboardRequested slowFirst = request(slow);
        CustomerOffboardRequested slowSecond = request(slow);

        harness.publish(slowFirst, request(other), slowSecond);

        // the other tenant is answered while the slow one is still failing
        List<ConsumerRecord<String, Object>> first = harness.outcomeRecords(harness.removed, 1, Duration.ofSeconds(60));
        assertThat(first).extracting(ConsumerRecord::key).containsExactly(other);
        partnerCenter.failNext(FailNext.status(0, 503));

        List<ConsumerRecord<String, Object>> removed = harness.outcomeRecords(harness.removed, 3,
                Duration.ofSeconds(90));
        assertThat(removed).hasSize(3);
        List<ConsumerRecord<String, Object>> slowOutcomes = removed.stream().filter(r -> r.key().equals(slow)).toList();
        assertThat(slowOutcomes).extracting(r -> ((RelationshipRemoved) r.value()).getRequestEventId())
                .containsExactly(slowFirst.getEventId(), slowSecond.getEventId());
        assertThat(((RelationshipRemoved) slowOutcomes.get(1).value()).getAlreadyRemoved()).isTrue();
        assertThat(partnerCenter.counters().patchesByCustomer()).containsEntry(slow, 1L);
    }

    @Test
    void aPoisonPillIsDeadLetteredAndProcessingGoesOn() {
        harness.start();
        String tenant = newTenant();
        partnerCenter.putCustomer(SeedCustomer.customer(tenant).build());

        harness.publishRaw(tenant, "{\"not\": \"avro\"}".getBytes(StandardCharsets.UTF_8));
        harness.publishRaw(tenant, new byte[] {0, 0, 0, 0x7f, 0x7f, 1});
        harness.publish(request(tenant));

        assertThat(harness.removedOutcomes(1, WAIT)).hasSize(1);
        List<ConsumerRecord<String, byte[]>> dead = harness.deadLetterRecords(2, WAIT);
        assertThat(dead).hasSize(2);
        assertThat(text(dead.get(0), DeadLetters.EXCEPTION_MESSAGE)).startsWith("Unknown magic byte 0x7b");
        assertThat(text(dead.get(1), DeadLetters.EXCEPTION_MESSAGE)).startsWith("Unknown schema id 32639");
        assertThat(text(dead.get(0), DeadLetters.EXCEPTION_FQCN))
                .isEqualTo("org.apache.kafka.common.errors.SerializationException");
        assertThat(new String(dead.get(0).value(), StandardCharsets.UTF_8)).isEqualTo("{\"not\": \"avro\"}");
    }

    /**
     * An outage several times longer than the retry budget. By default 20 s against a 5 s budget, so the suite
     * stays short; {@code -Doutage.seconds=120 -Doutage.budget=30s} runs the two minutes against 30 s.
     */
    @Test
    void anOutageLongerThanTheRetryBudgetIsWaitedOutLosingAndDeadLetteringNothing() throws Exception {
        Duration outage = Duration.ofSeconds(Long.getLong("outage.seconds", 20));
        String budget = System.getProperty("outage.budget", "5s");
        OffboardingService service = harness.with("REQUEST_RETRY_BUDGET", budget)
                .with("OUTAGE_PROBE_INTERVAL", "2s").start();
        await().atMost(WAIT).until(() -> service.health().isReady());
        List<CustomerOffboardRequested> requests = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            String tenant = newTenant();
            partnerCenter.putCustomer(SeedCustomer.customer(tenant).build());
            requests.add(request(tenant));
        }
        partnerCenter.faults(new FaultPlan(0, 0, 1.0, List.of(503), 0, 0, true));
        partnerCenter.resetCounters();

        harness.publish(requests.toArray(CustomerOffboardRequested[]::new));
        await().atMost(WAIT).until(() -> !service.health().isReady());
        assertThat(service.health().notReadyReason()).contains("Partner Center is failing for everyone");
        Thread.sleep(outage.toMillis());
        assertThat(service.health().isReady()).as("not ready to the end of the outage").isFalse();
        long callsDuringOutage = partnerCenter.counters().totalApiCalls();
        partnerCenter.faults(FaultPlan.NONE);

        assertThat(harness.removedOutcomes(200, Duration.ofSeconds(90))).hasSize(200)
                .extracting(RelationshipRemoved::getRequestEventId).doesNotHaveDuplicates();
        assertThat(harness.deadLetterRecords(1, Duration.ofSeconds(1))).isEmpty();
        await().atMost(WAIT).until(() -> service.health().isReady());
        System.out.printf("outage of %s with a %s budget: %d calls during it; all 200 answered, none dead-lettered%n",
                outage, budget, callsDuringOutage);
    }

    @Test
    void anAuthFailurePausesConsumptionAndReadinessUntilPartnerCenterAcceptsUsAgain() throws Exception {
        OffboardingService service = harness.start();
        String before = newTenant();
        partnerCenter.putCustomer(SeedCustomer.customer(before).build());
        harness.publish(request(before));
        assertThat(harness.removedOutcomes(1, WAIT)).hasSize(1);
        assertThat(readiness(service)).isEqualTo(200);

        partnerCenter.authOutage(true);
        partnerCenter.revokeAccessTokens();
        String during = newTenant();
        partnerCenter.putCustomer(SeedCustomer.customer(during).build());
        harness.publish(request(during));

        await().atMost(WAIT).until(() -> !service.health().isReady());
        assertThat(readiness(service)).isEqualTo(503);
        assertThat(service.health().notReadyReason()).contains("refused");
        assertThat(harness.deadLetterRecords(1, Duration.ofSeconds(2))).isEmpty();
        assertThat(harness.removedOutcomes(2, Duration.ofSeconds(1))).hasSize(1);

        partnerCenter.authOutage(false);

        assertThat(harness.removedOutcomes(2, WAIT)).extracting(RelationshipRemoved::getCustomerTenantId)
                .containsExactly(before, during);
        await().atMost(WAIT).until(() -> service.health().isReady());
        assertThat(readiness(service)).isEqualTo(200);
    }

    @Test
    void aForbiddenAnswerOtherThan20002AlsoPausesRatherThanDeadLettering() {
        harness.start();
        String tenant = newTenant();
        partnerCenter.putCustomer(SeedCustomer.customer(tenant).build());
        partnerCenter.failNext(FailNext.status(2, 403).forCustomer(tenant));

        harness.publish(request(tenant));

        assertThat(harness.removedOutcomes(1, WAIT)).hasSize(1);
        assertThat(harness.deadLetterRecords(1, Duration.ofSeconds(1))).isEmpty();
    }

    private static int readiness(OffboardingService service) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + service.healthPort().orElseThrow() + "/health/ready")).build(), HttpResponse.BodyHandlers.ofString())
                .statusCode();
    }

    private static byte[] header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        assertThat(header).as("header " + name).isNotNull();
        return header.value();
    }

    private static String text(ConsumerRecord<String, byte[]> record, String name) {
        return new String(header(record, name), StandardCharsets.UTF_8);
    }
}
