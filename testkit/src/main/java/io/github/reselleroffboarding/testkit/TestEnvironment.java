package io.github.reselleroffboarding.testkit;

import io.github.reselleroffboarding.kafka.embedded.KafkaTopics;
import io.github.reselleroffboarding.partnercenter.simulator.PartnerCenterSimulator;
import io.github.reselleroffboarding.partnercenter.simulator.SimulatorSettings;
import io.github.reselleroffboarding.schemaregistry.SchemaRegistryServer;
import io.github.reselleroffboarding.settings.SharedSettings;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;

/**
 * The real services integration tests share in one test JVM: a Kafka broker, the development Schema Registry and
 * the Partner Center simulator. Tests isolate themselves by topic ({@link #newTopic}) and by customer tenant id,
 * never by restarting shared services; a test that changes the simulator's faults or casing calls
 * {@link #resetPartnerCenter()} first.
 */
public final class TestEnvironment {

    private final KafkaUnderTest kafka;
    private final SchemaRegistryServer registry;
    private final PartnerCenterSimulator partnerCenter;
    private final Admin admin;

    TestEnvironment(KafkaUnderTest kafka, SchemaRegistryServer registry, PartnerCenterSimulator partnerCenter) {
        this.kafka = kafka;
        this.registry = registry;
        this.partnerCenter = partnerCenter;
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

    public PartnerCenterSimulator partnerCenter() {
        return partnerCenter;
    }

    /** Back to an empty customer book, no faults, default casing and page size, counters zero. */
    public void resetPartnerCenter() {
        partnerCenter.reset();
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

    /** Creates topics with the given names, each with {@code partitions} partitions, ready to be written. */
    public void createTopics(int partitions, String... names) {
        KafkaTopics.create(admin, partitions, names);
    }

    /** {@code bootstrap.servers} and {@code schema.registry.url}: enough for a client of this environment. */
    public Map<String, Object> clientProperties() {
        Map<String, Object> props = new HashMap<>();
        props.put("bootstrap.servers", bootstrapServers());
        props.put("schema.registry.url", schemaRegistryUrl().toString());
        return props;
    }

    /** The environment variables a process needs to reach Kafka and the registry. */
    public Map<String, String> environmentVariables() {
        return Map.of(SharedSettings.KAFKA_BOOTSTRAP_SERVERS.name(), bootstrapServers(),
                SharedSettings.SCHEMA_REGISTRY_URL.name(), schemaRegistryUrl().toString());
    }

    /** The consumer's Partner Center settings for the simulator: App+User credentials, as in production. */
    public Map<String, String> partnerCenterVariables() {
        SimulatorSettings s = partnerCenter.settings();
        return SharedSettings.partnerCenterAppUser(partnerCenter.baseUri(), partnerCenter.baseUri(),
                s.partnerTenantId(), s.clientId(), s.clientSecret(), s.refreshToken());
    }

    void close() {
        admin.close();
        partnerCenter.close();
        registry.close();
        kafka.close();
    }
}
