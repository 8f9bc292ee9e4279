package io.github.reselleroffboarding.producer;

import io.github.reselleroffboarding.serde.AvroDeserializer;
import io.github.reselleroffboarding.serde.AvroSerdeConfig;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;

/**
 * How every command reads outcomes: committed transactions only, no consumer group (nothing is committed, nobody
 * else's offsets move), values decoded into the generated event classes.
 */
public final class CommittedReader {

    private CommittedReader() {
    }

    /** Consumer properties for reading without a group, {@code read_committed}. */
    public static Map<String, Object> consumerProperties(Map<String, Object> clientProperties) {
        Map<String, Object> props = new HashMap<>(clientProperties);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        return props;
    }

    /** A value deserializer that gives the generated classes ({@code OffboardBlocked}, ...). */
    public static AvroDeserializer eventDecoder(Map<String, Object> clientProperties) {
        AvroDeserializer decoder = new AvroDeserializer();
        Map<String, Object> serde = new HashMap<>(clientProperties);
        serde.put(AvroSerdeConfig.SPECIFIC_AVRO_READER, true);
        decoder.configure(serde, false);
        return decoder;
    }
}
