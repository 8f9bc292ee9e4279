package io.github.reselleroffboarding.producer.send;

import io.github.reselleroffboarding.events.CustomerOffboardRequested;
import io.github.reselleroffboarding.producer.CliFailure;
import io.github.reselleroffboarding.serde.AvroSerializer;
import io.github.reselleroffboarding.serde.SchemaRegistryUnavailableException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * An idempotent producer ({@code acks=all}, {@code enable.idempotence=true}) that keys each request by its
 * canonical tenant id, so all requests for one tenant land on one partition, in order.
 */
public final class RequestPublisher implements AutoCloseable {

    private final KafkaProducer<String, Object> producer;
    private final String topic;
    private final String registryUrl;

    public RequestPublisher(Map<String, Object> clientProperties, Duration timeout, String topic) {
        Map<String, Object> props = new HashMap<>(clientProperties);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeout.toMillis());
        props.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 10);
        props.putIfAbsent(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        AvroSerializer serializer = new AvroSerializer();
        serializer.configure(props, false);
        this.producer = new KafkaProducer<>(props, new StringSerializer(), serializer);
        this.topic = topic;
        this.registryUrl = String.valueOf(props.get("schema.registry.url"));
    }

    /**
     * Hands the request to the producer. A schema that cannot be registered (registry down, incompatible) fails
     * here, synchronously, for every record alike, so it ends the run instead of being counted per line.
     */
    public Future<RecordMetadata> send(CustomerOffboardRequested request, Callback callback) {
        try {
            return producer.send(new ProducerRecord<>(topic, request.getCustomerTenantId(), request), callback);
        } catch (SerializationException e) {
            throw new CliFailure(registryFailure(e));
        }
    }

    public void flush() {
        producer.flush();
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(30));
    }

    private String registryFailure(SerializationException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SchemaRegistryUnavailableException unavailable) {
                return "Schema Registry at " + redact(registryUrl) + " did not answer: " + rootMessage(unavailable)
                        + " (check --schema-registry-url / SCHEMA_REGISTRY_URL)";
            }
        }
        return "cannot encode the request: " + e.getMessage();
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getClass().getSimpleName() + ": "
                + root.getMessage();
    }

    private static String redact(String url) {
        return url.replaceAll("//[^/@,]*@", "//***@");
    }
}
