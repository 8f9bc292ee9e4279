package io.github.reselleroffboarding.producer.report;

import io.github.reselleroffboarding.events.OffboardAssessed;
import io.github.reselleroffboarding.events.OffboardBlocked;
import io.github.reselleroffboarding.events.RelationshipRemoved;
import io.github.reselleroffboarding.producer.CliFailure;
import io.github.reselleroffboarding.producer.CommittedReader;
import io.github.reselleroffboarding.serde.AvroDeserializer;
import io.github.reselleroffboarding.settings.HeaderNames;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads the outcome topics and the dead-letter topic over a window of record timestamps, committed transactions
 * only, without a consumer group: each partition from the first offset at or after {@code from} to the first
 * after {@code to} (or its end as it was when reading began, so a busy topic cannot keep it reading forever).
 */
final class OutcomeLog {

    /** The topics a report reads. */
    record Topics(String removed, String blocked, String assessed, String deadLetters) {

        List<String> all() {
            return List.of(removed, blocked, assessed, deadLetters);
        }
    }

    private final Map<String, Object> clientProperties;
    private final Duration timeout;

    OutcomeLog(Map<String, Object> clientProperties, Duration timeout) {
        this.clientProperties = clientProperties;
        this.timeout = timeout;
    }

    void read(Topics topics, Instant from, Instant to, OutcomeTally tally) {
        AvroDeserializer decoder = CommittedReader.eventDecoder(clientProperties);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                CommittedReader.consumerProperties(clientProperties), new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics.all()) {
                consumer.partitionsFor(topic, timeout).forEach(p -> partitions.add(new TopicPartition(topic,
                        p.partition())));
            }
            Map<TopicPartition, Long> stops = stops(consumer, partitions, to);
            Map<TopicPartition, Long> starts = new HashMap<>();
            consumer.offsetsForTimes(timestamps(partitions, from), timeout).forEach((tp, found) ->
                    starts.put(tp, found == null ? stops.get(tp) : found.offset()));
            List<TopicPartition> toRead = partitions.stream().filter(tp -> starts.get(tp) < stops.get(tp)).toList();
            consumer.assign(toRead);
            toRead.forEach(tp -> consumer.seek(tp, starts.get(tp)));
            Set<TopicPartition> open = new java.util.HashSet<>(toRead);
            long idleSince = System.nanoTime();
            while (!open.isEmpty()) {
                var records = consumer.poll(Duration.ofMillis(200));
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    TopicPartition tp = new TopicPartition(record.topic(), record.partition());
                    if (record.offset() < stops.get(tp)) {
                        tally(record, topics, decoder, from, to, tally);
                    }
                }
                boolean progressed = !records.isEmpty();
                for (TopicPartition tp : List.copyOf(open)) {
                    if (consumer.position(tp, timeout) >= stops.get(tp)) {
                        open.remove(tp);
                        consumer.pause(List.of(tp));
                        progressed = true;
                    }
                }
                if (progressed) {
                    idleSince = System.nanoTime();
                } else if (System.nanoTime() - idleSince > timeout.toNanos()) {
                    throw new CliFailure("reading " + open + " made no progress for " + timeout.toSeconds() + "s");
                }
            }
        }
    }

    /** Where each partition's window ends: the first offset after {@code to}, or its end now. */
    private Map<TopicPartition, Long> stops(KafkaConsumer<byte[], byte[]> consumer, List<TopicPartition> partitions,
            Instant to) {
        Map<TopicPartition, Long> stops = new HashMap<>(consumer.endOffsets(partitions, timeout));
        Map<TopicPartition, OffsetAndTimestamp> after = consumer.offsetsForTimes(timestamps(partitions,
                to.plusMillis(1)), timeout);
        after.forEach((tp, found) -> {
            if (found != null) {
                stops.merge(tp, found.offset(), Math::min);
            }
        });
        return stops;
    }

    private static Map<TopicPartition, Long> timestamps(List<TopicPartition> partitions, Instant at) {
        Map<TopicPartition, Long> query = new HashMap<>();
        partitions.forEach(tp -> query.put(tp, at.toEpochMilli()));
        return query;
    }

    private static void tally(ConsumerRecord<byte[], byte[]> record, Topics topics, AvroDeserializer decoder,
            Instant from, Instant to, OutcomeTally tally) {
        Instant at = Instant.ofEpochMilli(record.timestamp());
        if (at.isBefore(from) || at.isAfter(to)) {
            return; // out of order timestamps near the window's edges
        }
        if (record.topic().equals(topics.deadLetters())) {
            tally.deadLettered(cause(record), at);
            return;
        }
        Object outcome;
        try {
            outcome = decoder.deserialize(record.topic(), record.value());
        } catch (SerializationException e) {
            tally.undecodable();
            return;
        }
        if (outcome instanceof RelationshipRemoved removed) {
            tally.removed(removed, at);
        } else if (outcome instanceof OffboardBlocked blocked) {
            tally.blocked(blocked, at);
        } else if (outcome instanceof OffboardAssessed assessed) {
            tally.assessed(assessed, at);
        } else {
            tally.undecodable();
        }
    }

    /** The dead letter's root cause, as the exception class the consumer recorded (simple name). */
    private static String cause(ConsumerRecord<byte[], byte[]> record) {
        Header header = record.headers().lastHeader(HeaderNames.DEAD_LETTER_PREFIX + "exception-cause-fqcn");
        if (header == null) {
            header = record.headers().lastHeader(HeaderNames.DEAD_LETTER_PREFIX + "exception-fqcn");
        }
        if (header == null) {
            return null;
        }
        String name = new String(header.value(), StandardCharsets.UTF_8);
        return name.substring(name.lastIndexOf('.') + 1);
    }
}
