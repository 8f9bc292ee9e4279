package io.github.reselleroffboarding.kafka.embedded;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Kafka broker in its own JVM, so a test can {@link #kill()} it ({@code kill -9}) and {@link #restart()}
 * it on the same ports and data, as a crashed broker comes back. Launch to ready takes about 2 s; a restart
 * after {@code kill -9} about 5 s (the short broker session in {@link BrokerSettings}).
 */
public final class ForkedKafkaBroker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ForkedKafkaBroker.class);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

    private final BrokerSettings settings;
    private final String classpath;
    private final List<String> jvmOptions;
    private Process process;

    private ForkedKafkaBroker(BrokerSettings settings, String classpath, List<String> jvmOptions) {
        this.settings = settings;
        this.classpath = classpath;
        this.jvmOptions = List.copyOf(jvmOptions);
    }

    /**
     * Starts a broker JVM and waits until it answers.
     *
     * @param classpath a classpath holding {@code kafka_2.13} and this module, e.g. {@link #currentClasspath()}
     * @param jvmOptions e.g. {@code -Xmx512m}
     */
    public static ForkedKafkaBroker start(BrokerSettings settings, String classpath, List<String> jvmOptions) {
        ForkedKafkaBroker broker = new ForkedKafkaBroker(Objects.requireNonNull(settings, "settings"),
                Objects.requireNonNull(classpath, "classpath"), jvmOptions);
        broker.launch();
        return broker;
    }

    /** The classpath of this JVM: the full test classpath under Maven's surefire and failsafe. */
    public static String currentClasspath() {
        String fromSurefire = System.getProperty("surefire.test.class.path");
        return fromSurefire != null && !fromSurefire.isBlank() ? fromSurefire : System.getProperty("java.class.path");
    }

    public String bootstrapServers() {
        return settings.bootstrapServers();
    }

    /** The broker JVM's process id, e.g. to read its CPU time from {@code /proc}. */
    public long pid() {
        if (process == null) {
            throw new IllegalStateException("the broker has not been started");
        }
        return process.pid();
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** {@code kill -9}: no shutdown hook, no controlled shutdown, as a crash. */
    public void kill() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        awaitExit(Duration.ofSeconds(30));
        log.info("Kafka broker (forked, pid {}) killed", process.pid());
    }

    /** SIGTERM: Kafka's controlled shutdown. */
    public void stop() {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        if (!awaitExit(Duration.ofSeconds(30))) {
            log.warn("Kafka broker (forked, pid {}) ignored SIGTERM for 30 s; killing it", process.pid());
            kill();
        }
    }

    /** Starts the broker again on the same ports and data; stops it first if it is still running. */
    public void restart() {
        stop();
        launch();
    }

    @Override
    public void close() {
        stop();
    }

    private void launch() {
        KRaftStorage.formatIfNeeded(settings);
        Path properties = settings.writeServerProperties();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(classpath);
        command.add(BrokerMain.class.getName());
        command.add(properties.toString());
        Path output = settings.dataDir().resolve("broker.out");
        Instant started = Instant.now();
        try {
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()))
                    .start();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot launch a Kafka broker JVM: " + e.getMessage(), e);
        }
        // stdin stays open: BrokerMain's watchdog ends the broker when this JVM goes away
        awaitReady(output);
        log.info("Kafka broker (forked, pid {}) serving on {} after {} ms", process.pid(), bootstrapServers(),
                Duration.between(started, Instant.now()).toMillis());
    }

    private void awaitReady(Path output) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "2000");
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "2000");
        props.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "200");
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        try (Admin admin = Admin.create(props)) {
            while (Instant.now().isBefore(deadline)) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("Kafka broker JVM exited with " + process.exitValue()
                            + " before serving; see " + output);
                }
                try {
                    if (!admin.describeCluster().nodes().get(2, TimeUnit.SECONDS).isEmpty()) {
                        return;
                    }
                } catch (ExecutionException | TimeoutException e) {
                    // not serving yet
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for the broker", e);
                }
                sleep(Duration.ofMillis(100));
            }
        }
        kill();
        throw new IllegalStateException("Kafka broker did not serve within " + READY_TIMEOUT + "; see " + output);
    }

    private boolean awaitExit(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
