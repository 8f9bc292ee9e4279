package io.github.reselleroffboarding.consumer.state;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds one partition of the state store from the state topic: every committed record from the beginning
 * to the end ({@code read_committed}, so state from aborted or still-open transactions is never believed).
 */
public final class StateRestorer implements StateSource {

    private static final Logger log = LoggerFactory.getLogger(StateRestorer.class);
    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    private final Map<String, Object> consumerProperties;
    private final String stateTopic;
    private final String requestTopic;

    /** @param requestTopic the input, whose partition count says where each tenant's state belongs */
    public StateRestorer(Map<String, Object> kafkaProperties, String stateTopic, String requestTopic) {
        Map<String, Object> props = new HashMap<>(kafkaProperties);
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        // at the end of a partition the broker would hold an empty fetch for half a second
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 20);
        this.consumerProperties = props;
        this.stateTopic = stateTopic;
        this.requestTopic = requestTopic;
    }

    /**
     * Fills the store's partitions {@code partitions} (all in one pass) and returns how many tenants each holds.
     */
    @Override
    public void restore(Collection<Integer> partitions, TenantStateStore store) {
        restoreCounting(partitions, store);
    }

    /**
     * Like {@link #restore}, and returns how many tenants each partition holds.
     *
     * @throws MisplacedStateException when a tenant's state sits in another partition than its requests now go to
     */
    public Map<Integer, Long> restoreCounting(Collection<Integer> partitions, TenantStateStore store) {
        Map<Integer, Long> tenants = new HashMap<>();
        if (partitions.isEmpty()) {
            return tenants;
        }
        List<TopicPartition> tps = partitions.stream().map(p -> new TopicPartition(stateTopic, p)).toList();
        partitions.forEach(store::clear);
        Instant started = Instant.now();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerProperties,
                new StringDeserializer(), new ByteArrayDeserializer())) {
            int requestPartitions = consumer.partitionsFor(requestTopic, TIMEOUT).size();
            // tenant -> the partition its state sits in, where that is not its own; a later tombstone clears it
            Map<String, Integer> misplaced = new HashMap<>();
            consumer.assign(tps);
            consumer.seekToBeginning(tps);
            Map<TopicPartition, Long> end = consumer.endOffsets(tps, TIMEOUT);
            while (!caughtUp(consumer, end)) {
                if (Duration.between(started, Instant.now()).compareTo(TIMEOUT) > 0) {
                    throw new TimeoutException("restoring " + tps + " took longer than " + TIMEOUT);
                }
                // a short poll: after the last record, only a transaction marker may be left to step over
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(20))) {
                    if (record.key() != null) {
                        store.put(record.partition(), record.key(), record.value());
                        if (record.value() == null) {
                            misplaced.remove(record.key(), record.partition());
                        } else if (StatePlacement.isTenant(record.key())
                                && StatePlacement.partitionFor(record.key(), requestPartitions) != record.partition()) {
                            misplaced.put(record.key(), record.partition());
                        }
                    }
                }
            }
            if (!misplaced.isEmpty()) {
                throw misplaced(misplaced, requestPartitions);
            }
        }
        partitions.forEach(p -> tenants.put(p, store.size(p)));
        log.info("Restored state of {} partitions of {} ({} tenants) in {} ms", partitions.size(), stateTopic,
                tenants.values().stream().mapToLong(Long::longValue).sum(),
                Duration.between(started, Instant.now()).toMillis());
        return tenants;
    }

    private MisplacedStateException misplaced(Map<String, Integer> misplaced, int requestPartitions) {
        Map.Entry<String, Integer> first = misplaced.entrySet().iterator().next();
        return new MisplacedStateException("state topic " + stateTopic + " partition " + first.getValue() + " holds "
                + "the state of tenant " + first.getKey() + ", whose requests now go to partition "
                + StatePlacement.partitionFor(first.getKey(), requestPartitions) + " of the " + requestPartitions
                + " of " + requestTopic + " (" + misplaced.size() + " tenants' state is misplaced, in partitions "
                + new java.util.TreeSet<>(misplaced.values()) + "): "
                + "partitions were added to the request topic since this state was written. Not starting, since "
                + "those tenants' answered requests and removals would be forgotten. Stop every instance, then run "
                + MisplacedStateException.FIX + " (same environment) to move each tenant's state to its partition, and "
                + "start again");
    }

    private static boolean caughtUp(KafkaConsumer<String, byte[]> consumer, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> partition : end.entrySet()) {
            if (consumer.position(partition.getKey(), TIMEOUT) < partition.getValue()) {
                return false;
            }
        }
        return true;
    }
}
