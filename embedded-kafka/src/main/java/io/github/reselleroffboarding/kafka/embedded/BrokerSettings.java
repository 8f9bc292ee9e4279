package io.github.reselleroffboarding.kafka.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * A single-node KRaft broker (combined broker and controller) on loopback.
 *
 * <p>The defaults make the things a single node cannot do by Kafka's defaults work: replication factor 1 and min
 * ISR 1 for the offsets and transaction state topics (without them {@code initTransactions()} times out), no
 * initial rebalance delay, one partition for the internal topics, a small log-cleaner buffer so compaction fits a
 * small heap, a short broker session so a restart after {@code kill -9} takes seconds, and no automatic topic
 * creation, as on a production cluster.
 *
 * @param dataDir directory for the broker's logs and, when forked, its {@code server.properties} and output
 * @param brokerPort client port on 127.0.0.1
 * @param controllerPort KRaft controller port on 127.0.0.1
 * @param overrides any broker property, applied last
 */
public record BrokerSettings(Path dataDir, int brokerPort, int controllerPort, Map<String, String> overrides) {

    public BrokerSettings {
        Objects.requireNonNull(dataDir, "dataDir");
        checkPort("brokerPort", brokerPort);
        checkPort("controllerPort", controllerPort);
        if (brokerPort == controllerPort) {
            throw new IllegalArgumentException("brokerPort and controllerPort must differ, both were " + brokerPort);
        }
        overrides = Map.copyOf(overrides);
    }

    /** Two ports that were free a moment ago; {@link EmbeddedKafkaBroker#start} retries if one is taken since. */
    public static BrokerSettings onFreePorts(Path dataDir) {
        return new BrokerSettings(dataDir, freePort(), freePort(), Map.of());
    }

    public BrokerSettings withOverrides(Map<String, String> more) {
        Map<String, String> merged = new LinkedHashMap<>(overrides);
        merged.putAll(more);
        return new BrokerSettings(dataDir, brokerPort, controllerPort, merged);
    }

    /** A copy on two other free ports, for a retry after a port was taken. */
    BrokerSettings onOtherFreePorts() {
        return new BrokerSettings(dataDir, freePort(), freePort(), overrides);
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + brokerPort;
    }

    public Path logDir() {
        return dataDir.resolve("kafka-logs");
    }

    /** Every broker property, defaults first, then {@link #overrides}. */
    public Map<String, String> serverProperties() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", logDir().toAbsolutePath().toString());
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("default.replication.factor", "1");
        p.put("min.insync.replicas", "1");
        p.put("num.partitions", "1");
        p.put("auto.create.topics.enable", "false");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("log.cleaner.dedupe.buffer.size", String.valueOf(2 * 1024 * 1024));
        p.put("broker.session.timeout.ms", "3000");
        p.put("broker.heartbeat.interval.ms", "500");
        p.put("server.max.startup.time.ms", "60000");
        p.putAll(overrides);
        return p;
    }

    /** Writes {@link #serverProperties()} to {@code dataDir/server.properties} and returns the file. */
    public Path writeServerProperties() {
        Properties props = new Properties();
        props.putAll(serverProperties());
        Path file = dataDir.resolve("server.properties");
        try {
            Files.createDirectories(dataDir);
            try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                props.store(out, "single-node KRaft broker for reseller-offboarding");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return file;
    }

    private static void checkPort(String name, int port) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(name + " must be between 1 and 65535, was " + port);
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }
}
