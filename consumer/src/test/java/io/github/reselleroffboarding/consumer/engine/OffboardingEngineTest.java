package io.github.reselleroffboarding.consumer.engine;

import static io.github.reselleroffboarding.consumer.engine.EngineFixture.PROBE_INTERVAL;
import static io.github.reselleroffboarding.consumer.engine.EngineFixture.TOPICS;
import static io.github.reselleroffboarding.consumer.engine.EngineFixture.partitions;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.reselleroffboarding.consumer.processing.RequestAttempt;
import io.github.reselleroffboarding.consumer.processing.UnconfirmedRemovalException;
import io.github.reselleroffboarding.consumer.state.TenantState;
import io.github.reselleroffboarding.consumer.state.TenantStateCodec;
import io.github.reselleroffboarding.partnercenter.Operation;
import io.github.reselleroffboarding.partnercenter.PartnerCenterErrors;
import io.github.reselleroffboarding.settings.HeaderNames;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine's behaviour on Kafka's {@code MockConsumer}/{@code MockProducer}, stepped turn by turn: nothing
 * here waits for a broker, a socket or a clock, so each test is over in milliseconds on any machine. What needs
 * a broker (transactions end to end, kill -9, rebalances across processes) is in the broker ITs.
 */
class OffboardingEngineTest {

    static final String A = "6f1c5a53-3c9b-4c0e-9a55-0d3a0d1c1a11";
    static final String B = "7a2d6b64-4dac-4d1f-8b66-1e4b1e2d2b22";
    static final String C = "8b3e7c75-5ebd-4e20-9c77-2f5c2f3e3c33";

    @TempDir
    Path stateDir;
    EngineFixture kafka;

    @AfterEach
    void close() {
        kafka.close();
    }

    @Test
    void theRequestsTraceContextIsCopiedToItsOutcomeAndNothingElseOfItsHeaders() {
        kafka = new EngineFixture(stateDir, 10).assigned(0);
        String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        kafka.publishWithHeaders(0, A, "a-1", Map.of("traceparent", traceparent, "tracestate", "vendor=1",
                "baggage", "tenant.tier=gold", "x-internal", "not copied"));

        kafka.settle();

        var outcome = kafka.committedRecords().stream().filter(r -> r.topic().equals(TOPICS.removed())).findFirst()
                .orElseThrow();
        assertThat(new String(outcome.headers().lastHeader("traceparent").value(), StandardCharsets.UTF_8))
                .isEqualTo(traceparent);
        assertThat(new String(outcome.headers().lastHeader("tracestate").value(), StandardCharsets.UTF_8))
                .isEqualTo("vendor=1");
        assertThat(new String(outcome.headers().lastHeader("baggage").value(), StandardCharsets.UTF_8))
                .isEqualTo("tenant.tier=gold");
        assertThat(outcome.headers().lastHeader("x-internal")).isNull();
    }

    @Test
    void offsetsCommitOnlyTheContiguousFinishedPrefix() {
        kafka = new EngineFixture(stateDir, 10).assigned(0);
        kafka.partnerCenter.hold("a-1");
        kafka.publish(0, A, "a-1");
        kafka.publish(0, B, "b-1");
        kafka.publish(0, C, "c-1");

        kafka.settle();

        // b-1 and c-1 are answered; offset 0 (a-1) is not, so nothing may be committed past it
        assertThat(kafka.committedOutcomes(TOPICS.removed())).containsExactlyInAnyOrder("b-1", "c-1");
        assertThat(kafka.committedOffset(0)).isEmpty();

        kafka.partnerCenter.answerBlocked("a-1");
        kafka.settle();

        assertThat(kafka.committedOutcomes(TOPICS.blocked())).containsExactly("a-1");
        assertThat(kafka.committedOffset(0)).contains(3L);
    }

