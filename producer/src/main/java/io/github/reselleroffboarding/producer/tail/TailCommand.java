package io.github.reselleroffboarding.producer.tail;

import io.github.reselleroffboarding.producer.CliContext;
import io.github.reselleroffboarding.producer.CommittedReader;
import io.github.reselleroffboarding.producer.ConnectionOptions;
import io.github.reselleroffboarding.producer.DurationConverter;
import io.github.reselleroffboarding.producer.ExitCodes;
import io.github.reselleroffboarding.producer.KafkaPreflight;
import io.github.reselleroffboarding.serde.AvroDeserializer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code offboard tail}: prints RelationshipRemoved and OffboardBlocked as they are committed. Reads without a
 * consumer group (nothing is committed, nobody else's offsets move) and only committed transactions.
 */
@Command(name = "tail", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Print outcomes as they arrive, one line each (read_committed).",
            "Runs until interrupted, or until --max-messages or --idle-timeout."})
public final class TailCommand implements Callable<Integer> {

    @Option(names = "--removed-topic", paramLabel = "TOPIC",
            description = "RelationshipRemoved topic (env RELATIONSHIP_REMOVED_TOPIC; default ${DEFAULT-VALUE}).")
    String removedTopic;

    @Option(names = "--blocked-topic", paramLabel = "TOPIC",
            description = "OffboardBlocked topic (env OFFBOARD_BLOCKED_TOPIC; default ${DEFAULT-VALUE}).")
    String blockedTopic;

    @Option(names = "--from-beginning", description = "Start with the oldest outcome instead of new ones.")
    boolean fromBeginning;

    @Option(names = "--json", description = "One JSON object per line instead of readable text.")
    boolean json;

    @Option(names = "--max-messages", paramLabel = "N", description = "Stop after N outcomes.")
    Long maxMessages;

    @Option(names = "--idle-timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Stop when nothing arrived for this long (e.g. 5s).")
    Duration idleTimeout;

    @Mixin
    ConnectionOptions connection;

    private final CliContext context;
    private final OutcomeFormatter formatter = new OutcomeFormatter();

    public TailCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        Map<String, Object> props = connection.clientProperties();
        List<String> topics = List.of(removedTopic, blockedTopic);
        KafkaPreflight.requireTopics(props, connection.timeout(), topics);
        AvroDeserializer decoder = CommittedReader.eventDecoder(props);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(CommittedReader.consumerProperties(props),
                new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                consumer.partitionsFor(topic, connection.timeout())
                        .forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
            }
            consumer.assign(partitions);
            if (fromBeginning) {
                consumer.seekToBeginning(partitions);
            } else {
                consumer.seekToEnd(partitions);
            }
            return follow(consumer, decoder);
        }
    }

    private int follow(KafkaConsumer<String, byte[]> consumer, AvroDeserializer decoder) {
        CountDownLatch stopped = new CountDownLatch(1);
        Thread onInterrupt = new Thread(() -> {
            consumer.wakeup();
            try {
                stopped.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "tail-shutdown");
        Runtime.getRuntime().addShutdownHook(onInterrupt);
        long printed = 0;
        Instant lastSeen = Instant.now();
        try {
            while (maxMessages == null || printed < maxMessages) {
                var records = consumer.poll(Duration.ofMillis(200));
                if (records.isEmpty()) {
                    if (idleTimeout != null && Duration.between(lastSeen, Instant.now()).compareTo(idleTimeout) > 0) {
                        break;
                    }
                    continue;
                }
                lastSeen = Instant.now();
                for (ConsumerRecord<String, byte[]> record : records) {
                    if (print(record, decoder)) {
                        printed++;
                    }
                    if (maxMessages != null && printed >= maxMessages) {
                        break;
                    }
                }
            }
        } catch (WakeupException e) {
            // interrupted by the user: a normal way to stop tailing
        } finally {
            stopped.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(onInterrupt);
            } catch (IllegalStateException e) {
                // the JVM is already shutting down
            }
        }
        return ExitCodes.OK;
    }

    private boolean print(ConsumerRecord<String, byte[]> record, AvroDeserializer decoder) {
        Object outcome;
        try {
            outcome = decoder.deserialize(record.topic(), record.value());
        } catch (SerializationException e) {
            context.err().println("warning: " + record.topic() + "-" + record.partition() + "@" + record.offset()
                    + " cannot be decoded: " + e.getMessage());
            context.err().flush();
            return false;
        }
        context.out().println(json ? formatter.json(record, outcome) : formatter.text(outcome));
        context.out().flush();
        return true;
    }
}
