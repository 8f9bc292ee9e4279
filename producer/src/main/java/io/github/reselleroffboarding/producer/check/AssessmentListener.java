package io.github.reselleroffboarding.producer.check;

import io.github.reselleroffboarding.events.OffboardAssessed;
import io.github.reselleroffboarding.producer.CliFailure;
import io.github.reselleroffboarding.producer.CommittedReader;
import io.github.reselleroffboarding.serde.AvroDeserializer;
import io.github.reselleroffboarding.settings.HeaderNames;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntConsumer;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Listens on the assessment topic for the answers to previews this command publishes. It takes its place at the
 * end of every partition <em>before</em> anything is published, so no answer can slip past it, reads only
 * committed transactions, and joins no consumer group (nobody's offsets move).
 */
final class AssessmentListener implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final AvroDeserializer decoder;
    private final PrintWriter warnings;

    AssessmentListener(Map<String, Object> clientProperties, String topic, Duration timeout, PrintWriter warnings) {
        this.warnings = warnings;
        this.decoder = CommittedReader.eventDecoder(clientProperties);
        consumer = new KafkaConsumer<>(CommittedReader.consumerProperties(clientProperties), new StringDeserializer(), new ByteArrayDeserializer());
        try {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, timeout).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            // resolve the positions now: a lazy seek would only happen at the first poll, after publishing
            partitions.forEach(p -> consumer.position(p, timeout));
        } catch (RuntimeException e) {
            consumer.close(CloseOptions.timeout(Duration.ZERO));
            throw new CliFailure("cannot read " + topic + ": " + e.getMessage());
        }
    }

    /**
     * The assessments of {@code requestEventIds}, by request event id: all of them, or those that arrived until
     * {@code wait} passed without a new one (a long list drains at Partner Center's pace, so the bound is on
     * silence, not on the whole).
     *
     * @param progress told how many have arrived, after each poll
     */
    Map<String, OffboardAssessed> await(Set<String> requestEventIds, Duration wait, IntConsumer progress) {
        Map<String, OffboardAssessed> answers = new LinkedHashMap<>();
        long deadline = System.nanoTime() + wait.toNanos();
        while (answers.size() < requestEventIds.size() && System.nanoTime() < deadline) {
            int before = answers.size();
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                String requestEventId = requestEventId(record);
                if (requestEventId != null && !requestEventIds.contains(requestEventId)) {
                    continue; // someone else's preview: not decoded
                }
                OffboardAssessed assessed = decode(record);
                if (assessed != null && requestEventIds.contains(assessed.getRequestEventId())) {
                    answers.putIfAbsent(assessed.getRequestEventId(), assessed);
                }
            }
            progress.accept(answers.size());
            if (answers.size() > before) {
                deadline = System.nanoTime() + wait.toNanos();
            }
        }
        return answers;
    }

    private OffboardAssessed decode(ConsumerRecord<String, byte[]> record) {
        try {
            Object value = decoder.deserialize(record.topic(), record.value());
            return value instanceof OffboardAssessed assessed ? assessed : null;
        } catch (SerializationException e) {
            warnings.println("warning: " + record.topic() + "-" + record.partition() + "@" + record.offset()
                    + " cannot be decoded: " + e.getMessage());
            return null;
        }
    }

    private static String requestEventId(ConsumerRecord<String, byte[]> record) {
        Header header = record.headers().lastHeader(HeaderNames.REQUEST_EVENT_ID);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
    }
}
