package io.github.reselleroffboarding.kafka.embedded;

import java.net.BindException;
import java.util.Objects;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Kafka broker (KRaft, broker and controller in one) running inside this JVM: the same server code as
 * {@code bin/kafka-server-start.sh}, with production feature levels. Starts in about 1.5 s cold.
 *
 * <p>Kafka halts the JVM on fatal broker faults ({@code Exit.halt}); a test harness that must survive that
 * should install its own {@code Exit} procedures before starting.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
    private static final int PORT_ATTEMPTS = 3;

    private final KafkaRaftServer server;
    private final BrokerSettings settings;

    private EmbeddedKafkaBroker(KafkaRaftServer server, BrokerSettings settings) {
        this.server = server;
        this.settings = settings;
    }

    /**
     * Formats the log directory if it is new, starts the broker and returns once it is registered and serving.
     * If a port turned out to be taken, tries again on other free ports.
     */
    public static EmbeddedKafkaBroker start(BrokerSettings settings) {
        Objects.requireNonNull(settings, "settings");
        BrokerSettings attempt = settings;
        for (int i = 1; ; i++) {
            try {
                return startOnce(attempt);
            } catch (RuntimeException e) {
                if (i >= PORT_ATTEMPTS || !(rootCause(e) instanceof BindException)) {
                    throw e;
                }
                log.info("Kafka port {} or {} was taken; retrying on other ports", attempt.brokerPort(),
                        attempt.controllerPort());
                attempt = attempt.onOtherFreePorts();
            }
        }
    }

    private static EmbeddedKafkaBroker startOnce(BrokerSettings settings) {
        KRaftStorage.formatIfNeeded(settings);
        KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(settings.serverProperties(), false), Time.SYSTEM);
        try {
            server.startup();
        } catch (RuntimeException e) {
            server.shutdown();
            server.awaitShutdown();
            throw e;
        }
        log.info("Kafka broker (in-process, KRaft) serving on {}", settings.bootstrapServers());
        return new EmbeddedKafkaBroker(server, settings);
    }

    public String bootstrapServers() {
        return settings.bootstrapServers();
    }

    public BrokerSettings settings() {
        return settings;
    }

    /** Controlled shutdown; data stays in the log directory for a later start. */
    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
    }

    private static Throwable rootCause(Throwable t) {
        Throwable cause = t;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }
}
