package io.github.reselleroffboarding.consumer.engine;

import io.github.reselleroffboarding.consumer.metrics.Tally;
import io.github.reselleroffboarding.consumer.state.TenantState;
import io.opentelemetry.context.Context;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import reactor.core.publisher.Sinks;

/**
 * What the next transaction will commit: outcome and dead-letter records, state changes (last one per tenant
 * wins), and the intents whose PATCH waits for the commit. Each entry remembers the input partition it came
 * from, so a partition lost in a rebalance takes its entries with it. Owned by the {@link TransactionCommitter}.
 */
final class PendingTransaction {

    /** @param trace the trace context the record is produced in (that of the request it answers) */
    record Output(TopicPartition source, ProducerRecord<byte[], byte[]> record, Tally tally, Context trace) {
    }

    record StateChange(TopicPartition source, String tenantKey, TenantState state) {
    }

    record Intent(TopicPartition source, Sinks.Empty<Void> committed) {
    }

    private final List<Output> outputs = new ArrayList<>();
    private final Map<TopicPartition, Map<String, StateChange>> stateChanges = new HashMap<>();
    private final List<Intent> intents = new ArrayList<>();

    List<Output> outputs() {
        return Collections.unmodifiableList(outputs);
    }

    /** The last state change of each tenant, grouped by the partition it came from. */
    Map<TopicPartition, Map<String, StateChange>> stateChanges() {
        return Collections.unmodifiableMap(stateChanges);
    }

    List<Intent> intents() {
        return Collections.unmodifiableList(intents);
    }

    /** What the outputs count for, once the transaction commits. */
    List<Tally> tallies() {
        return outputs.stream().map(Output::tally).toList();
    }

    void output(TopicPartition source, ProducerRecord<byte[], byte[]> record, Tally tally, Context trace) {
        outputs.add(new Output(source, record, tally, trace));
    }

    void state(TopicPartition source, String tenantKey, TenantState state) {
        stateChanges.computeIfAbsent(source, k -> new HashMap<>())
                .put(tenantKey, new StateChange(source, tenantKey, state));
    }

    /** The state of a tenant as this transaction will leave it, if it changes it. */
    TenantState state(TopicPartition source, String tenantKey) {
        Map<String, StateChange> changes = stateChanges.get(source);
        StateChange change = changes == null ? null : changes.get(tenantKey);
        return change == null ? null : change.state();
    }

    void intent(TopicPartition source, Sinks.Empty<Void> committed) {
        intents.add(new Intent(source, committed));
    }

    /**
     * Takes on everything of {@code later}, which was gathered after this one: after an aborted commit, this
     * transaction is tried again with what came since, later state changes winning.
     */
    void absorb(PendingTransaction later) {
        outputs.addAll(later.outputs);
        later.stateChanges.forEach((tp, changes) -> stateChanges.computeIfAbsent(tp, k -> new HashMap<>())
                .putAll(changes));
        intents.addAll(later.intents);
    }

    boolean isEmpty() {
        return outputs.isEmpty() && stateChanges.isEmpty() && intents.isEmpty();
    }

    /** Drops what came from partitions this instance lost; their intents fail. */
    void dropPartitions(Set<TopicPartition> lost) {
        outputs.removeIf(o -> lost.contains(o.source()));
        lost.forEach(stateChanges::remove);
        intents.removeIf(i -> {
            if (lost.contains(i.source())) {
                i.committed().tryEmitError(new IllegalStateException("partition " + i.source() + " was lost"));
                return true;
            }
            return false;
        });
    }
}