    @Test
    void theInFlightCapPausesAndResumesFetching() {
        kafka = new EngineFixture(stateDir, 2).assigned(0);
        kafka.partnerCenter.holdEverything();
        kafka.publish(0, A, "a-1");
        kafka.publish(0, B, "b-1");
        kafka.publish(0, C, "c-1");

        kafka.turn(); // fetches all three
        kafka.turn(); // the cap is reached: fetching pauses

        assertThat(kafka.partnerCenter.started).containsExactly("a-1", "b-1");
        assertThat(kafka.consumer.paused()).containsExactlyElementsOf(partitions(0));

        kafka.partnerCenter.answerBlocked("a-1");
        kafka.turn();
        // c-1 took a-1's place; three were admitted, one answered: still at the cap
        assertThat(kafka.partnerCenter.started).containsExactly("a-1", "b-1", "c-1");
        assertThat(kafka.consumer.paused()).isNotEmpty();

        kafka.partnerCenter.answerBlocked("b-1");
        kafka.turn();
        kafka.turn();
        assertThat(kafka.consumer.paused()).isEmpty();
    }

    @Test
    void aRetriedTenantHoldsBackOnlyItsOwnLaterRequests() {
        kafka = new EngineFixture(stateDir, 10).assigned(0);
        kafka.partnerCenter.failNext(A, PartnerCenterErrors.forAnswer(Operation.LIST_SUBSCRIPTIONS, 503, null,
                "unavailable"));
        kafka.publish(0, A, "a-1");
        kafka.publish(0, B, "b-1");
        kafka.publish(0, A, "a-2");

        kafka.settle();

        // a-1 waits for its retry; b-1 is done; a-2 has not even started
        assertThat(kafka.committedOutcomes(TOPICS.removed())).containsExactly("b-1");
        assertThat(kafka.partnerCenter.wasStarted("a-2")).isFalse();

        kafka.ticker.advance(FailurePolicy.MAX_RETRY_DELAY);
        kafka.settle();

        assertThat(kafka.partnerCenter.timesStarted("a-1")).isEqualTo(2);
        assertThat(kafka.committedOutcomes(TOPICS.removed())).containsExactly("b-1", "a-1", "a-2");
    }

    @Test
    void aThrottledRequestComesBackNoSoonerThanRetryAfterSays() {
        kafka = new EngineFixture(stateDir, 10).assigned(0);
        kafka.partnerCenter.failNext(A, PartnerCenterErrors.forAnswer(Operation.LIST_SUBSCRIPTIONS, 429, null,
                "Rate limit is exceeded", Duration.ofMinutes(2)));
        kafka.publish(0, A, "a-1");
        kafka.settle();

        // far beyond the request's own backoff (at most 30 s), still before Partner Center's time (each settle
        // moves the clock another 0.8 s)
        kafka.ticker.advance(Duration.ofSeconds(110));
        kafka.settle();
        assertThat(kafka.partnerCenter.timesStarted("a-1")).isEqualTo(1);

        kafka.ticker.advance(Duration.ofSeconds(10));
        kafka.settle();
        assertThat(kafka.partnerCenter.timesStarted("a-1")).isEqualTo(2);
        assertThat(kafka.committedOutcomes(TOPICS.removed())).containsExactly("a-1");
    }

    @Test
    void aTryPartnerCenterAnsweredIsFollowedByANewAttemptAndOneLeftUnansweredByTheSameAttempt() {
        kafka = new EngineFixture(stateDir, 10).assigned(0);
        kafka.partnerCenter.failNext(A,
                PartnerCenterErrors.forAnswer(Operation.REMOVE_RELATIONSHIP, 503, "800003", "Unexpected error"),
                PartnerCenterErrors.forAnswer(Operation.REMOVE_RELATIONSHIP, 504, null, "gateway timeout"),
                new UnconfirmedRemovalException("answered relationshipToPartner=RESELLER"));
        kafka.publish(0, A, "a-1");
        for (int i = 0; i < 4; i++) {
            kafka.settle();
            kafka.ticker.advance(FailurePolicy.MAX_RETRY_DELAY);
        }
        kafka.settle();

        // answered (new attempt), no answer from Partner Center itself (same attempt), answered (new attempt)
        assertThat(kafka.partnerCenter.attempts).extracting(RequestAttempt::generation).containsExactly(0, 1, 1, 2);
        assertThat(kafka.committedOutcomes(TOPICS.removed())).containsExactly("a-1");
    }

