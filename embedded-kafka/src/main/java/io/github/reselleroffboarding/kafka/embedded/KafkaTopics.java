package io.github.reselleroffboarding.kafka.embedded;

import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;

/**
 * Creates topics and returns only once every partition is served by its leader. {@code CreateTopics} returns when
 * the controller has recorded the topic, a moment before the broker has opened the partitions; an idempotent
 * producer that writes in that moment can have its first batch refused and later ones accepted, and then fails
 * with {@code OutOfOrderSequenceException} until its delivery timeout. Asking each leader for its end offset
 * closes the gap.
 */
public final class KafkaTopics {

    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private KafkaTopics() {
    }

    /** Creates the topics (replication factor 1) and waits until they can be written. */
    public static void create(Admin admin, int partitions, String... names) {
        List<NewTopic> topics = Arrays.stream(names).map(name -> new NewTopic(name, partitions, (short) 1)).toList();
        try {
            admin.createTopics(topics).all().get(DEFAULT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot create topics " + List.of(names) + ": " + e.getCause(), e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("topics " + List.of(names) + " not created within " + DEFAULT_TIMEOUT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        awaitWritable(admin, List.of(names), DEFAULT_TIMEOUT);
    }

    /** Waits until the leader of every partition of {@code topics} answers for it. */
    public static void awaitWritable(Admin admin, List<String> topics, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                Map<TopicPartition, OffsetSpec> partitions = new HashMap<>();
                for (TopicDescription topic : admin.describeTopics(topics).allTopicNames().get().values()) {
                    topic.partitions().forEach(p -> partitions.put(new TopicPartition(topic.name(), p.partition()),
                            OffsetSpec.latest()));
                }
                admin.listOffsets(partitions).all().get();
                return;
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof RetriableException) || System.nanoTime() - deadline > 0) {
                    throw new IllegalStateException("topics " + topics + " not writable within " + timeout + ": "
                            + e.getCause(), e);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
