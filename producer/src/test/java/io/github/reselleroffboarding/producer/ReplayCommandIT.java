package io.github.reselleroffboarding.producer;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.reselleroffboarding.testkit.IntegrationTest;
import io.github.reselleroffboarding.testkit.TestEnvironment;
import io.github.reselleroffboarding.testkit.TopicReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@IntegrationTest
class ReplayCommandIT {

    final TestEnvironment env;
    String requests;
    String deadLetters;
    Map<String, String> environment;

    ReplayCommandIT(TestEnvironment env) {
        this.env = env;
    }

    @BeforeEach
    void topics() {
        requests = env.newTopic("requests", 2);
        deadLetters = env.newTopic("requests-dlt", 2);
        environment = new HashMap<>(env.environmentVariables());
        environment.put("OFFBOARD_REQUESTS_TOPIC", requests);
        environment.put("DEAD_LETTER_TOPIC", deadLetters);
    }

    @Test
    void replaysEachDeadLetterOnceWithItsKeyValueAndOriginalHeaders() {
        deadLetter("tenant-a", "value-a", "budget used up");
        deadLetter("tenant-b", "value-b", "budget used up");

        CliRun first = CliRun.run(environment, "replay", "--idle-timeout", "1s", "--group", "g1");
        CliRun second = CliRun.run(environment, "replay", "--idle-timeout", "1s", "--group", "g1");

        assertThat(first.exitCode()).isZero();
        assertThat(first.outLines()).hasSize(3).last().asString()
                .isEqualTo("replayed 2 dead letters from " + deadLetters + " to " + requests);
        assertThat(first.outLines().get(0)).contains("failed with: budget used up");
        assertThat(second.outLines()).containsExactly("replayed 0 dead letters from " + deadLetters + " to "
                + requests);
        List<ConsumerRecord<String, byte[]>> replayed = TopicReader.readCommitted(env.bootstrapServers(), requests,
                new ByteArrayDeserializer(), 3, Duration.ofSeconds(3));
        assertThat(replayed).hasSize(2).allSatisfy(r -> {
            assertThat(new String(r.value(), StandardCharsets.UTF_8)).isEqualTo("value-" + r.key().substring(7));
            assertThat(new String(r.headers().lastHeader("traceparent").value(), StandardCharsets.UTF_8))
                    .isEqualTo("00-abc-01");
            assertThat(r.headers().lastHeader("kafka_dlt-exception-message")).isNull();
            assertThat(new String(r.headers().lastHeader("offboard-replayed-from").value(), StandardCharsets.UTF_8))
                    .startsWith(deadLetters + "-");
        });
    }

    @Test
    void aDryRunListsWithoutSendingOrMovingTheGroup() {
        deadLetter("tenant-c", "value-c", "unreadable");

        CliRun dry = CliRun.run(environment, "replay", "--dry-run", "--idle-timeout", "1s", "--group", "g2");
        CliRun real = CliRun.run(environment, "replay", "--idle-timeout", "1s", "--group", "g2");

        assertThat(dry.outLines()).last().asString().startsWith("would replay 1 dead letter from");
        assertThat(real.outLines()).last().asString().startsWith("replayed 1 dead letter from");
        assertThat(TopicReader.readCommitted(env.bootstrapServers(), requests, new ByteArrayDeserializer(), 2,
                Duration.ofSeconds(3))).hasSize(1);
    }

    @Test
    void stopsAfterMaxMessages() {
        for (int i = 0; i < 3; i++) {
            deadLetter("tenant-" + i, "value-" + i, "x");
        }

        CliRun run = CliRun.run(environment, "replay", "--max-messages", "2", "--group", "g3");

        assertThat(run.outLines()).last().asString().startsWith("replayed 2 dead letters");
        assertThat(CliRun.run(environment, "replay", "--idle-timeout", "1s", "--group", "g3").outLines()).last()
                .asString().startsWith("replayed 1 dead letter ");
    }

    @Test
    void aDeadLetterWhoseValueWasTooLargeToKeepIsReportedAndNotSent() {
        RecordHeaders digestOnly = new RecordHeaders();
        digestOnly.add("offboarding-dlt-original-value-sha256", "ab12".getBytes(StandardCharsets.UTF_8));
        digestOnly.add("offboarding-dlt-original-value-size", "1100000".getBytes(StandardCharsets.UTF_8));
        send("tenant-d", null, digestOnly);
        deadLetter("tenant-e", "value-e", "budget used up");

        // a wide idle timeout: the replay must see both records, however slowly the machine fetches them
        CliRun run = CliRun.run(environment, "replay", "--idle-timeout", "10s", "--group", "g4");

        assertThat(run.exitCode()).isZero();
        assertThat(run.outLines()).anySatisfy(line -> assertThat(line).contains("cannot replay", "1100000 bytes",
                "sha256 ab12", "publish it again from its source"));
        assertThat(run.outLines()).last().asString().startsWith("replayed 1 dead letter ");
        assertThat(TopicReader.readCommitted(env.bootstrapServers(), requests, new ByteArrayDeserializer(), 2,
                Duration.ofSeconds(3))).extracting(ConsumerRecord::key).containsExactly("tenant-e");
    }

    private void deadLetter(String key, String value, String message) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("traceparent", "00-abc-01".getBytes(StandardCharsets.UTF_8));
        headers.add("kafka_dlt-original-topic", requests.getBytes(StandardCharsets.UTF_8));
        headers.add("kafka_dlt-exception-message", message.getBytes(StandardCharsets.UTF_8));
        send(key, value, headers);
    }

    private void send(String key, String value, RecordHeaders headers) {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers",
                env.bootstrapServers()), new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(deadLetters, null, key.getBytes(StandardCharsets.UTF_8),
                    value == null ? null : value.getBytes(StandardCharsets.UTF_8), headers)).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
