package io.github.reselleroffboarding.consumer.engine;

import java.util.ArrayDeque;
import java.util.OptionalLong;
import org.apache.kafka.common.TopicPartition;

/**
 * Which offsets of one partition are done. Requests finish out of order; the committable offset is the end of
 * the contiguous prefix of finished ones, so a restart never skips an unfinished request. (Finished requests
 * above the prefix are replayed after a crash and recognised as answered by the state store.)
 */
final class PartitionProgress {

    /** One admitted offset. */
    static final class Slot {
        final long offset;
        boolean done;

        Slot(long offset) {
            this.offset = offset;
        }
    }

    private final TopicPartition partition;
    private final ArrayDeque<Slot> slots = new ArrayDeque<>();
    private long nextToCommit = -1;
    private long lastCommitted = -1;

    PartitionProgress(TopicPartition partition) {
        this.partition = partition;
    }

    TopicPartition partition() {
        return partition;
    }

    Slot admit(long offset) {
        Slot slot = new Slot(offset);
        slots.addLast(slot);
        return slot;
    }

    /** Forgets admitted offsets from {@code offset} on (they will be fetched again after a seek). */
    void forgetFrom(long offset) {
        while (!slots.isEmpty() && slots.peekLast().offset >= offset) {
            slots.removeLast();
        }
    }

    /** The offset to commit now, if it moved since the last commit. */
    OptionalLong toCommit() {
        while (!slots.isEmpty() && slots.peekFirst().done) {
            nextToCommit = slots.pollFirst().offset + 1;
        }
        return nextToCommit > lastCommitted ? OptionalLong.of(nextToCommit) : OptionalLong.empty();
    }

    void committed(long offset) {
        lastCommitted = Math.max(lastCommitted, offset);
    }

    int pending() {
        return slots.size();
    }
}
