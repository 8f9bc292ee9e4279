package io.github.reselleroffboarding.consumer.engine;

import io.github.reselleroffboarding.consumer.health.ServiceHealth;
import io.github.reselleroffboarding.consumer.state.StateSource;
import io.github.reselleroffboarding.consumer.state.TenantStateStore;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place partitions come and go. On revoke, a PATCH under way finishes (bounded) before another instance
 * may look at its tenant, what is finished is committed, and the rest is dropped for the new owner to redo; on
 * loss, everything of those partitions is dropped uncommitted; on assign, their state is restored first. Runs
 * inside {@code poll}, on the engine thread.
 */
final class RebalanceHandler implements ConsumerRebalanceListener {

    private static final Logger log = LoggerFactory.getLogger(RebalanceHandler.class);
    private static final Duration MAX_REMOVAL_WAIT = Duration.ofSeconds(15);

    private final LaneScheduler scheduler;
    private final FailureHandler failures;
    private final TransactionCommitter committer;
    private final PartitionOffsets offsets;
    private final Admission admission;
    private final TenantStateStore store;
    private final StateSource stateSource;
    private final ServiceHealth health;
    private final Ticker ticker;
    private final Duration removalWait;
    private final Runnable takeInResults;

    /** @param takeInResults lets finished work in while a revoke waits for a PATCH under way */
    RebalanceHandler(LaneScheduler scheduler, FailureHandler failures, TransactionCommitter committer,
            PartitionOffsets offsets, Admission admission, TenantStateStore store, StateSource stateSource,
            ServiceHealth health, Ticker ticker, Duration shutdownTimeout, Runnable takeInResults) {
        this.scheduler = scheduler;
        this.failures = failures;
        this.committer = committer;
        this.offsets = offsets;
        this.admission = admission;
        this.store = store;
        this.stateSource = stateSource;
        this.health = health;
        this.ticker = ticker;
        this.removalWait = shutdownTimeout.compareTo(MAX_REMOVAL_WAIT) < 0 ? shutdownTimeout : MAX_REMOVAL_WAIT;
        this.takeInResults = takeInResults;
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        Set<TopicPartition> revoked = new HashSet<>(partitions);
        long deadline = ticker.nanos() + removalWait.toNanos();
        while (scheduler.removalUnderWayIn(revoked) && ticker.nanos() - deadline < 0) {
            takeInResults.run();
            committer.commit();
            pause();
        }
        takeInResults.run();
        release(revoked, true);
        log.info("Partitions revoked: {}", revoked);
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
        Set<TopicPartition> lost = new HashSet<>(partitions);
        committer.dropPartitions(lost);
        release(lost, false);
        log.warn("Partitions lost (this instance left the group): {}", lost);
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        stateSource.restore(partitions.stream().map(TopicPartition::partition).toList(), store);
        offsets.assigned(partitions);
        health.assignedPartitions(offsets.count());
        if (!partitions.isEmpty()) {
            log.info("Partitions assigned: {}", partitions);
        }
    }

    private void release(Set<TopicPartition> partitions, boolean commitFirst) {
        List<Work> removed = scheduler.removePartitions(partitions);
        removed.forEach(Work::cancel);
        failures.forget(removed);
        if (commitFirst && !committer.commit()) {
            // what these partitions finished must not be committed after another instance owns them: it
            // answers them again, and the state already committed stops a second PATCH
            committer.dropPartitions(partitions);
        }
        offsets.released(partitions);
        admission.released(partitions);
        partitions.forEach(tp -> store.clear(tp.partition()));
        health.assignedPartitions(offsets.count());
    }

    private static void pause() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