    @Test
    void afterARestartTheAttemptRecordedWithTheIntentIsTriedAgainSoItsPatchCarriesTheSameId() {
        kafka = new EngineFixture(stateDir, 10).assigned(0);
        // as restored from the state topic after a crash: a-1's intent, from its third attempt, was committed
        kafka.store.put(0, A, new TenantStateCodec().encode(TenantState.EMPTY.withIntent("a-1", 2, EngineFixture.NOW)));
        kafka.publish(0, A, "a-1");
        kafka.settle();

        assertThat(kafka.partnerCenter.attempts).extracting(RequestAttempt::generation).containsExactly(2);
    }

    @Test
    void aDeadLetterSentBackIsANewAttemptNamedByWhereItWas() {
        kafka = new EngineFixture(stateDir, 10).assigned(0);
        kafka.publishReplayed(0, A, "a-1", "customer-offboard-requested-dlt-0@17");
        kafka.settle();

        assertThat(kafka.partnerCenter.attempts).singleElement().satisfies(attempt -> {
            assertThat(attempt.replayedFrom()).isEqualTo("customer-offboard-requested-dlt-0@17");
            assertThat(attempt.idScope()).isNotEmpty();
        });
    }

    @Test
    void anOutageForEveryoneIsWaitedOutWithoutSpendingBudgetsAndAProbeResumesEveryone() {
        kafka = new EngineFixture(stateDir, 50, Duration.ofSeconds(30));
        kafka.assigned(0, 1);
        kafka.partnerCenter.outage(PartnerCenterErrors.forAnswer(Operation.GET_CUSTOMER, 503, "503",
                "Service unavailable"));
        for (int i = 0; i < 12; i++) {
            kafka.publish(i % 2, tenant(i), "r-" + i);
        }
        // two minutes of outage, four times the retry budget
        for (int second = 0; second < 120; second += 5) {
            kafka.settle();
            kafka.ticker.advance(Duration.ofSeconds(5));
        }
        kafka.settle();

        assertThat(kafka.health.isReady()).isFalse();
        assertThat(kafka.health.notReadyReason()).contains("Partner Center is failing for everyone");
        assertThat(kafka.committedRecords()).noneMatch(r -> r.topic().equals(TOPICS.deadLetter()));
        // twelve first tries, the few retries before the outage was recognised, then one probe per interval
        assertThat(kafka.partnerCenter.started).hasSizeLessThan(12 + 10 + 120 / 5 + 2);
        assertThat(kafka.consumer.paused()).isNotEmpty();

        kafka.partnerCenter.recover();
        kafka.ticker.advance(EngineFixture.OUTAGE_PROBE_INTERVAL);
        kafka.settle();

        assertThat(kafka.committedOutcomes(TOPICS.removed())).hasSize(12);
        assertThat(kafka.health.isReady()).isTrue();
        assertThat(kafka.committedRecords()).noneMatch(r -> r.topic().equals(TOPICS.deadLetter()));
    }

