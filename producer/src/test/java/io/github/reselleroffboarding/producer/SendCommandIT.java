package io.github.reselleroffboarding.producer;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.reselleroffboarding.events.CustomerOffboardRequested;
import io.github.reselleroffboarding.testkit.IntegrationTest;
import io.github.reselleroffboarding.testkit.TestEnvironment;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@IntegrationTest
class SendCommandIT {

    static final String TENANT_UPPER = "6F1C5A53-3C9B-4C0E-9A55-0D3A0D1C1A11";
    static final String TENANT = "6f1c5a53-3c9b-4c0e-9a55-0d3a0d1c1a11";
    static final String OTHER_TENANT = "0b5c3f1e-8d2a-4e6b-9c7d-1a2b3c4d5e6f";

    final TestEnvironment env;
    String topic;
    Map<String, String> environment;

    @TempDir
    Path dir;

    SendCommandIT(TestEnvironment env) {
        this.env = env;
    }

    @BeforeEach
    void newRequestsTopic() {
        topic = env.newTopic("requests", 3);
        environment = new HashMap<>(env.environmentVariables());
        environment.put("OFFBOARD_REQUESTS_TOPIC", topic);
    }

    @Test
    void sendsOneRequestKeyedByTheCanonicalTenantId() {
        Clock clock = Clock.fixed(Instant.parse("2026-11-21T09:30:00.123456Z"), ZoneOffset.UTC);

        CliRun run = CliRun.run(environment, clock, "send", "--tenant", TENANT_UPPER, "--requested-by",
                "alice@contoso.example", "--reason", "contract ended", "--correlation-id", "crm-77");

        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).isEmpty();
        ConsumerRecord<String, Object> record = single(Outcomes.readRequests(env, topic, 1, Duration.ofSeconds(15)));
        CustomerOffboardRequested request = Outcomes.value(record);
        assertThat(record.key()).isEqualTo(TENANT);
        assertThat(request.getCustomerTenantId()).isEqualTo(TENANT);
        assertThat(UUID.fromString(request.getEventId())).isNotNull();
        assertThat(request.getRequestedAt()).isEqualTo(Instant.parse("2026-11-21T09:30:00.123Z"));
        assertThat(request.getRequestedBy()).isEqualTo("alice@contoso.example");
        assertThat(request.getReason()).isEqualTo("contract ended");
        assertThat(request.getCorrelationId()).isEqualTo("crm-77");
        assertThat(run.out()).startsWith("sent eventId=" + request.getEventId() + " tenant=" + TENANT + " to " + topic);
    }

    @Test
    void keepsAGivenEventIdAndLeavesOptionalFieldsEmpty() {
        String eventId = "1b4e28ba-2fa1-41d2-883f-0016d3cca427";

        CliRun run = CliRun.run(environment, "send", "--tenant", TENANT, "--requested-by", "crm-sync",
                "--event-id", eventId);

        assertThat(run.exitCode()).isZero();
        CustomerOffboardRequested request = Outcomes.value(single(Outcomes.readRequests(env, topic, 1,
                Duration.ofSeconds(15))));
        assertThat(request.getEventId()).isEqualTo(eventId);
        assertThat(request.getReason()).isNull();
        assertThat(request.getCorrelationId()).isNull();
        assertThat(request.getCleanup()).as("no clean-up unless asked").isFalse();
    }

    @Test
    void cleanupConsentIsSentOnlyWhenAskedFor() {
        CliRun run = CliRun.run(environment, "send", "--tenant", TENANT, "--requested-by", "crm-sync", "--cleanup");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("cleanup=true");
        CustomerOffboardRequested request = Outcomes.value(single(Outcomes.readRequests(env, topic, 1,
                Duration.ofSeconds(15))));
        assertThat(request.getCleanup()).isTrue();
    }

    @Test
    void flagsOverrideEnvironmentVariables() {
        String other = env.newTopic("requests-flag", 1);

        CliRun run = CliRun.run(environment, "send", "--topic", other, "--tenant", TENANT, "--requested-by", "x");

        assertThat(run.exitCode()).isZero();
        assertThat(Outcomes.readRequests(env, other, 1, Duration.ofSeconds(15))).hasSize(1);
    }

    @Test
    void readsConnectionSettingsFromAClientConfigFile() throws IOException {
        Path config = dir.resolve("client.properties");
        Files.writeString(config, "bootstrap.servers=" + env.bootstrapServers() + "\n"
                + "schema.registry.url=" + env.schemaRegistryUrl() + "\n"
                + "client.id=offboard-cli-test\n");

        CliRun run = CliRun.run(Map.of(), "send", "--client-config", config.toString(), "--topic", topic,
                "--tenant", TENANT, "--requested-by", "x");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(Outcomes.readRequests(env, topic, 1, Duration.ofSeconds(15))).hasSize(1);
    }

    @Nested
    class Bulk {

        @Test
        void sendsJsonLinesAndSkipsBadLinesNamingTheirLineNumbers() throws IOException {
            Path file = dir.resolve("requests.jsonl");
            Files.write(file, List.of(
                    "{\"customerTenantId\":\"" + TENANT + "\",\"requestedBy\":\"a\",\"reason\":\"r1\"}",
                    "{\"customerTenantId\":\"" + OTHER_TENANT + "\",\"requestedBy\":\"b\",\"correlationId\":\"c2\"}",
                    "{\"customerTenantId\":\"not-a-guid\",\"requestedBy\":\"c\"}",
                    "",
                    "{\"customerTenantId\":\"" + TENANT + "\",\"requestedBy\":\"d\"",
                    "{\"customerTenantId\":\"" + TENANT + "\",\"requestedBy\":\"e\",\"reasn\":\"typo\"}",
                    "{\"customerTenantId\":\"" + TENANT + "\"}",
                    "{\"customerTenantId\":\"" + TENANT_UPPER + "\",\"requestedBy\":\"f\",\"eventId\":null}"));

            CliRun run = CliRun.run(environment, "send", "--file", file.toString());

            assertThat(run.exitCode()).isEqualTo(ExitCodes.PARTIAL);
            assertThat(run.errLines()).containsExactly(
                    "line 3: tenant id 'not-a-guid' is not a GUID (expected 8-4-4-4-12 hex digits, e.g. "
                            + "6f1c5a53-3c9b-4c0e-9a55-0d3a0d1c1a11) (skipped)",
                    "line 5: not valid JSON (Unexpected end-of-input: expected close marker for Object (start "
                            + "marker at [Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); "
                            + "line: 1, column: 1])) (skipped)",
                    "line 6: unknown field 'reasn' (expected customerTenantId, requestedBy, reason, correlationId, "
                            + "eventId, cleanup) (skipped)",
                    "line 7: requestedBy is missing (skipped)");
            assertThat(run.out()).isEqualTo("sent 3 of 3 requests from " + file + " to " + topic
                    + "; 4 bad lines skipped" + System.lineSeparator());
            List<ConsumerRecord<String, Object>> sent = Outcomes.readRequests(env, topic, 3, Duration.ofSeconds(15));
            assertThat(sent).extracting(r -> Outcomes.value(r).getRequestedBy()).containsExactlyInAnyOrder("a", "b",
                    "f");
            assertThat(sent).allSatisfy(r -> assertThat(r.key()).isEqualTo(Outcomes.value(r).getCustomerTenantId()));
            assertThat(sent).filteredOn(r -> r.key().equals(TENANT))
                    .extracting(r -> Outcomes.value(r).getRequestedBy()).containsExactly("a", "f");
            CustomerOffboardRequested b = sent.stream().map(Outcomes::value)
                    .filter(r -> r.getRequestedBy().equals("b")).findFirst().orElseThrow();
            assertThat(b.getCustomerTenantId()).isEqualTo(OTHER_TENANT);
            assertThat(b.getCorrelationId()).isEqualTo("c2");
            assertThat(b.getReason()).isNull();
        }

        @Test
        void sendsCsvWithAHeaderAndQuotedFields() throws IOException {
            Path file = dir.resolve("requests.csv");
            Files.write(file, List.of(
                    "requestedBy,customerTenantId,reason",
                    "alice," + TENANT + ",\"moved to another partner, effective May\"",
                    "bob," + OTHER_TENANT + ",",
                    "carol,zzz,nope",
                    "dave," + TENANT));

            CliRun run = CliRun.run(environment, "send", "--file", file.toString());

            assertThat(run.exitCode()).isEqualTo(ExitCodes.PARTIAL);
            assertThat(run.errLines()).containsExactly(
                    "line 4: tenant id 'zzz' is not a GUID (expected 8-4-4-4-12 hex digits, e.g. "
                            + "6f1c5a53-3c9b-4c0e-9a55-0d3a0d1c1a11) (skipped)",
                    "line 5: has 2 columns, the header has 3 (skipped)");
            List<CustomerOffboardRequested> sent = Outcomes.readRequests(env, topic, 2, Duration.ofSeconds(15))
                    .stream().map(Outcomes::value).toList();
            assertThat(sent).extracting(CustomerOffboardRequested::getRequestedBy)
                    .containsExactlyInAnyOrder("alice", "bob");
            assertThat(sent).filteredOn(r -> r.getRequestedBy().equals("alice"))
                    .extracting(CustomerOffboardRequested::getReason)
                    .containsExactly("moved to another partner, effective May");
            assertThat(sent).filteredOn(r -> r.getRequestedBy().equals("bob"))
                    .extracting(CustomerOffboardRequested::getReason).containsOnlyNulls();
        }

        @Test
        void aCleanFileExitsZeroWithAFinalCountAndAProgressBar() throws IOException {
            Path file = dir.resolve("many.jsonl");
            List<String> lines = new java.util.ArrayList<>();
            for (int i = 0; i < 500; i++) {
                lines.add("{\"customerTenantId\":\"" + UUID.randomUUID() + "\",\"requestedBy\":\"bulk-" + i + "\"}");
            }
            Files.write(file, lines);

            CliRun run = CliRun.run(environment, "send", "--file", file.toString(), "--progress", "always");

            assertThat(run.exitCode()).isZero();
            assertThat(run.out()).startsWith("sent 500 of 500 requests");
            assertThat(run.err()).contains("sending [").endsWith("] 500/500" + System.lineSeparator());
            assertThat(Outcomes.readRequests(env, topic, 500, Duration.ofSeconds(20))).hasSize(500);
        }

        @Test
        void aCsvWithoutTheRequiredHeaderSkipsEveryLine() throws IOException {
            Path file = dir.resolve("no-header.csv");
            Files.write(file, List.of(TENANT + ",alice", OTHER_TENANT + ",bob"));

            CliRun run = CliRun.run(environment, "send", "--file", file.toString());

            assertThat(run.exitCode()).isEqualTo(ExitCodes.PARTIAL);
            assertThat(run.errLines()).hasSize(2).first().asString().startsWith("line 1: the CSV header must name");
            assertThat(run.out()).contains("sent 0 of 0 requests");
        }
    }

    @Nested
    class Errors {

        @Test
        void anUnreachableBrokerIsOneLineAndExitCode1() throws IOException {
            environment.put("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + closedPort());

            CliRun run = CliRun.run(environment, "send", "--tenant", TENANT, "--requested-by", "x", "--timeout", "2s");

            assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILURE);
            assertThat(run.out()).isEmpty();
            assertThat(run.errLines()).singleElement().asString()
                    .matches("error: Kafka at 127\\.0\\.0\\.1:\\d+ did not answer within 2s \\(check .*\\)");
        }

        @Test
        void anUnreachableRegistryIsOneLineAndExitCode1() throws IOException {
            int port = closedPort();
            environment.put("SCHEMA_REGISTRY_URL", "http://127.0.0.1:" + port);

            CliRun run = CliRun.run(environment, "send", "--tenant", TENANT, "--requested-by", "x", "--timeout", "2s");

            assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILURE);
            assertThat(run.errLines()).singleElement().asString()
                    .startsWith("error: Schema Registry at http://127.0.0.1:" + port + " did not answer: ");
            assertThat(Outcomes.readRequests(env, topic, 1, Duration.ofSeconds(2))).isEmpty();
        }

        @Test
        void aMissingTopicIsOneLineAndExitCode1() {
            CliRun run = CliRun.run(environment, "send", "--topic", "no-such-topic", "--tenant", TENANT,
                    "--requested-by", "x");

            assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILURE);
            assertThat(run.errLines()).containsExactly("error: topic 'no-such-topic' does not exist on "
                    + env.bootstrapServers());
        }

        @Test
        void aBadGuidIsRefusedBeforeAnythingIsSent() {
            CliRun run = CliRun.run(environment, "send", "--tenant", "6f1c5a53-3c9b-4c0e-9a55", "--requested-by", "x");

            assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
            assertThat(run.errLines()).containsExactly("error: tenant id '6f1c5a53-3c9b-4c0e-9a55' is not a GUID "
                    + "(expected 8-4-4-4-12 hex digits, e.g. 6f1c5a53-3c9b-4c0e-9a55-0d3a0d1c1a11)");
            assertThat(Outcomes.readRequests(env, topic, 1, Duration.ofSeconds(2))).isEmpty();
        }

        @Test
        void aBadEventIdIsRefused() {
            CliRun run = CliRun.run(environment, "send", "--tenant", TENANT, "--requested-by", "x",
                    "--event-id", "order-1");

            assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
            assertThat(run.errLines()).containsExactly("error: eventId 'order-1' is not a UUID");
        }

        @Test
        void anUnknownFlagIsOneLineAndExitCode2() {
            CliRun run = CliRun.run(environment, "send", "--tenant", TENANT, "--requested-by", "x", "--urgent");

            assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
            assertThat(run.errLines()).containsExactly("error: Unknown option: '--urgent' (see 'send --help')");
        }

        @Test
        void aMissingRequiredFlagIsOneLineAndExitCode2() {
            CliRun run = CliRun.run(environment, "send", "--tenant", TENANT);

            assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
            assertThat(run.errLines()).containsExactly(
                    "error: Missing required argument(s): --requested-by=WHO (see 'send --help')");
        }

        @Test
        void aMissingClientConfigFileIsOneLineAndExitCode2() {
            CliRun run = CliRun.run(environment, "send", "--client-config", "/no/such/client.properties",
                    "--tenant", TENANT, "--requested-by", "x");

            assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
            assertThat(run.errLines()).containsExactly(
                    "error: --client-config /no/such/client.properties: no such file");
        }
    }

    static ConsumerRecord<String, Object> single(List<ConsumerRecord<String, Object>> records) {
        assertThat(records).hasSize(1);
        return records.get(0);
    }

    static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
