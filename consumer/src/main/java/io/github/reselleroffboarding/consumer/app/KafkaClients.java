package io.github.reselleroffboarding.consumer.app;

import io.github.reselleroffboarding.consumer.config.ConsumerSettings;
import io.github.reselleroffboarding.serde.AvroDeserializer;
import io.github.reselleroffboarding.serde.AvroSerdeConfig;
import io.github.reselleroffboarding.serde.AvroSerializer;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.Utils;

/**
 * The Kafka clients and serdes the service uses, from its settings. The pass-through properties (SASL, SSL,
 * tuning) apply to every client; the few settings exactly-once depends on are always ours. The request
 * deserializer and outcome serializer are those named by {@code value.deserializer} / {@code value.serializer}
 * in the pass-through file (e.g. Confluent's), else this project's Confluent-compatible ones.
 */
final class KafkaClients {

    private final ConsumerSettings settings;

    KafkaClients(ConsumerSettings settings) {
        this.settings = settings;
    }

    /** What every client gets: bootstrap, registry and the pass-through properties. */
    Map<String, Object> common() {
        Map<String, Object> props = new HashMap<>(settings.kafka().clientProperties());
        // both already resolved by precedence (variable, then the client file, then the default)
        props.put("bootstrap.servers", settings.kafka().bootstrapServers());
        props.put(AvroSerdeConfig.SCHEMA_REGISTRY_URL, settings.kafka().schemaRegistryUrl());
        props.putIfAbsent(AvroSerdeConfig.HTTP_CONNECT_TIMEOUT_MS, "5000");
        props.putIfAbsent(AvroSerdeConfig.HTTP_READ_TIMEOUT_MS, "10000");
        return props;
    }

    KafkaConsumer<byte[], byte[]> consumer() {
        Map<String, Object> props = new HashMap<>();
        if (!settings.kafka().consumerGroupProtocol()) {
            // the classic protocol's client-side knobs; under KIP-848 the broker assigns and times sessions, and
            // the client refuses these
            props.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
            props.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 15_000);
        }
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.putAll(common());
        props.remove(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG);
        props.remove(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, settings.kafka().groupId());
        // static membership: a restarted instance takes its partitions back at once, without waiting for the
        // session of its killed predecessor to time out
        props.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, settings.kafka().instanceId());
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, settings.kafka().transactionalId() + "-consumer");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Math.max(1, Math.min(500, settings.limits().maxInFlight())));
        return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    KafkaProducer<byte[], byte[]> producer() {
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        props.putAll(common());
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, settings.kafka().outcomeCompression());
        props.remove(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG);
        props.remove(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, settings.kafka().transactionalId() + "-producer");
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, settings.kafka().transactionalId());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, (int) settings.kafka().transactionTimeout().toMillis());
        return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static <T> T instantiate(String className, Class<T> type) {
        try {
            return Utils.newInstance(className, type);
        } catch (ClassNotFoundException e) {
            throw new StartupException("class " + className + " named in KAFKA_CLIENT_CONFIG_FILE is not on the "
                    + "classpath", e);
        }
    }

    @SuppressWarnings("unchecked")
    Deserializer<Object> requestDeserializer() {
        Object configured = settings.kafka().clientProperties().get(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG);
        Deserializer<Object> deserializer = configured == null ? new AvroDeserializer()
                : instantiate(String.valueOf(configured), Deserializer.class);
        Map<String, Object> props = common();
        props.put(AvroSerdeConfig.SPECIFIC_AVRO_READER, true);
        deserializer.configure(props, false);
        return deserializer;
    }

    @SuppressWarnings("unchecked")
    Serializer<Object> outcomeSerializer() {
        Object configured = settings.kafka().clientProperties().get(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG);
        Serializer<Object> serializer = configured == null ? new AvroSerializer()
                : instantiate(String.valueOf(configured), Serializer.class);
        serializer.configure(common(), false);
        return serializer;
    }
}