    @Test
    void oneTenantFailingWhileOthersSucceedIsNoOutageAndSpendsItsBudget() {
        kafka = new EngineFixture(stateDir, 50, Duration.ofSeconds(30));
        kafka.assigned(0);
        RuntimeException[] failures = new RuntimeException[100];
        java.util.Arrays.fill(failures, PartnerCenterErrors.forAnswer(Operation.GET_CUSTOMER, 503, "503", "busy"));
        kafka.partnerCenter.failNext(A, failures);
        kafka.publish(0, A, "a-1");
        for (int i = 0; i < 20; i++) {
            kafka.publish(0, tenant(i), "ok-" + i);
        }
        for (int second = 0; second < 60; second += 5) {
            kafka.settle();
            kafka.ticker.advance(Duration.ofSeconds(5));
        }
        kafka.settle();

        assertThat(kafka.committedOutcomes(TOPICS.removed())).hasSize(20);
        assertThat(kafka.committedRecords()).filteredOn(r -> r.topic().equals(TOPICS.deadLetter())).hasSize(1);
        assertThat(kafka.health.isReady()).isTrue();
    }

    private static String tenant(int i) {
        return String.format("6f1c5a53-3c9b-4c0e-9a55-%012d", i + 1);
    }

    @Test
    void anAuthFailureParksEveryoneAndAProbeResumes() {
        kafka = new EngineFixture(stateDir, 10).assigned(0);
        RuntimeException refused = PartnerCenterErrors.forAnswer(Operation.LIST_SUBSCRIPTIONS, 401, null,
                "token refused");
        kafka.partnerCenter.failNext(A, refused, refused);
        kafka.partnerCenter.failNext(B, refused);
        kafka.publish(0, A, "a-1");
        kafka.publish(0, B, "b-1");

        kafka.settle();

        assertThat(kafka.health.isReady()).isFalse();
        assertThat(kafka.health.notReadyReason()).contains("refused the credentials");
        assertThat(kafka.consumer.paused()).isNotEmpty();
        assertThat(kafka.committedOutcomes(TOPICS.removed())).isEmpty();
        assertThat(kafka.committedRecords()).noneMatch(r -> r.topic().equals(TOPICS.deadLetter()));

        // the first probe is refused too; the parked request is not tried meanwhile
        kafka.ticker.advance(PROBE_INTERVAL);
        kafka.settle();
        assertThat(kafka.partnerCenter.timesStarted("a-1")).isEqualTo(2);
        assertThat(kafka.partnerCenter.timesStarted("b-1")).isEqualTo(1);
        assertThat(kafka.health.isReady()).isFalse();

        // the next probe is accepted: everyone parked runs again, and the service is ready
        kafka.ticker.advance(PROBE_INTERVAL);
        kafka.settle();
        assertThat(kafka.committedOutcomes(TOPICS.removed())).containsExactlyInAnyOrder("a-1", "b-1");
        assertThat(kafka.health.isReady()).isTrue();
        assertThat(kafka.consumer.paused()).isEmpty();
    }

    @Test
    void aCommitRefusedForAStaleGenerationIsTriedAgainWithWhatCameSince() {
        kafka = new EngineFixture(stateDir, 10).assigned(0);
        kafka.producer.commitTransactionException = new CommitFailedException("stale generation");
        kafka.publish(0, A, "a-1");
        kafka.settle();

        assertThat(kafka.committedRecords()).isEmpty();
        assertThat(kafka.producer.transactionAborted()).isTrue();

        kafka.producer.commitTransactionException = null;
        kafka.publish(0, B, "b-1");
        kafka.settle();

        // one answer each, in the commit that finally went through, and the offsets past both
        assertThat(kafka.committedOutcomes(TOPICS.removed())).containsExactlyInAnyOrder("a-1", "b-1");
        assertThat(kafka.committedOffset(0)).contains(2L);
    }

