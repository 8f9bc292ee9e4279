package io.github.reselleroffboarding.consumer.state;

import java.time.Duration;
import java.time.Instant;
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
public final class StateRestorer {

    private static final Logger log = LoggerFactory.getLogger(StateRestorer.class);
    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    private final Map<String, Object> consumerProperties;
    private final String stateTopic;

    public StateRestorer(Map<String, Object> kafkaProperties, String stateTopic) {
        Map<String, Object> props = new HashMap<>(kafkaProperties);
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        this.consumerProperties = props;
        this.stateTopic = stateTopic;
    }

    /** Fills {@code store}'s partition {@code partition} and returns how many tenants it holds. */
    public long restore(int partition, TenantStateStore store) {
        store.clear(partition);
        TopicPartition tp = new TopicPartition(stateTopic, partition);
        Instant started = Instant.now();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerProperties,
                new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            long end = consumer.endOffsets(List.of(tp), TIMEOUT).get(tp);
            while (consumer.position(tp, TIMEOUT) < end) {
                if (Duration.between(started, Instant.now()).compareTo(TIMEOUT) > 0) {
                    throw new TimeoutException("restoring " + tp + " took longer than " + TIMEOUT);
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.key() != null) {
                        store.put(partition, record.key(), record.value());
                    }
                }
            }
        }
        long tenants = store.size(partition);
        log.info("Restored state of {}: {} tenants in {} ms", tp, tenants,
                Duration.between(started, Instant.now()).toMillis());
        return tenants;
    }
}
