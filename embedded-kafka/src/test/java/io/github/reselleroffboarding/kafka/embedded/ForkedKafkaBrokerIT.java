package io.github.reselleroffboarding.kafka.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ForkedKafkaBrokerIT {

    @TempDir
    Path dir;

    @Test
    void acknowledgedRecordsSurviveKillMinus9AndARestartOnTheSamePorts() throws Exception {
        try (ForkedKafkaBroker broker = ForkedKafkaBroker.start(BrokerSettings.onFreePorts(dir),
                ForkedKafkaBroker.currentClasspath(), List.of("-Xmx384m", "-XX:+UseSerialGC"))) {
            String bootstrap = broker.bootstrapServers();
            KafkaRoundTrips.createTopic(bootstrap, "durable", 2);
            KafkaRoundTrips.send(bootstrap, "durable", List.of("before-1", "before-2"));

            broker.kill();
            assertThat(broker.isAlive()).isFalse();
            broker.restart();

            assertThat(broker.bootstrapServers()).isEqualTo(bootstrap);
            KafkaRoundTrips.send(bootstrap, "durable", List.of("after"));
            assertThat(KafkaRoundTrips.readAll(bootstrap, "durable", "read_committed", 3, Duration.ofSeconds(30)))
                    .containsExactlyInAnyOrder("before-1", "before-2", "after");
        }
    }

    @Test
    void transactionsWorkOnAForkedBrokerToo() throws Exception {
        try (ForkedKafkaBroker broker = ForkedKafkaBroker.start(BrokerSettings.onFreePorts(dir),
                ForkedKafkaBroker.currentClasspath(), List.of("-Xmx384m", "-XX:+UseSerialGC"))) {
            String bootstrap = broker.bootstrapServers();
            KafkaRoundTrips.createTopic(bootstrap, "in", 1);
            KafkaRoundTrips.createTopic(bootstrap, "out", 1);
            KafkaRoundTrips.send(bootstrap, "in", List.of("q"));

            KafkaRoundTrips.transformInTransaction(bootstrap, "in", "out", "forked-group", 1);

            assertThat(KafkaRoundTrips.readAll(bootstrap, "out", "read_committed", 2, Duration.ofSeconds(3)))
                    .containsExactly("Q");
        }
    }
}
