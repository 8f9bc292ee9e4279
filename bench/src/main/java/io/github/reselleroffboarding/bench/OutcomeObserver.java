package io.github.reselleroffboarding.bench;

import io.github.reselleroffboarding.settings.HeaderNames;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Watches the outcome topics with {@code read_committed}, as downstream consumers do, and notes when each
 * request's outcome became visible: that is when it was committed. Outcomes are matched to requests by the
 * {@code offboarding-request-event-id} header, so nothing is decoded and watching costs little.
 */
final class OutcomeObserver implements AutoCloseable {

    static final String REQUEST_EVENT_ID_HEADER = HeaderNames.REQUEST_EVENT_ID;

    private final RequestPlan plan;
    private final String removedTopic;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Thread thread;
    private final long[] committedAtMillis;
    private final RequestPlan.Expected[] answeredAs;
    private final AtomicInteger answered = new AtomicInteger();
    private final AtomicInteger duplicates = new AtomicInteger();
    private final AtomicInteger unknown = new AtomicInteger();
    private final AtomicInteger deadLetters = new AtomicInteger();
    private volatile boolean running = true;
    private volatile Throwable failure;

    OutcomeObserver(String bootstrapServers, RequestPlan plan, String removedTopic, String blockedTopic,
            String deadLetterTopic) {
        this.plan = plan;
        this.removedTopic = removedTopic;
        this.committedAtMillis = new long[plan.size()];
        this.answeredAs = new RequestPlan.Expected[plan.size()];
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        // the broker holds a fetch up to 20 ms to fill it, so watching costs a few fetches a second, not
        // thousands; an outcome is seen at most that much after its commit
        props.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 256 * 1024);
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 20);
        this.consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : List.of(removedTopic, blockedTopic, deadLetterTopic)) {
            for (PartitionInfo info : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
                partitions.add(new TopicPartition(topic, info.partition()));
            }
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        this.thread = new Thread(this::run, "outcome-observer");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        try {
            while (running) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(20))) {
                    note(record, System.currentTimeMillis());
                }
            }
        } catch (RuntimeException e) {
            failure = e;
        } finally {
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
        }
    }

    private void note(ConsumerRecord<byte[], byte[]> record, long now) {
        Header header = record.headers().lastHeader(REQUEST_EVENT_ID_HEADER);
        if (header == null) {
            deadLetters.incrementAndGet();
            return;
        }
        int index = plan.indexOf(new String(header.value(), StandardCharsets.UTF_8));
        if (index < 0) {
            unknown.incrementAndGet();
            return;
        }
        if (committedAtMillis[index] != 0) {
            duplicates.incrementAndGet();
            return;
        }
        committedAtMillis[index] = now;
        answeredAs[index] = record.topic().equals(removedTopic) ? RequestPlan.Expected.REMOVED
                : RequestPlan.Expected.BLOCKED;
        answered.incrementAndGet();
    }

    /** Requests with an outcome so far, plus dead letters: every request accounted for once this reaches n. */
    int settled() {
        return answered.get() + deadLetters.get();
    }

    int answered() {
        return answered.get();
    }

    int duplicates() {
        return duplicates.get();
    }

    int unknown() {
        return unknown.get();
    }

    int deadLetters() {
        return deadLetters.get();
    }

    /** Why watching stopped early, if it did. */
    Throwable failure() {
        return failure;
    }

    /** When the request's outcome became visible, or 0 while it has none. Valid after {@link #close()}. */
    long committedAtMillis(int index) {
        return committedAtMillis[index];
    }

    /** How the request was answered, or null while it has no outcome. Valid after {@link #close()}. */
    RequestPlan.Expected answeredAs(int index) {
        return answeredAs[index];
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(Duration.ofSeconds(10).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
