package io.github.reselleroffboarding.consumer.engine;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Decides when an admitted request runs: one at a time per tenant, in arrival order ({@link TenantLanes}), and
 * at most {@code maxInFlight} at once; lane heads beyond the cap wait, oldest first. Admitted requests count
 * against the same cap for fetching, so memory stays bounded by it, not by the backlog.
 */
final class LaneScheduler {

    private final TenantLanes lanes = new TenantLanes();
    private final ArrayDeque<Work> waitingForCapacity = new ArrayDeque<>();
    private final int maxInFlight;
    private final Consumer<Work> launch;
    /** Admitted and not answered: drives pausing, bounds memory. */
    private int admitted;
    /** Started and not answered: never more than maxInFlight. */
    private int active;

    /** @param launch runs a request that now holds a place under the cap */
    LaneScheduler(int maxInFlight, Consumer<Work> launch) {
        this.maxInFlight = maxInFlight;
        this.launch = launch;
    }

    void admit(Work work) {
        admitted++;
        if (lanes.enqueue(work)) {
            start(work);
        }
    }

    /** {@code work} is answered (or dead-lettered): its place and its lane move on. */
    void finish(Work work) {
        work.slot.done = true;
        admitted--;
        if (work.active) {
            work.active = false;
            active--;
        }
        lanes.finish(work).ifPresent(this::start);
        fillCapacity();
    }

    /** Takes every request of {@code partitions} out, returns them; the lanes they held move on. */
    List<Work> removePartitions(Set<TopicPartition> partitions) {
        List<Work> removed = new ArrayList<>();
        List<Work> newHeads = lanes.removePartitions(partitions, removed::add);
        waitingForCapacity.removeAll(removed);
        for (Work work : removed) {
            if (work.active) {
                work.active = false;
                active--;
            }
        }
        admitted -= removed.size();
        newHeads.forEach(this::start);
        fillCapacity();
        return removed;
    }

    /** As many requests admitted as the cap allows: fetch no more. */
    boolean isFull() {
        return admitted >= maxInFlight;
    }

    int admitted() {
        return admitted;
    }

    int active() {
        return active;
    }

    /** Every request admitted and not finished. */
    List<Work> all() {
        return lanes.all();
    }

    /** Whether a request of {@code partitions} may have a write (its PATCH, a clean-up write) under way. */
    boolean removalUnderWayIn(Set<TopicPartition> partitions) {
        return lanes.all().stream().anyMatch(w -> partitions.contains(w.partition) && w.writeStarted);
    }

    private void start(Work work) {
        if (active >= maxInFlight) {
            waitingForCapacity.addLast(work);
            return;
        }
        work.active = true;
        active++;
        launch.accept(work);
    }

    private void fillCapacity() {
        while (active < maxInFlight && !waitingForCapacity.isEmpty()) {
            Work next = waitingForCapacity.pollFirst();
            if (!next.cancelled) {
                start(next);
            }
        }
    }
}
