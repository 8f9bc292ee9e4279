package io.github.reselleroffboarding.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@IntegrationTest
class IntegrationEnvironmentIT {

    static TestEnvironment seenFirst;

    @Test
    void givesARealBrokerOnLoopback(TestEnvironment env) throws Exception {
        String topic = env.newTopic("fixture", 2);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.<String, Object>of("bootstrap.servers", env.bootstrapServers()), new StringSerializer(),
                new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, "k", "v")).get();
        }

        assertThat(TopicReader.readCommitted(env.bootstrapServers(), topic, new StringDeserializer(), 1,
                Duration.ofSeconds(10))).extracting(r -> r.value()).containsExactly("v");
        assertThat(env.bootstrapServers()).matches("(127\\.0\\.0\\.1|localhost):\\d+");
        remember(env);
    }

    @Test
    void givesTheDevelopmentSchemaRegistry(TestEnvironment env) throws Exception {
        HttpResponse<String> subjects = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(env.schemaRegistryUrl() + "/subjects")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(subjects.statusCode()).isEqualTo(200);
        assertThat(env.schemaRegistryUrl().getHost()).isEqualTo("127.0.0.1");
        remember(env);
    }

    @Test
    void givesThePartnerCenterSimulator(TestEnvironment env) throws Exception {
        HttpResponse<String> customer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(env.partnerCenter().baseUri() + "/v1/customers/6f1c5a53-3c9b-4c0e-9a55-0d3a0d1c1a11"))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(customer.statusCode()).as("no token, so 401: the simulator answers").isEqualTo(401);
        assertThat(env.partnerCenterVariables()).containsKeys("PARTNER_CENTER_BASE_URL",
                "PARTNER_CENTER_REFRESH_TOKEN");
        remember(env);
    }

    @Nested
    class AnotherTestClass {

        @Test
        void sharesTheSameEnvironment(TestEnvironment env) {
            remember(env);
            assertThat(env.admin()).isNotNull();
            assertThat(env.clientProperties()).containsKeys("bootstrap.servers", "schema.registry.url");
            assertThat(env.environmentVariables()).containsKeys("KAFKA_BOOTSTRAP_SERVERS", "SCHEMA_REGISTRY_URL");
        }
    }

    private static synchronized void remember(TestEnvironment env) {
        if (seenFirst == null) {
            seenFirst = env;
        }
        assertThat(env).isSameAs(seenFirst);
    }
}
