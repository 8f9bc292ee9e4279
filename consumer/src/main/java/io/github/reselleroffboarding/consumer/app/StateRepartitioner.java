package io.github.reselleroffboarding.consumer.app;

import io.github.reselleroffboarding.consumer.config.ConfigLoader;
import io.github.reselleroffboarding.consumer.config.ConsumerSettings;
import io.github.reselleroffboarding.consumer.state.StatePlacement;
import io.github.reselleroffboarding.consumer.state.TenantState;
import io.github.reselleroffboarding.consumer.state.TenantStateCodec;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Moves every tenant's state to the partition its requests go to now, after partitions were added to the request
 * (and state) topic: reads the whole state topic, merges a tenant's state found in several partitions, writes it
 * to its partition and a tombstone where it was, all in one transaction. Run it with every consumer instance
 * stopped, with the consumer's environment; running it again finds nothing to move.
 *
 * <pre>java -cp offboarding-consumer.jar io.github.reselleroffboarding.consumer.app.StateRepartitioner</pre>
 */
public final class StateRepartitioner {

    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    private final ConsumerSettings settings;
    private final KafkaClients clients;
    private final TenantStateCodec codec = new TenantStateCodec();

    /** What a run did. */
    public record Moved(int tenants, int merged, int requestPartitions) {
    }

    public StateRepartitioner(ConsumerSettings settings) {
        this.settings = settings;
        this.clients = new KafkaClients(settings);
    }

    public static void main(String[] args) {
        ConsumerSettings settings = ConfigLoader.loadOrExit(System.getenv());
        Moved moved = new StateRepartitioner(settings).run();
        System.out.println("moved the state of " + moved.tenants() + " tenants to their partitions of "
                + settings.topics().requests() + " (" + moved.requestPartitions() + " partitions); " + moved.merged()
                + " had state in more than one partition and were merged");
    }

    /** Moves what is misplaced; returns how many tenants moved. */
    public Moved run() {
        String stateTopic = settings.topics().state();
        Map<String, Map<Integer, byte[]>> byTenant = new HashMap<>();
        int requestPartitions;
        Map<String, Object> consumerProps = new HashMap<>(clients.common());
        consumerProps.remove(ConsumerConfig.GROUP_ID_CONFIG);
        consumerProps.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumerProps.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerProps, new StringDeserializer(),
                new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
            requestPartitions = consumer.partitionsFor(settings.topics().requests(), TIMEOUT).size();
            List<TopicPartition> tps = consumer.partitionsFor(stateTopic, TIMEOUT).stream()
                    .map(p -> new TopicPartition(stateTopic, p.partition())).toList();
            consumer.assign(tps);
            consumer.seekToBeginning(tps);
            Map<TopicPartition, Long> end = consumer.endOffsets(tps, TIMEOUT);
            while (tps.stream().anyMatch(tp -> consumer.position(tp, TIMEOUT) < end.get(tp))) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    if (record.key() == null) {
                        continue;
                    }
                    Map<Integer, byte[]> places = byTenant.computeIfAbsent(record.key(), k -> new HashMap<>());
                    if (record.value() == null) {
                        places.remove(record.partition());
                    } else {
                        places.put(record.partition(), record.value());
                    }
                }
            }
        }
        Map<String, Object> producerProps = new HashMap<>(clients.common());
        producerProps.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, settings.kafka().groupId() + "-state-repartitioner");
        producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
        producerProps.remove(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG);
        producerProps.remove(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG);
        int moved = 0;
        int merged = 0;
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerProps, new StringSerializer(),
                new ByteArraySerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            for (Map.Entry<String, Map<Integer, byte[]>> tenant : byTenant.entrySet()) {
                int home = StatePlacement.partitionFor(tenant.getKey(), requestPartitions);
                Map<Integer, byte[]> places = tenant.getValue();
                if (!StatePlacement.isTenant(tenant.getKey()) || places.isEmpty()
                        || (places.size() == 1 && places.containsKey(home))) {
                    continue;
                }
                TenantState state = null;
                for (byte[] value : places.values()) {
                    TenantState found = codec.decode(value);
                    state = state == null ? found : state.merge(found);
                }
                merged += places.size() > 1 ? 1 : 0;
                moved++;
                producer.send(new ProducerRecord<>(stateTopic, home, tenant.getKey(), codec.encode(state)));
                for (int partition : places.keySet()) {
                    if (partition != home) {
                        producer.send(new ProducerRecord<>(stateTopic, partition, tenant.getKey(), null));
                    }
                }
            }
            producer.commitTransaction();
        }
        return new Moved(moved, merged, requestPartitions);
    }
}
