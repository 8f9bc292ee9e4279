package io.github.reselleroffboarding.consumer.engine;

import io.github.reselleroffboarding.consumer.metrics.ServiceMetrics;
import io.github.reselleroffboarding.consumer.metrics.Tally;
import io.github.reselleroffboarding.consumer.state.TenantState;
import io.github.reselleroffboarding.consumer.state.TenantStateCodec;
import io.github.reselleroffboarding.consumer.state.TenantStateStore;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Sinks;

/**
 * Everything the next transaction will hold, and the commit itself: in one Kafka transaction the outcomes and
 * dead letters finished since the last commit, the tenants' state changes and the input offsets (the contiguous
 * finished prefix of each partition). Only after the commit are the local state store and the committed
 * offsets updated and the intents waiting for it released, so nothing is believed that Kafka did not keep.
 */
final class TransactionCommitter {

    private static final Logger log = LoggerFactory.getLogger(TransactionCommitter.class);
    /** Commits in a row put off by rebalances before the engine gives up and starts afresh. */
    static final int MAX_DEFERRED_COMMITS = 50;

    private final Producer<byte[], byte[]> producer;
    private final Supplier<ConsumerGroupMetadata> groupMetadata;
    private final String stateTopic;
    private final TenantStateStore store;
    private final PartitionOffsets offsets;
    private final ServiceMetrics metrics;
    private final Ticker ticker;
    private final Duration interval;
    private final TenantStateCodec codec = new TenantStateCodec();
    private PendingTransaction pending = new PendingTransaction();
    private long lastCommitNanos;
    private int deferredCommits;

    TransactionCommitter(Producer<byte[], byte[]> producer, Supplier<ConsumerGroupMetadata> groupMetadata,
            String stateTopic, TenantStateStore store, PartitionOffsets offsets, ServiceMetrics metrics, Ticker ticker,
            Duration interval) {
        this.producer = producer;
        this.groupMetadata = groupMetadata;
        this.stateTopic = stateTopic;
        this.store = store;
        this.offsets = offsets;
        this.metrics = metrics;
        this.ticker = ticker;
        this.interval = interval;
        this.lastCommitNanos = ticker.nanos();
    }

    /**
     * Stages an outcome or dead letter for the next transaction, counted as {@code tally} once committed and
     * produced in the trace context current now (the record's being processed).
     */
    void output(TopicPartition source, ProducerRecord<byte[], byte[]> record, Tally tally) {
        output(source, record, tally, Context.current());
    }

    void output(TopicPartition source, ProducerRecord<byte[], byte[]> record, Tally tally, Context trace) {
        pending.output(source, record, tally, trace);
    }

    /** The tenant's state as the next transaction will leave it. */
    void stage(TopicPartition source, String tenantKey, TenantState state) {
        pending.state(source, tenantKey, state);
    }

    /** The tenant's state: as staged for the next transaction, else as committed. */
    TenantState stateOf(TopicPartition source, String tenantKey) {
        TenantState staged = pending.state(source, tenantKey);
        if (staged != null) {
            return staged;
        }
        return store.get(source.partition(), tenantKey).orElse(TenantState.EMPTY);
    }

    /** {@code committed} completes when the transaction holding the intent commits (a PATCH waits for it). */
    void awaitCommit(TopicPartition source, Sinks.Empty<Void> committed) {
        pending.intent(source, committed);
    }

    /** Commits when the commit interval has passed since the last one. */
    void commitIfDue() {
        if (ticker.nanos() - lastCommitNanos >= interval.toNanos()) {
            commit();
        }
    }

    /**
     * Commits everything finished since the last commit. Returns false when a rebalance put the commit off:
     * everything stays pending for the next try.
     *
     * @throws EngineFailure when the transaction cannot be committed; a new engine must take over
     */
    boolean commit() {
        long started = ticker.nanos();
        lastCommitNanos = started;
        Map<TopicPartition, OffsetAndMetadata> toCommit = offsets.committable();
        if (pending.isEmpty() && toCommit.isEmpty()) {
            return true;
        }
        PendingTransaction committing = pending;
        pending = new PendingTransaction();
        Map<TopicPartition, Map<String, byte[]>> encodedStates = new HashMap<>();
        try {
            producer.beginTransaction();
            for (PendingTransaction.Output output : committing.outputs()) {
                // a no-op without a tracing agent; with one, the produce span joins the request's trace
                try (Scope ignored = output.trace().makeCurrent()) {
                    producer.send(output.record());
                }
            }
            committing.stateChanges().forEach((tp, changes) -> changes.values().forEach(change -> {
                byte[] encoded = codec.encode(change.state());
                encodedStates.computeIfAbsent(tp, k -> new HashMap<>()).put(change.tenantKey(), encoded);
                producer.send(new ProducerRecord<>(stateTopic, tp.partition(),
                        change.tenantKey().getBytes(StandardCharsets.UTF_8), encoded));
            }));
            if (!toCommit.isEmpty()) {
                producer.sendOffsetsToTransaction(toCommit, groupMetadata.get());
            }
            producer.commitTransaction();
        } catch (KafkaException e) {
            boolean aborted = abort(e);
            boolean rebalance = aborted && isStaleGeneration(e) && ++deferredCommits <= MAX_DEFERRED_COMMITS;
            metrics.aborted(rebalance);
            if (rebalance) {
                // a rebalance moved the group on while this instance was committing: nothing is wrong with
                // the work, the next poll brings the new generation, and the same transaction is tried again
                log.info("Commit deferred: the group is rebalancing ({})", e.getMessage());
                committing.absorb(pending);
                pending = committing;
                return false;
            }
            committing.intents().forEach(i -> i.committed().tryEmitError(e));
            throw new EngineFailure("cannot commit outcomes and offsets: " + e, e);
        }
        deferredCommits = 0;
        encodedStates.forEach((tp, states) -> states.forEach((tenant, encoded) ->
                store.put(tp.partition(), tenant, encoded)));
        offsets.committed(toCommit);
        committing.intents().forEach(i -> i.committed().tryEmitEmpty());
        metrics.committed(committing.tallies(), ticker.nanos() - started);
        return true;
    }

    /** Forgets what came from partitions this instance no longer owns; their intents fail. */
    void dropPartitions(Set<TopicPartition> partitions) {
        pending.dropPartitions(partitions);
    }

    /** The engine is closing: nothing pending will be committed, so no PATCH may wait for it. */
    void abandon(Throwable why) {
        pending.intents().forEach(i -> i.committed().tryEmitError(why));
    }

    private boolean abort(KafkaException cause) {
        try {
            producer.abortTransaction();
            return true;
        } catch (KafkaException abortFailed) {
            cause.addSuppressed(abortFailed);
            return false;
        }
    }

    /** The offsets carried a group generation the coordinator has moved past: a rebalance, not a failure. */
    private static boolean isStaleGeneration(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CommitFailedException) {
                return true;
            }
        }
        return false;
    }
}