    @Test
    void aRebalanceDuringACommitDropsWhatTheRevokedPartitionsFinished() {
        kafka = new EngineFixture(stateDir, 10).assigned(0, 1);
        kafka.partnerCenter.hold("a-1");
        kafka.partnerCenter.hold("b-1");
        kafka.publish(0, A, "a-1");
        kafka.publish(1, B, "b-1");
        kafka.turn();
        kafka.partnerCenter.answerBlocked("a-1");
        kafka.partnerCenter.answerBlocked("b-1");
        kafka.turn(); // both answers staged for the next commit
        kafka.producer.commitTransactionException = new CommitFailedException("the group is rebalancing");

        // partition 0 goes to another instance while the commit cannot go through
        kafka.consumer.rebalance(partitions(1));
        kafka.producer.commitTransactionException = null;
        kafka.settle();

        // the new owner of partition 0 answers a-1 again; this instance must not have committed it
        assertThat(kafka.committedOutcomes(TOPICS.blocked())).containsExactly("b-1");
        assertThat(kafka.committedOffset(0)).isEmpty();
        assertThat(kafka.committedOffset(1)).contains(1L);
    }

    @Test
    void shutdownDrainsWhatIsInFlightCommitsItAndLeavesTheRestForTheNextRun() {
        kafka = new EngineFixture(stateDir, 10).assigned(0);
        kafka.partnerCenter.hold("a-1");
        kafka.partnerCenter.hold("b-1");
        kafka.publish(0, A, "a-1");
        kafka.publish(0, B, "b-1");
        kafka.turn();

        kafka.engine.stop();
        kafka.partnerCenter.answerBlocked("a-1");
        // b-1 never finishes: the drain waits for it only until the shutdown timeout
        kafka.ticker.stepOnEveryRead(Duration.ofMillis(5));
        kafka.engine.shutdown();

        assertThat(kafka.committedOutcomes(TOPICS.blocked())).containsExactly("a-1");
        assertThat(kafka.committedOffset(0)).contains(1L);
        assertThat(kafka.consumer.paused()).containsExactlyElementsOf(partitions(0));
    }

    @Test
    void aRequestUnderAnotherKeyIsForwardedToItsCanonicalKeyInTheTransactionOfItsOffsetAndAnsweredThereOnce() {
        kafka = new EngineFixture(stateDir, 10).assigned(0);
        kafka.publishKeyed(0, A.toUpperCase(java.util.Locale.ROOT), A, "a-1");
        kafka.publishKeyed(0, null, A, "a-1");
        kafka.settle();

        List<ProducerRecord<byte[], byte[]>> forwarded = kafka.committedRecords().stream()
                .filter(r -> r.topic().equals(EngineFixture.REQUESTS)).toList();
        assertThat(forwarded).hasSize(2).allSatisfy(r -> {
            assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo(A);
            assertThat(r.partition()).as("left to the default partitioner").isNull();
            assertThat(r.headers().lastHeader(HeaderNames.FORWARDED_FROM)).isNotNull();
        });
        assertThat(kafka.partnerCenter.started).isEmpty();
        assertThat(kafka.committedOffset(0)).contains(2L);

        kafka.deliverForwarded(0);
        kafka.settle();

        assertThat(kafka.committedOutcomes(TOPICS.removed())).containsExactly("a-1");
        assertThat(kafka.partnerCenter.timesStarted("a-1")).isEqualTo(1);
    }

    @Test
    void aRequestInAnotherPartitionThanItsKeysIsForwardedToThatPartition() {
        kafka = new EngineFixture(stateDir, 10);
        List<org.apache.kafka.common.PartitionInfo> six = new java.util.ArrayList<>();
        for (int p = 0; p < 6; p++) {
            six.add(new org.apache.kafka.common.PartitionInfo(EngineFixture.REQUESTS, p, null, null, null));
        }
        kafka.consumer.updatePartitions(EngineFixture.REQUESTS, six);
        int home = io.github.reselleroffboarding.consumer.state.StatePlacement.partitionFor(A, 6);
        int elsewhere = (home + 1) % 6;
        kafka.assigned(elsewhere);
        // canonically keyed, but put where a producer with stale metadata or another partitioner put it
        kafka.publish(elsewhere, A, "a-1");
        kafka.settle();

        assertThat(kafka.committedRecords()).filteredOn(r -> r.topic().equals(EngineFixture.REQUESTS))
                .singleElement().satisfies(r -> assertThat(r.partition()).isEqualTo(home));
        assertThat(kafka.partnerCenter.started).isEmpty();
    }

