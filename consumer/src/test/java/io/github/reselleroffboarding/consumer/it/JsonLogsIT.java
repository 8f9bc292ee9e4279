package io.github.reselleroffboarding.consumer.it;

import static io.github.reselleroffboarding.consumer.it.OffboardingHarness.newTenant;
import static io.github.reselleroffboarding.consumer.it.OffboardingHarness.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.reselleroffboarding.events.CustomerOffboardRequested;
import io.github.reselleroffboarding.partnercenter.simulator.SeedCustomer;
import io.github.reselleroffboarding.partnercenter.simulator.SimulatorSettings;
import io.github.reselleroffboarding.testkit.IntegrationTest;
import io.github.reselleroffboarding.testkit.TestEnvironment;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The consumer jar run with {@code LOG_FORMAT=json}: every line it prints is one JSON object; a request's lines
 * carry its ids as fields (on the engine thread and on Reactor's), Partner Center calls their MS-RequestId and
 * MS-CorrelationId; per-request lines are DEBUG; no secret appears in any line.
 */
@IntegrationTest
class JsonLogsIT {

    static final ObjectMapper JSON = new ObjectMapper();

    final TestEnvironment env;
    OffboardingHarness harness;

    JsonLogsIT(TestEnvironment env) {
        this.env = env;
    }

    @BeforeEach
    void reset() {
        env.resetPartnerCenter();
        harness = new OffboardingHarness(env, 2);
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    @Test
    void jsonLinesCarryTheRequestsIdsAsFieldsAndNoSecret() throws Exception {
        String removedTenant = newTenant();
        env.partnerCenter().putCustomer(SeedCustomer.customer(removedTenant).build());
        CustomerOffboardRequested removal = CustomerOffboardRequested.newBuilder(request(removedTenant))
                .setCorrelationId("crm-ticket-4711").build();
        Path log = Files.createTempFile(Path.of("target"), "json-logs-", ".log");

        List<JsonNode> lines;
        try (ConsumerProcess consumer = ConsumerProcess.start(withLogging("json", "DEBUG"), log)) {
            harness.publish(removal);
            harness.publishRaw(newTenant(), "not avro at all".getBytes(StandardCharsets.UTF_8));
            assertThat(harness.removedOutcomes(1, Duration.ofSeconds(60))).hasSize(1);
            assertThat(harness.deadLetterRecords(1, Duration.ofSeconds(60))).hasSize(1);
            await().atMost(Duration.ofSeconds(30)).until(() -> consumer.output().contains("relationship removed"));
            lines = parse(consumer.output());
        }

        assertThat(lines).allSatisfy(line -> assertThat(line.fieldNames()).toIterable()
                .contains("timestamp", "level", "logger", "thread", "message"));
        JsonNode outcome = only(lines, l -> l.path("message").asText().contains("relationship removed"));
        assertThat(outcome.path("level").asText()).as("a per-request line").isEqualTo("DEBUG");
        assertThat(outcome.path("tenantId").asText()).isEqualTo(removedTenant);
        assertThat(outcome.path("requestEventId").asText()).isEqualTo(removal.getEventId());
        assertThat(outcome.path("correlationId").asText()).isEqualTo("crm-ticket-4711");
        assertThat(outcome.path("partition").asText()).matches("[01]");
        assertThat(outcome.path("offset").asText()).matches("\\d+");
        assertThat(outcome.path("thread").asText()).isEqualTo("offboarding-engine");

        // a busy machine may time a PATCH out and send it again: the line that matters is the one answered 200
        JsonNode patch = lines.stream().filter(l -> "remove-relationship".equals(l.path("operation").asText())
                && l.path("status").asInt() == 200).findFirst().orElseThrow();
        assertThat(patch.path("thread").asText()).as("logged on a Reactor thread").isNotEqualTo("offboarding-engine");
        assertThat(patch.path("tenantId").asText()).isEqualTo(removedTenant);
        assertThat(patch.path("requestEventId").asText()).isEqualTo(removal.getEventId());
        assertThat(patch.path("msRequestId").asText()).matches("[0-9a-f-]{36}");
        assertThat(patch.path("msCorrelationId").asText()).matches("[0-9a-f-]{36}");

        JsonNode deadLetter = only(lines, l -> l.path("message").asText().startsWith("Dead-lettering unreadable"));
        assertThat(deadLetter.path("level").asText()).isEqualTo("WARN");
        assertThat(deadLetter.has("partition")).isTrue();
        JsonNode started = only(lines, l -> l.path("message").asText().startsWith("Starting reseller-offboarding"));
        assertThat(started.path("level").asText()).as("lifecycle stays INFO").isEqualTo("INFO");

        assertNoSecretIn(Files.readString(log));
    }

    @Test
    void textStaysTheDefaultAndPerRequestLinesAreQuietAtInfo() throws Exception {
        String tenant = newTenant();
        env.partnerCenter().putCustomer(SeedCustomer.customer(tenant).build());
        Path log = Files.createTempFile(Path.of("target"), "text-logs-", ".log");

        String output;
        try (ConsumerProcess consumer = ConsumerProcess.start(harness.environment, log)) {
            harness.publish(request(tenant));
            assertThat(harness.removedOutcomes(1, Duration.ofSeconds(60))).hasSize(1);
            output = consumer.output();
        }

        assertThat(output).containsPattern("Z INFO  \\[main] \\S+OffboardingService - Starting reseller-offboarding consumer")
                .doesNotContain("relationship removed").doesNotContain(" DEBUG ").doesNotContain("{\"timestamp\"");
        assertNoSecretIn(output);
    }

    @Test
    void anUnknownLogFormatStopsTheStartNamingTheKey() throws Exception {
        Path log = Files.createTempFile(Path.of("target"), "bad-log-format-", ".log");
        try (ConsumerProcess consumer = ConsumerProcess.start(withLogging("yaml", "INFO"), log)) {
            assertThat(consumer.awaitExit(Duration.ofSeconds(30))).isEqualTo(2);
            assertThat(consumer.output()).isEqualTo("configuration error: LOG_FORMAT: must be text or json (was 'yaml')"
                    + System.lineSeparator());
        }
    }

    private java.util.Map<String, String> withLogging(String format, String level) {
        java.util.Map<String, String> environment = new java.util.HashMap<>(harness.environment);
        environment.put("LOG_FORMAT", format);
        environment.put("LOG_LEVEL", level);
        return environment;
    }

    private static List<JsonNode> parse(String output) throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : output.lines().toList()) {
            if (line.isBlank()) {
                continue;
            }
            assertThat(line).as("every line is one JSON object").startsWith("{").endsWith("}");
            lines.add(JSON.readTree(line));
        }
        return lines;
    }

    private static JsonNode only(List<JsonNode> lines, java.util.function.Predicate<JsonNode> which) {
        List<JsonNode> found = lines.stream().filter(which).toList();
        assertThat(found).hasSize(1);
        return found.get(0);
    }

    private void assertNoSecretIn(String output) {
        SimulatorSettings settings = env.partnerCenter().settings();
        assertThat(output).isNotBlank().doesNotContain(settings.clientSecret()).doesNotContain(settings.refreshToken())
                .doesNotContain("sim-at-").doesNotContain("sim-rt-");
    }
}
