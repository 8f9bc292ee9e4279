package io.github.reselleroffboarding.consumer.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.reselleroffboarding.consumer.metrics.Tally;
import io.github.reselleroffboarding.consumer.metrics.Tally.OutcomeKind;
import io.github.reselleroffboarding.consumer.state.TenantState;
import io.opentelemetry.context.Context;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Sinks;

class PendingTransactionTest {

    private static final TopicPartition P0 = new TopicPartition("requests", 0);
    private static final TopicPartition P1 = new TopicPartition("requests", 1);
    private static final Tally REMOVED = new Tally.Outcome(OutcomeKind.REMOVED, List.of(), null);
    private static final Tally BLOCKED = new Tally.Outcome(OutcomeKind.BLOCKED, List.of(io.github.reselleroffboarding.events.BlockReasonCode.ACTIVE_SUBSCRIPTION),
            null);

    @Test
    void aCommitTriedAgainCarriesWhatCameSinceWithTheLaterStateWinning() {
        PendingTransaction deferred = new PendingTransaction();
        deferred.output(P0, record("first"), REMOVED, Context.root());
        deferred.state(P0, "tenant-a", intentBy("request-1"));
        deferred.state(P0, "tenant-b", intentBy("request-2"));
        Sinks.Empty<Void> firstIntent = Sinks.empty();
        deferred.intent(P0, firstIntent);

        PendingTransaction since = new PendingTransaction();
        since.output(P1, record("second"), BLOCKED, Context.root());
        since.output(P0, record("third"), REMOVED, Context.root());
        since.state(P0, "tenant-a", intentBy("request-3"));
        Sinks.Empty<Void> laterIntent = Sinks.empty();
        since.intent(P1, laterIntent);

        deferred.absorb(since);

        assertThat(deferred.outputs()).extracting(o -> o.record().topic()).containsExactly("first", "second", "third");
        assertThat(deferred.state(P0, "tenant-a").intentRequestEventId()).isEqualTo("request-3");
        assertThat(deferred.state(P0, "tenant-b").intentRequestEventId()).isEqualTo("request-2");
        assertThat(deferred.intents()).extracting(PendingTransaction.Intent::committed)
                .containsExactly(firstIntent, laterIntent);
        assertThat(deferred.tallies()).containsExactly(REMOVED, BLOCKED, REMOVED);
    }

    @Test
    void droppingALostPartitionKeepsTheOthersAndFailsItsIntentsSoTheirPatchIsNeverSent() {
        PendingTransaction pending = new PendingTransaction();
        pending.output(P0, record("lost"), REMOVED, Context.root());
        pending.output(P1, record("kept"), BLOCKED, Context.root());
        pending.state(P0, "tenant-a", intentBy("request-1"));
        pending.state(P1, "tenant-b", intentBy("request-2"));
        Sinks.Empty<Void> lostIntent = Sinks.empty();
        Sinks.Empty<Void> keptIntent = Sinks.empty();
        pending.intent(P0, lostIntent);
        pending.intent(P1, keptIntent);
        AtomicReference<Throwable> lostOutcome = new AtomicReference<>();
        lostIntent.asMono().subscribe(v -> { }, lostOutcome::set);

        pending.dropPartitions(Set.of(P0));

        assertThat(pending.outputs()).extracting(o -> o.record().topic()).containsExactly("kept");
        assertThat(pending.tallies()).as("what a lost partition held is never counted").containsExactly(BLOCKED);
        assertThat(pending.state(P0, "tenant-a")).isNull();
        assertThat(pending.state(P1, "tenant-b")).isNotNull();
        assertThat(pending.intents()).extracting(PendingTransaction.Intent::committed).containsExactly(keptIntent);
        assertThat(lostOutcome.get()).isInstanceOf(IllegalStateException.class).hasMessageContaining("requests-0");
    }

    private static ProducerRecord<byte[], byte[]> record(String topic) {
        return new ProducerRecord<>(topic, new byte[0]);
    }

    private static TenantState intentBy(String requestEventId) {
        return new TenantState(null, null, requestEventId, 1L, null, List.of());
    }
}
