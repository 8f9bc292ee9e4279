package io.github.reselleroffboarding.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.reselleroffboarding.testkit.IntegrationTest;
import io.github.reselleroffboarding.testkit.TestEnvironment;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@IntegrationTest
class TailCommandIT {

    final TestEnvironment env;
    String removedTopic;
    String blockedTopic;
    Map<String, String> environment;

    TailCommandIT(TestEnvironment env) {
        this.env = env;
    }

    @BeforeEach
    void outcomeTopics() {
        removedTopic = env.newTopic("removed", 2);
        blockedTopic = env.newTopic("blocked", 2);
        environment = new HashMap<>(env.environmentVariables());
        environment.put("RELATIONSHIP_REMOVED_TOPIC", removedTopic);
        environment.put("OFFBOARD_BLOCKED_TOPIC", blockedTopic);
    }

    @Test
    void printsEachCommittedOutcomeAsOneReadableLineAndNothingFromAbortedTransactions() throws Exception {
        Outcomes.publish(env, removedTopic, List.of(Outcomes.removed("req-1", false), Outcomes.removed("req-2", true)),
                List.of(Outcomes.removed("req-aborted", false)));
        Outcomes.publish(env, blockedTopic, List.of(Outcomes.blocked("req-3")), List.of());

        CliRun run = CliRun.run(environment, "tail", "--from-beginning", "--idle-timeout", "2s");

        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.outLines()).containsExactlyInAnyOrder(
                "2026-11-21T10:00:00Z  REMOVED  6f1c5a53-3c9b-4c0e-9a55-0d3a0d1c1a11  request=req-1 "
                        + "by=alice@contoso.example correlation=corr-9",
                "2026-11-21T10:00:00Z  REMOVED  6f1c5a53-3c9b-4c0e-9a55-0d3a0d1c1a11  request=req-2 "
                        + "by=alice@contoso.example correlation=corr-9  (already removed; no PATCH sent)",
                "2026-11-21T10:00:01Z  BLOCKED  6f1c5a53-3c9b-4c0e-9a55-0d3a0d1c1a11  request=req-3 "
                        + "by=bob@contoso.example  reasons: ACTIVE_SUBSCRIPTION: sub-1 \"Microsoft 365 E3\"; "
                        + "ACTIVE_AZURE_RESERVED_VM_INSTANCE: ri-7");
        assertThat(run.out()).doesNotContain("req-aborted");
    }

    @Test
    void printsOneJsonObjectPerOutcomeForMachines() throws Exception {
        Outcomes.publish(env, blockedTopic, List.of(Outcomes.blocked("req-json")), List.of());

        CliRun run = CliRun.run(environment, "tail", "--from-beginning", "--json", "--max-messages", "1");

        assertThat(run.exitCode()).isZero();
        JsonNode line = new ObjectMapper().readTree(run.outLines().get(0));
        assertThat(line.get("type").asText()).isEqualTo("OffboardBlocked");
        assertThat(line.get("topic").asText()).isEqualTo(blockedTopic);
        assertThat(line.get("key").asText()).isEqualTo(Outcomes.TENANT);
        JsonNode event = line.get("event");
        assertThat(event.get("requestEventId").asText()).isEqualTo("req-json");
        assertThat(event.get("blockedAt").asText()).isEqualTo("2026-11-21T10:00:01Z");
        assertThat(event.get("correlationId").isNull()).isTrue();
        assertThat(event.get("reasons")).hasSize(2);
        assertThat(event.get("reasons").get(0).get("code").asText()).isEqualTo("ACTIVE_SUBSCRIPTION");
        assertThat(event.get("reasons").get(0).get("resourceName").asText()).isEqualTo("Microsoft 365 E3");
        assertThat(event.get("reasons").get(1).get("resourceName").isNull()).isTrue();
    }

    @Test
    void followsOutcomesThatArriveWhileItRuns() throws Exception {
        CompletableFuture<CliRun> tail = CompletableFuture.supplyAsync(
                () -> CliRun.run(environment, "tail", "--max-messages", "1", "--idle-timeout", "30s"));
        // tail starts at the end of the topics: give it time to be there before the outcome is written
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> !tail.isDone());

        Outcomes.publish(env, removedTopic, List.of(Outcomes.removed("req-live", false)), List.of());

        CliRun run = tail.get(30, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(run.exitCode()).isZero();
        assertThat(run.outLines()).singleElement().asString().contains("REMOVED", "request=req-live");
    }

    @Test
    void reportsARecordItCannotDecodeAndGoesOn() throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.<String, Object>of(
                "bootstrap.servers", env.bootstrapServers()), new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(removedTopic, 0, "k", "not avro".getBytes(java.nio.charset.StandardCharsets.UTF_8))).get();
        }
        Outcomes.publish(env, removedTopic, List.of(Outcomes.removed("req-after", false)), List.of());

        CliRun run = CliRun.run(environment, "tail", "--from-beginning", "--max-messages", "1");

        assertThat(run.exitCode()).isZero();
        assertThat(run.errLines()).singleElement().asString()
                .startsWith("warning: " + removedTopic + "-0@0 cannot be decoded: Unknown magic byte 0x6e");
        assertThat(run.outLines()).singleElement().asString().contains("request=req-after");
    }

    @Test
    void aMissingOutcomeTopicIsOneLineAndExitCode1() {
        environment.put("OFFBOARD_BLOCKED_TOPIC", "no-such-outcomes");

        CliRun run = CliRun.run(environment, "tail");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(run.errLines()).containsExactly("error: topic 'no-such-outcomes' does not exist on "
                + env.bootstrapServers());
    }
}
