package io.github.reselleroffboarding.consumer.engine;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.kafka.common.TopicPartition;

/**
 * One lane per tenant: the requests for a tenant run one at a time, in the order they arrived; different
 * tenants run side by side. The head of a lane is the request running (or waiting to retry).
 */
final class TenantLanes {

    private final Map<String, ArrayDeque<Work>> lanes = new HashMap<>();

    /** Queues {@code work}; true when its lane was empty, so it should start now. */
    boolean enqueue(Work work) {
        ArrayDeque<Work> lane = lanes.computeIfAbsent(work.tenantKey, k -> new ArrayDeque<>());
        lane.addLast(work);
        return lane.size() == 1;
    }

    /** The head of {@code work}'s lane is done; the next one of that lane, if any, should start. */
    Optional<Work> finish(Work work) {
        ArrayDeque<Work> lane = lanes.get(work.tenantKey);
        if (lane == null || lane.peekFirst() != work) {
            throw new IllegalStateException(work + " finished but is not the head of its lane");
        }
        lane.pollFirst();
        if (lane.isEmpty()) {
            lanes.remove(work.tenantKey);
            return Optional.empty();
        }
        return Optional.of(lane.peekFirst());
    }

    /**
     * Takes every request of the given partitions out of their lanes, handing each to {@code removed}; returns
     * the requests that became the head of a lane and should start.
     */
    List<Work> removePartitions(Set<TopicPartition> partitions, Consumer<Work> removed) {
        List<Work> newHeads = new ArrayList<>();
        for (Iterator<Map.Entry<String, ArrayDeque<Work>>> it = lanes.entrySet().iterator(); it.hasNext(); ) {
            ArrayDeque<Work> lane = it.next().getValue();
            Work head = lane.peekFirst();
            lane.removeIf(work -> {
                if (partitions.contains(work.partition)) {
                    removed.accept(work);
                    return true;
                }
                return false;
            });
            if (lane.isEmpty()) {
                it.remove();
            } else if (lane.peekFirst() != head) {
                newHeads.add(lane.peekFirst());
            }
        }
        return newHeads;
    }

    /** Every request admitted and not finished. */
    List<Work> all() {
        List<Work> all = new ArrayList<>();
        lanes.values().forEach(all::addAll);
        return all;
    }

    int tenants() {
        return lanes.size();
    }
}