    @Test
    void theRequestsIdsAreInTheMdcOnlyWhileTheEngineHandlesIt() {
        kafka = new EngineFixture(stateDir, 10).assigned(0);
        java.util.List<java.util.Map<String, String>> seen = new java.util.ArrayList<>();
        ch.qos.logback.classic.Logger emitter = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory
                .getLogger(OutcomeEmitter.class);
        ch.qos.logback.core.AppenderBase<ch.qos.logback.classic.spi.ILoggingEvent> capture =
                new ch.qos.logback.core.AppenderBase<>() {
                    @Override
                    protected void append(ch.qos.logback.classic.spi.ILoggingEvent event) {
                        seen.add(event.getMDCPropertyMap());
                    }
                };
        capture.start();
        ch.qos.logback.classic.Level level = emitter.getLevel();
        emitter.setLevel(ch.qos.logback.classic.Level.DEBUG);
        emitter.addAppender(capture);
        try {
            kafka.publish(0, A, "a-1");
            kafka.settle();
        } finally {
            emitter.detachAppender(capture);
            emitter.setLevel(level);
        }

        assertThat(seen).singleElement().satisfies(mdc -> assertThat(mdc).containsEntry("tenantId", A)
                .containsEntry("requestEventId", "a-1").containsEntry("partition", "0")
                .containsEntry("offset", "0"));
        assertThat(org.slf4j.MDC.getCopyOfContextMap()).as("nothing left behind on the engine thread")
                .satisfiesAnyOf(m -> assertThat(m).isNull(), m -> assertThat(m).isEmpty());
    }

    @Test
    void aRequestPublishedTwiceIsAnsweredOnce() {
        kafka = new EngineFixture(stateDir, 10).assigned(0);
        kafka.publish(0, A, "a-1");
        kafka.settle();
        kafka.publish(0, A, "a-1");
        kafka.settle();

        assertThat(kafka.committedOutcomes(TOPICS.removed())).containsExactly("a-1");
        assertThat(kafka.partnerCenter.timesStarted("a-1")).isEqualTo(1);
        assertThat(kafka.committedOffset(0)).contains(2L);
        assertThat(kafka.metrics.duplicates()).isEqualTo(1);
    }

    @Test
    void aRequestWithAHugeTenantIdIsAnsweredInvalidWithASmallRecordAndTheNextOneIsAnswered() {
        kafka = new EngineFixture(stateDir, 10).assigned(0);
        kafka.publish(0, "x".repeat(600_000), "huge-1");
        kafka.publish(0, A, "a-1");

        kafka.settle();

        assertThat(kafka.committedOutcomes(TOPICS.blocked())).containsExactly("huge-1");
        assertThat(kafka.committedOutcomes(TOPICS.removed())).containsExactly("a-1");
        assertThat(kafka.committedRecords()).allSatisfy(record -> {
            assertThat(record.key().length).isLessThanOrEqualTo(200);
            assertThat(record.value().length).isLessThan(10_000);
        });
        assertThat(kafka.committedOffset(0)).contains(2L);
    }

    @Test
    void anUnreadableRecordIsDeadLetteredAndTheNextOneAnswered() {
        kafka = new EngineFixture(stateDir, 10).assigned(0);
        kafka.publishBytes(0, A, new byte[] {1, 2, 3});
        kafka.publish(0, A, "a-1");

        kafka.settle();

        assertThat(kafka.committedRecords()).filteredOn(r -> r.topic().equals(TOPICS.deadLetter())).hasSize(1);
        assertThat(kafka.committedOutcomes(TOPICS.removed())).containsExactly("a-1");
        assertThat(kafka.committedOffset(0)).contains(2L);
    }
}
