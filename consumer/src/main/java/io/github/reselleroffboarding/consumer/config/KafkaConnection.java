package io.github.reselleroffboarding.consumer.config;

import java.time.Duration;
import java.util.Map;

/**
 * How the service reaches Kafka and the Schema Registry, and who it is there.
 *
 * @param clientProperties pass-through Kafka client (and serde) properties, e.g. SASL/SSL settings
 * @param instanceId this instance's stable name, unique in the group: its static group membership and part of
 *     its transactional id, so a restarted instance takes its partitions back at once and aborts its
 *     predecessor's open transaction
 * @param bootstrapServers {@code KAFKA_BOOTSTRAP_SERVERS}, else the client file's {@code bootstrap.servers}
 * @param outcomeCompression {@code compression.type} of everything the service writes
 */
public record KafkaConnection(String bootstrapServers, String schemaRegistryUrl, Map<String, String> clientProperties,
        String groupId, String instanceId, Duration transactionTimeout, String outcomeCompression) {

    public KafkaConnection {
        clientProperties = Map.copyOf(clientProperties);
    }

    /** Whether the client file turns on the consumer group protocol of KIP-848 ({@code group.protocol=consumer}). */
    public boolean consumerGroupProtocol() {
        return "consumer".equalsIgnoreCase(String.valueOf(clientProperties.get("group.protocol")).strip());
    }

    public String transactionalId() {
        return groupId + "-" + instanceId;
    }
}
