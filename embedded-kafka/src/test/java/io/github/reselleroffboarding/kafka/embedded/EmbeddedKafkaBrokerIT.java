package io.github.reselleroffboarding.kafka.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaBrokerIT {

    @TempDir
    static Path dir;
    static EmbeddedKafkaBroker broker;

    @BeforeAll
    static void start() {
        broker = EmbeddedKafkaBroker.start(BrokerSettings.onFreePorts(dir));
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    @Test
    void producesAndConsumesOnLoopback() throws Exception {
        KafkaRoundTrips.createTopic(broker.bootstrapServers(), "plain", 3);

        KafkaRoundTrips.send(broker.bootstrapServers(), "plain", List.of("a", "b", "c"));

        assertThat(broker.bootstrapServers()).startsWith("127.0.0.1:");
        assertThat(KafkaRoundTrips.readAll(broker.bootstrapServers(), "plain", "read_uncommitted", 3,
                Duration.ofSeconds(20))).containsExactlyInAnyOrder("a", "b", "c");
    }

    @Test
    void transactionsCommitOutputsAndOffsetsTogetherAndHideAbortedRecords() throws Exception {
        KafkaRoundTrips.createTopic(broker.bootstrapServers(), "tx-in", 3);
        KafkaRoundTrips.createTopic(broker.bootstrapServers(), "tx-out", 3);
        KafkaRoundTrips.send(broker.bootstrapServers(), "tx-in", List.of("x", "y", "z"));

        Map<TopicPartition, OffsetAndMetadata> committed = KafkaRoundTrips.transformInTransaction(
                broker.bootstrapServers(), "tx-in", "tx-out", "tx-group", 3);

        assertThat(KafkaRoundTrips.readAll(broker.bootstrapServers(), "tx-out", "read_committed", 4,
                Duration.ofSeconds(3))).containsExactlyInAnyOrder("X", "Y", "Z");
        assertThat(committed.values().stream().mapToLong(OffsetAndMetadata::offset).sum()).isEqualTo(3);
    }

    @Test
    void producingToAMissingTopicDoesNotCreateIt() throws Exception {
        java.util.Properties props = KafkaRoundTrips.producerProps(broker.bootstrapServers());
        props.put("max.block.ms", "1500");
        try (org.apache.kafka.clients.producer.KafkaProducer<String, String> producer =
                new org.apache.kafka.clients.producer.KafkaProducer<>(props)) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> producer.send(
                    new org.apache.kafka.clients.producer.ProducerRecord<>("never-created", "k", "v")).get())
                    .hasCauseInstanceOf(org.apache.kafka.common.errors.TimeoutException.class)
                    .hasMessageContaining("not present in metadata");
        }
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(
                Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            assertThat(admin.listTopics().names().get()).doesNotContain("never-created");
        }
    }
}
