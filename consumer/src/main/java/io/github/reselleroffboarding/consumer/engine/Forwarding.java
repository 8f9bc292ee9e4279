package io.github.reselleroffboarding.consumer.engine;

import io.github.reselleroffboarding.ids.TenantId;
import io.github.reselleroffboarding.settings.HeaderNames;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The repartition hop, as Kafka Streams does for re-keyed records: a request published under another key than its
 * canonical tenant id (upper case, braces, no key at all) is written back to the request topic under the canonical
 * key, in the same transaction as its offset, so Kafka's default partitioner puts it in the partition where the
 * tenant's state, order and idempotency live, and it is processed there exactly once. The value and headers go as
 * they came, plus where the record was forwarded from.
 */
final class Forwarding {

    private Forwarding() {
    }

    static ProducerRecord<byte[], byte[]> toCanonicalKey(ConsumerRecord<byte[], byte[]> record, TenantId tenant) {
        RecordHeaders headers = new RecordHeaders();
        for (Header header : record.headers()) {
            if (!header.key().equals(HeaderNames.FORWARDED_FROM)) {
                headers.add(header);
            }
        }
        headers.add(HeaderNames.FORWARDED_FROM, (record.topic() + "-" + record.partition() + "@" + record.offset())
                .getBytes(StandardCharsets.UTF_8));
        // no partition given: the producer's default partitioner hashes the key, as it does for every publisher
        return new ProducerRecord<>(record.topic(), null, tenant.value().getBytes(StandardCharsets.UTF_8),
                record.value(), headers);
    }
}
