package io.github.reselleroffboarding.testkit;

import io.github.reselleroffboarding.schemaregistry.SchemaRegistryServer;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * The real services integration tests share in one test JVM: a Kafka broker and the development Schema
 * Registry. Tests isolate themselves by topic ({@link #newTopic}), never by restarting shared services.
 */
public final class TestEnvironment {

    private final KafkaUnderTest kafka;
    private final SchemaRegistryServer registry;
    private final Admin admin;

    TestEnvironment(KafkaUnderTest kafka, SchemaRegistryServer registry) {
        this.kafka = kafka;
        this.registry = registry;
        this.admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()));
    }

    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    public URI schemaRegistryUrl() {
        return registry.baseUri();
    }

    public SchemaRegistryServer schemaRegistry() {
        return registry;
    }

    public Admin admin() {
        return admin;
    }

    /** Creates a topic named {@code prefix-<random>} and returns its name. */
    public String newTopic(String prefix, int partitions) {
        String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        createTopics(partitions, name);
        return name;
    }

    /** Creates topics with the given names, each with {@code partitions} partitions. */
    public void createTopics(int partitions, String... names) {
        List<NewTopic> topics = java.util.Arrays.stream(names)
                .map(name -> new NewTopic(name, partitions, (short) 1))
                .toList();
        try {
            admin.createTopics(topics).all().get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot create topics " + List.of(names) + ": " + e.getCause(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {@code bootstrap.servers} and {@code schema.registry.url}: enough for a client of this environment. */
    public Map<String, Object> clientProperties() {
        Map<String, Object> props = new HashMap<>();
        props.put("bootstrap.servers", bootstrapServers());
        props.put("schema.registry.url", schemaRegistryUrl().toString());
        return props;
    }

    /** The environment variables a process needs to reach this environment. */
    public Map<String, String> environmentVariables() {
        return Map.of("KAFKA_BOOTSTRAP_SERVERS", bootstrapServers(),
                "SCHEMA_REGISTRY_URL", schemaRegistryUrl().toString());
    }

    void close() {
        admin.close();
        registry.close();
        kafka.close();
    }
}
