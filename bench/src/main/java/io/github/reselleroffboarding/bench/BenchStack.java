package io.github.reselleroffboarding.bench;

import io.github.reselleroffboarding.kafka.embedded.BrokerSettings;
import io.github.reselleroffboarding.kafka.embedded.ForkedKafkaBroker;
import io.github.reselleroffboarding.kafka.embedded.KafkaTopics;
import io.github.reselleroffboarding.partnercenter.simulator.PartnerCenterSimulator;
import io.github.reselleroffboarding.partnercenter.simulator.SimulatorSettings;
import io.github.reselleroffboarding.schemaregistry.SchemaRegistryServer;
import io.github.reselleroffboarding.schemaregistry.SchemaRegistrySettings;
import io.github.reselleroffboarding.settings.SharedSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;

/**
 * Everything the consumer talks to, on loopback: a real Kafka broker (KRaft) in its own JVM, so its CPU time can
 * be told apart, and in this JVM the development Schema Registry and the Partner Center simulator, which answers
 * any tenant it was not told about as a clean customer.
 */
final class BenchStack implements AutoCloseable {

    final ForkedKafkaBroker broker;
    final SchemaRegistryServer registry;
    final PartnerCenterSimulator simulator;
    final Admin admin;

    BenchStack(Path dir) {
        this.broker = ForkedKafkaBroker.start(BrokerSettings.onFreePorts(dir.resolve("kafka")),
                ForkedKafkaBroker.currentClasspath(), List.of("-Xmx1g"));
        this.registry = SchemaRegistryServer.start(SchemaRegistrySettings.loopback());
        this.simulator = PartnerCenterSimulator.start(SimulatorSettings.defaults()
                .withUnknownCustomers(SimulatorSettings.UnknownCustomers.CLEAN));
        this.admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()));
    }

    String bootstrapServers() {
        return broker.bootstrapServers();
    }

    String registryUrl() {
        return registry.baseUri().toString();
    }

    void createTopics(int partitions, String... names) {
        KafkaTopics.create(admin, partitions, names);
    }

    /** The consumer's Partner Center settings for the simulator: App+User credentials, as in production. */
    Map<String, String> partnerCenterEnvironment() {
        SimulatorSettings s = simulator.settings();
        return SharedSettings.partnerCenterAppUser(simulator.baseUri(), simulator.baseUri(), s.partnerTenantId(),
                s.clientId(), s.clientSecret(), s.refreshToken());
    }

    @Override
    public void close() {
        admin.close();
        simulator.close();
        registry.close();
        broker.close();
    }
}
