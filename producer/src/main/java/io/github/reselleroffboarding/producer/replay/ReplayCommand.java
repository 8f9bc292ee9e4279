package io.github.reselleroffboarding.producer.replay;

import io.github.reselleroffboarding.producer.CliContext;
import io.github.reselleroffboarding.producer.ConnectionOptions;
import io.github.reselleroffboarding.producer.DurationConverter;
import io.github.reselleroffboarding.producer.ExitCodes;
import io.github.reselleroffboarding.producer.KafkaPreflight;
import io.github.reselleroffboarding.settings.HeaderNames;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code offboard replay}: sends dead-lettered requests back to the requests topic, once the cause is fixed.
 * Each one keeps its key, value and original headers, so the consumer answers it as the request it always was
 * (an eventId already answered is not answered twice). Progress is the committed offset of a consumer group,
 * written in the same transaction as the replayed records: a dead letter is replayed once, however often this
 * runs.
 */
@Command(name = "replay", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Re-publish dead-lettered requests to the requests topic.",
            "Stops when the dead-letter topic has nothing more (after --idle-timeout) or after --max-messages."})
public final class ReplayCommand implements Callable<Integer> {

    static final String DLT_HEADER_PREFIX = HeaderNames.DEAD_LETTER_PREFIX;
    static final String REPLAYED_FROM = HeaderNames.REPLAYED_FROM;

    @Option(names = "--dead-letter-topic", paramLabel = "TOPIC",
            description = "Dead-letter topic (env DEAD_LETTER_TOPIC; default ${DEFAULT-VALUE}).")
    String deadLetterTopic;

    @Option(names = "--topic", paramLabel = "TOPIC",
            description = "Requests topic to replay into (env OFFBOARD_REQUESTS_TOPIC; default ${DEFAULT-VALUE}).")
    String topic;

    @Option(names = "--group", paramLabel = "GROUP", defaultValue = "offboard-replay",
            description = "Consumer group that remembers what was replayed (default: ${DEFAULT-VALUE}).")
    String group;

    @Option(names = "--dry-run", description = "List what would be replayed; send and commit nothing.")
    boolean dryRun;

    @Option(names = "--max-messages", paramLabel = "N", description = "Replay at most N dead letters.")
    Long maxMessages;

    @Option(names = "--idle-timeout", paramLabel = "DURATION", defaultValue = "5s",
            converter = DurationConverter.class,
            description = "Stop when nothing arrived for this long (default: ${DEFAULT-VALUE}).")
    Duration idleTimeout;

    @Mixin
    ConnectionOptions connection;

    private final CliContext context;

    public ReplayCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        Map<String, Object> props = connection.clientProperties();
        KafkaPreflight.requireTopics(props, connection.timeout(), List.of(deadLetterTopic, topic));
        Map<String, Object> consumerProps = new HashMap<>(props);
        consumerProps.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        consumerProps.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumerProps.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumerProps.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        if (maxMessages != null) {
            consumerProps.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, (int) Math.max(1, Math.min(500, maxMessages)));
        }
        long replayed = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProps, new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
             KafkaProducer<byte[], byte[]> producer = dryRun ? null : producer(props)) {
            if (producer != null) {
                producer.initTransactions();
            }
            consumer.subscribe(List.of(deadLetterTopic));
            Instant lastSeen = Instant.now();
            while (maxMessages == null || replayed < maxMessages) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(200));
                if (records.isEmpty()) {
                    if (Duration.between(lastSeen, Instant.now()).compareTo(idleTimeout) > 0) {
                        break;
                    }
                    continue;
                }
                lastSeen = Instant.now();
                replayed += replayBatch(records, consumer, producer, maxMessages == null ? Long.MAX_VALUE
                        : maxMessages - replayed);
            }
        }
        context.out().println((dryRun ? "would replay " : "replayed ") + replayed + " dead letter"
                + (replayed == 1 ? "" : "s") + " from " + deadLetterTopic + " to " + topic);
        context.out().flush();
        return ExitCodes.OK;
    }

    private long replayBatch(ConsumerRecords<byte[], byte[]> records, KafkaConsumer<byte[], byte[]> consumer,
            KafkaProducer<byte[], byte[]> producer, long limit) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        long count = 0;
        if (producer != null) {
            producer.beginTransaction();
        }
        for (ConsumerRecord<byte[], byte[]> record : records) {
            if (count >= limit) {
                break;
            }
            if (record.headers().lastHeader(HeaderNames.DEAD_LETTER_VALUE_SHA256) != null) {
                // the consumer kept only the digest of a value too large to dead-letter; there is nothing to send
                context.out().println("cannot replay " + record.topic() + "-" + record.partition() + "@"
                        + record.offset() + ": its value (" + header(record, HeaderNames.DEAD_LETTER_VALUE_SIZE)
                        + " bytes, sha256 " + header(record, HeaderNames.DEAD_LETTER_VALUE_SHA256) + ") was too large "
                        + "to keep; publish it again from its source");
                offsets.put(new TopicPartition(record.topic(), record.partition()), new OffsetAndMetadata(
                        record.offset() + 1));
                continue;
            }
            context.out().println((dryRun ? "would replay " : "replayed ") + record.topic() + "-" + record.partition()
                    + "@" + record.offset() + " key=" + text(record.key()) + " failed with: "
                    + header(record, DLT_HEADER_PREFIX + "exception-message"));
            if (producer != null) {
                producer.send(new ProducerRecord<>(topic, null, record.key(), record.value(), replayHeaders(record)));
            }
            offsets.put(new TopicPartition(record.topic(), record.partition()), new OffsetAndMetadata(
                    record.offset() + 1));
            count++;
        }
        // a dry run commits nothing, so the group has not moved when the real replay comes
        if (producer != null) {
            producer.sendOffsetsToTransaction(offsets, consumer.groupMetadata());
            producer.commitTransaction();
        }
        context.out().flush();
        return count;
    }

    private KafkaProducer<byte[], byte[]> producer(Map<String, Object> props) {
        Map<String, Object> producerProps = new HashMap<>(props);
        producerProps.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "offboard-replay-" + group);
        producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
        producerProps.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producerProps.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, connection.timeout().toMillis());
        return new KafkaProducer<>(producerProps, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** The original headers, without the dead-letter ones, plus where the record was replayed from. */
    static RecordHeaders replayHeaders(ConsumerRecord<byte[], byte[]> record) {
        RecordHeaders headers = new RecordHeaders();
        for (Header header : record.headers()) {
            if (!header.key().startsWith(DLT_HEADER_PREFIX) && !header.key().equals(REPLAYED_FROM)) {
                headers.add(header);
            }
        }
        headers.add(REPLAYED_FROM, (record.topic() + "-" + record.partition() + "@" + record.offset())
                .getBytes(StandardCharsets.UTF_8));
        return headers;
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? "(unknown)" : text(header.value());
    }

    private static String text(byte[] bytes) {
        return bytes == null ? "null" : new String(bytes, StandardCharsets.UTF_8);
    }
}
