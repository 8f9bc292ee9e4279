package io.github.reselleroffboarding.consumer.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** {@code java -jar target/offboarding-consumer.jar} as its own process, as operators run it. */
final class ConsumerProcess implements AutoCloseable {

    static final Path JAR = Path.of("target/offboarding-consumer.jar");

    private final Process process;
    private final Path log;
    /** Kills the consumer if the test JVM ends first (a failed assertion, a timeout): no orphan outlives it. */
    private final Thread killOnExit;

    private ConsumerProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
        this.killOnExit = new Thread(process::destroyForcibly, "kill-consumer-" + process.pid());
        Runtime.getRuntime().addShutdownHook(killOnExit);
    }

    static ConsumerProcess start(Map<String, String> environment, Path log) throws IOException {
        return start(environment, log, List.of("-jar", JAR.toString()));
    }

    /** The same jar with {@code extra} on the classpath too, e.g. a deserializer a test provides. */
    static ConsumerProcess startWithClasspath(Map<String, String> environment, Path log, Path extra)
            throws IOException {
        return start(environment, log, List.of("-cp", JAR + java.io.File.pathSeparator + extra,
                "io.github.reselleroffboarding.consumer.app.OffboardingConsumerMain"));
    }

    private static ConsumerProcess start(Map<String, String> environment, Path log, List<String> launch)
            throws IOException {
        if (!Files.exists(JAR)) {
            throw new IllegalStateException(JAR + " is missing: run 'mvn package' first");
        }
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m"));
        command.addAll(launch);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().keySet().removeIf(k -> k.startsWith("KAFKA_") || k.startsWith("PARTNER_CENTER_")
                || k.startsWith("SCHEMA_REGISTRY"));
        builder.environment().putAll(environment);
        builder.environment().put("HEALTH_PORT", "-1");
        return new ConsumerProcess(builder.start(), log);
    }

    /** {@code kill -9}: no shutdown hook runs. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM; returns how long the process took to exit, or null if it did not within {@code limit}. */
    Duration terminate(Duration limit) throws InterruptedException {
        long started = System.nanoTime();
        process.destroy();
        return process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)
                ? Duration.ofNanos(System.nanoTime() - started) : null;
    }

    int awaitExit(Duration limit) throws InterruptedException {
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("the consumer did not exit within " + limit);
        }
        return process.exitValue();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    String output() throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or about to; nothing left to do
        }
    }
}
