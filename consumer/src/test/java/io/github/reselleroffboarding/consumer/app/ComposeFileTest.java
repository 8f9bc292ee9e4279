package io.github.reselleroffboarding.consumer.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.github.reselleroffboarding.consumer.config.ConfigLoader;
import io.github.reselleroffboarding.consumer.config.ServiceConfig;
import io.github.reselleroffboarding.producer.OffboardCli;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The compose file can drift from the code it runs; these checks keep it honest without Docker. */
class ComposeFileTest {

    static final Path COMPOSE = Path.of("../docker-compose.yml");
    static final Pattern PINNED_TAG = Pattern.compile("[^:@]+:\\d+(\\.\\d+)+([._-][A-Za-z0-9._-]+)?");

    final JsonNode compose = read();

    @Test
    void everyImageIsPinnedToAVersionTag() {
        compose.path("services").properties().forEach(service -> {
            String image = service.getValue().path("image").asText(compose.path("x-java").path("image").asText());
            assertThat(image).as("image of service %s", service.getKey()).matches(PINNED_TAG);
        });
    }

    @Test
    void theConsumerSetsOnlySettingsTheConsumerKnows() {
        Map<String, String> environment = environment("consumer");

        assertThat(ServiceConfig.names()).containsAll(environment.keySet());
    }

    @Test
    void theConsumerConfigurationIsValid() {
        assertThatCode(() -> ConfigLoader.load(environment("consumer"))).doesNotThrowAnyException();
    }

    @Test
    void theProducerSetsOnlyVariablesTheCliKnows() {
        assertThat(OffboardCli.environmentVariables()).containsAll(environment("producer").keySet());
    }

    @Test
    void theConsumersCredentialsAreTheOnesTheSimulatorAccepts() {
        Map<String, String> consumer = environment("consumer");
        Map<String, String> simulator = environment("partner-center-simulator");
        String command = compose.path("services").path("partner-center-simulator").path("command").asText();

        assertThat(simulator.get("SIMULATOR_CLIENT_SECRET")).isEqualTo(consumer.get("PARTNER_CENTER_CLIENT_SECRET"));
        assertThat(simulator.get("SIMULATOR_REFRESH_TOKEN")).isEqualTo(consumer.get("PARTNER_CENTER_REFRESH_TOKEN"));
        assertThat(command).contains("--partner-tenant-id " + consumer.get("PARTNER_CENTER_TENANT_ID"))
                .contains("--client-id " + consumer.get("PARTNER_CENTER_CLIENT_ID"));
    }

    @Test
    void theTopicsTheConsumerReadsAndWritesAreCreated() {
        String created = compose.path("services").path("kafka-topics").path("command").get(0).asText();
        Map<String, String> consumer = environment("consumer");

        for (String key : new String[] {"OFFBOARD_REQUESTS_TOPIC", "RELATIONSHIP_REMOVED_TOPIC",
                "OFFBOARD_BLOCKED_TOPIC", "OFFBOARD_ASSESSED_TOPIC", "DEAD_LETTER_TOPIC"}) {
            assertThat(created).as(key).contains(consumer.get(key));
        }
    }

    private Map<String, String> environment(String service) {
        Map<String, String> environment = new HashMap<>();
        compose.path("services").path(service).path("environment").properties()
                .forEach(e -> environment.put(e.getKey(), e.getValue().asText()));
        return environment;
    }

    private static JsonNode read() {
        try {
            return new ObjectMapper(new YAMLFactory()).readTree(COMPOSE.toFile());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + COMPOSE, e);
        }
    }
}
