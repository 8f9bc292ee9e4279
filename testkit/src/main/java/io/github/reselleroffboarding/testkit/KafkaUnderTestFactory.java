package io.github.reselleroffboarding.testkit;

import io.github.reselleroffboarding.kafka.embedded.BrokerSettings;
import io.github.reselleroffboarding.kafka.embedded.EmbeddedKafkaBroker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.apache.kafka.common.utils.Exit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * Picks the broker for this test JVM: Testcontainers' Kafka module when a Docker daemon answers, otherwise a
 * KRaft broker from Kafka's own jars inside this JVM. {@code -Dkafka.test.broker=docker|embedded|auto} forces a
 * choice ({@code auto} by default).
 */
final class KafkaUnderTestFactory {

    static final String BROKER_PROPERTY = "kafka.test.broker";
    static final String KAFKA_IMAGE = "apache/kafka:4.1.2";
    private static final Logger log = LoggerFactory.getLogger(KafkaUnderTestFactory.class);

    private KafkaUnderTestFactory() {
    }

    static KafkaUnderTest start() {
        String mode = System.getProperty(BROKER_PROPERTY, "auto").toLowerCase(Locale.ROOT);
        KafkaUnderTest broker = switch (mode) {
            case "docker" -> docker();
            case "embedded" -> embedded();
            case "auto" -> dockerAnswers() ? docker() : embedded();
            default -> throw new IllegalArgumentException("-D" + BROKER_PROPERTY + " must be docker, embedded or "
                    + "auto, was " + mode);
        };
        log.info("Integration tests use {} at {}", broker.description(), broker.bootstrapServers());
        return broker;
    }

    private static boolean dockerAnswers() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (Throwable t) {
            return false;
        }
    }

    private static KafkaUnderTest docker() {
        KafkaContainer container = new KafkaContainer(DockerImageName.parse(KAFKA_IMAGE))
                .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false");
        container.start();
        return new KafkaUnderTest() {
            @Override
            public String bootstrapServers() {
                return container.getBootstrapServers();
            }

            @Override
            public String description() {
                return "Kafka " + KAFKA_IMAGE + " in Docker (Testcontainers)";
            }

            @Override
            public void close() {
                container.stop();
            }
        };
    }

    private static KafkaUnderTest embedded() {
        // A fatal broker fault would halt this JVM and hide every test result; make it an exception instead.
        Exit.setHaltProcedure((code, message) -> {
            throw new IllegalStateException("Kafka asked to halt the JVM (" + code + "): " + message);
        });
        Exit.setExitProcedure((code, message) -> {
            throw new IllegalStateException("Kafka asked to exit the JVM (" + code + "): " + message);
        });
        Path dir;
        try {
            dir = Files.createTempDirectory("kafka-under-test-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(BrokerSettings.onFreePorts(dir));
        return new KafkaUnderTest() {
            @Override
            public String bootstrapServers() {
                return broker.bootstrapServers();
            }

            @Override
            public String description() {
                return "Kafka 4.1.2 (KRaft) in this JVM, from Kafka's Maven artifacts";
            }

            @Override
            public void close() {
                broker.close();
                TempDirs.deleteQuietly(dir);
            }
        };
    }
}
