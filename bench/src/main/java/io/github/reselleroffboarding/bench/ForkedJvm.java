package io.github.reselleroffboarding.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A JVM the bench launches and measures: the consumer under test or the baseline. Output goes to a log file;
 * the GC log gives the heap figures and {@code /proc} the CPU time and the peak resident set.
 */
final class ForkedJvm implements AutoCloseable {

    private final String name;
    private final Process process;
    private final Path output;
    private final Path gcLog;
    /** Ctrl-C on the bench must not leave a consumer running. */
    private final Thread killOnExit;

    private ForkedJvm(String name, Process process, Path output, Path gcLog) {
        this.name = name;
        this.process = process;
        this.output = output;
        this.gcLog = gcLog;
        this.killOnExit = new Thread(process::destroyForcibly, "kill-" + name);
        Runtime.getRuntime().addShutdownHook(killOnExit);
    }

    /**
     * @param jvmOptions e.g. {@code -Xmx256m}
     * @param launch what follows the options: {@code -jar x.jar} or {@code -cp x.jar Main}
     * @param environment set on top of this process's environment, after {@code removed} is taken out of it
     */
    static ForkedJvm start(String name, List<String> jvmOptions, List<String> launch, Map<String, String> environment,
            Set<String> removed, Path workDir) {
        Path output = workDir.resolve(name + ".log");
        Path gcLog = workDir.resolve(name + "-gc.log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-Xlog:gc:file=" + gcLog);
        command.addAll(launch);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(output.toFile()).directory(workDir.toFile());
        // a setting left in the caller's shell must not change what is measured
        builder.environment().keySet().removeAll(removed);
        builder.environment().putAll(environment);
        try {
            return new ForkedJvm(name, builder.start(), output, gcLog);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + ": " + e.getMessage(), e);
        }
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Whether the process has printed a line containing {@code marker}. */
    boolean printed(String marker) {
        try {
            return Files.exists(output) && Files.readString(output, StandardCharsets.UTF_8).contains(marker);
        } catch (IOException e) {
            return false;
        }
    }

    /** The last lines of its output, to explain a failure. */
    String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(output, StandardCharsets.UTF_8);
            return String.join(System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }

    /**
     * The live heap: {@code jcmd GC.class_histogram}, which collects in full and counts the live objects in one
     * step (reading the heap's use in a second command would count what the process allocated in between). The
     * histogram is kept next to the log as {@code <name>-histogram-<label>.txt}. Empty when {@code jcmd} is not
     * there (a JRE) or does not answer.
     */
    java.util.OptionalLong liveHeapBytes(String label) {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        if (!Files.isExecutable(jcmd) || !process.isAlive()) {
            return java.util.OptionalLong.empty();
        }
        String histogram = jcmd(jcmd, Long.toString(process.pid()), "GC.class_histogram");
        if (histogram == null) {
            return java.util.OptionalLong.empty();
        }
        try {
            Files.writeString(output.resolveSibling(name + "-histogram-" + label + ".txt"), histogram,
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            // only a diagnostic
        }
        java.util.regex.Matcher total = java.util.regex.Pattern.compile("(?m)^Total\\s+\\d+\\s+(\\d+)\\s*$")
                .matcher(histogram);
        return total.find() ? java.util.OptionalLong.of(Long.parseLong(total.group(1)))
                : java.util.OptionalLong.empty();
    }

    private static String jcmd(Path jcmd, String pid, String command) {
        try {
            Process p = new ProcessBuilder(jcmd.toString(), pid, command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0 ? out : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    ProcessSample sample() {
        return ProcessSample.of(process.pid());
    }

    Path gcLog() {
        return gcLog;
    }

    String name() {
        return name;
    }

    /** SIGTERM, then {@code kill -9} if it has not exited within {@code grace}. */
    void stop(Duration grace) {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs anyway
        }
    }

    @Override
    public void close() {
        stop(Duration.ofSeconds(20));
    }
}
