package io.github.reselleroffboarding.consumer.engine;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/** The progress of every partition this instance owns, and the offsets ready to commit. */
final class PartitionOffsets {

    private final Map<TopicPartition, PartitionProgress> progress = new HashMap<>();

    void assigned(Collection<TopicPartition> partitions) {
        partitions.forEach(tp -> progress.put(tp, new PartitionProgress(tp)));
    }

    void released(Collection<TopicPartition> partitions) {
        partitions.forEach(progress::remove);
    }

    /** The partition's progress, unless it is not (or no longer) assigned. */
    Optional<PartitionProgress> of(TopicPartition partition) {
        return Optional.ofNullable(progress.get(partition));
    }

    /** For each partition whose contiguous finished prefix moved, the offset to commit. */
    Map<TopicPartition, OffsetAndMetadata> committable() {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        progress.forEach((tp, p) -> p.toCommit().ifPresent(offset -> offsets.put(tp, new OffsetAndMetadata(offset))));
        return offsets;
    }

    void committed(Map<TopicPartition, OffsetAndMetadata> offsets) {
        offsets.forEach((tp, offset) -> of(tp).ifPresent(p -> p.committed(offset.offset())));
    }

    int count() {
        return progress.size();
    }
}
