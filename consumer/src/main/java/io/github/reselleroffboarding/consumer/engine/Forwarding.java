package io.github.reselleroffboarding.consumer.engine;

import io.github.reselleroffboarding.consumer.state.StatePlacement;
import io.github.reselleroffboarding.ids.TenantId;
import io.github.reselleroffboarding.settings.HeaderNames;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The repartition hop, as Kafka Streams does for re-keyed records: a request published under another key than its
 * canonical tenant id (upper case, braces, no key at all), or into another partition than that key's, is written
 * back to the request topic under the canonical key, into the partition Kafka's default partitioner gives it, in
 * the same transaction as its offset, so it is processed exactly once where the tenant's state, order and
 * idempotency live. The value and headers go as
 * they came, plus where the record was forwarded from.
 */
final class Forwarding {

    private Forwarding() {
    }

    /**
     * The record to forward, when {@code record} is not where its tenant's requests belong: under another key, or
     * in another partition than its key's (a publisher with another partitioner, or with metadata from before
     * partitions were added).
     *
     * @param partitions the request topic's partition count, or 0 when not known (then only the key is checked)
     */
    static Optional<ProducerRecord<byte[], byte[]>> ifElsewhere(ConsumerRecord<byte[], byte[]> record,
            TenantId tenant, int partitions) {
        String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
        Integer home = partitions > 0 ? StatePlacement.partitionFor(tenant.value(), partitions) : null;
        if (tenant.value().equals(key) && (home == null || home == record.partition())) {
            return Optional.empty();
        }
        return Optional.of(toCanonicalKey(record, tenant, home));
    }

    private static ProducerRecord<byte[], byte[]> toCanonicalKey(ConsumerRecord<byte[], byte[]> record,
            TenantId tenant, Integer home) {
        RecordHeaders headers = new RecordHeaders();
        for (Header header : record.headers()) {
            if (!header.key().equals(HeaderNames.FORWARDED_FROM)) {
                headers.add(header);
            }
        }
        headers.add(HeaderNames.FORWARDED_FROM, (record.topic() + "-" + record.partition() + "@" + record.offset())
                .getBytes(StandardCharsets.UTF_8));
        // the partition the consumer's view of the topic gives the key, as the default partitioner would; with no
        // view yet, the producer's partitioner decides
        return new ProducerRecord<>(record.topic(), home, tenant.value().getBytes(StandardCharsets.UTF_8),
                record.value(), headers);
    }
}
