package io.github.reselleroffboarding.bench;

import io.github.reselleroffboarding.consumer.config.ConfigLoader;
import io.github.reselleroffboarding.consumer.config.ConsumerSettings;
import io.github.reselleroffboarding.settings.SharedSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code java -jar bench/target/offboarding-bench.jar}: every scenario, the service side by side with the
 * partition-serial baseline, results to {@code bench/results/}. Exit 0 when every run was sound (each request
 * answered once, as the data implies), 1 when one was not, 2 for a usage error. Missed targets do not fail the
 * run; the report says by how much.
 */
@Command(name = "offboarding-bench", mixinStandardHelpOptions = true, sortOptions = false,
        version = "offboarding-bench 0.1.0",
        description = "Benchmark the reseller-offboarding consumer against a partition-serial blocking baseline "
                + "on a real broker, the dev Schema Registry and the Partner Center simulator.")
public final class BenchMain implements Callable<Integer> {

    /** As many as a measured run's backlog: fewer left the simulator's JIT busy during the first contender's run. */
    private static final int HARNESS_WARM_UP_REQUESTS = 20_000;

    @Option(names = "--scenarios", split = ",", paramLabel = "ID",
            description = "Scenarios to run: a, b, c, d (d is d-20k and d-200k). Default: all.")
    List<String> scenarioIds = new ArrayList<>();

    @Option(names = "--smoke", description = "Tiny backlogs: checks that everything runs, measures nothing.")
    boolean smoke;

    @Option(names = "--results-dir", paramLabel = "DIR",
            description = "Where results.md and results.csv go (default: bench/results, or "
                    + "bench/target/smoke-results with --smoke).")
    Path resultsDir;

    @Option(names = "--consumer-jar", paramLabel = "JAR", defaultValue = "consumer/target/offboarding-consumer.jar",
            description = "The service jar to measure (default: ${DEFAULT-VALUE}).")
    Path consumerJar;

    @Option(names = "--heap", defaultValue = "256m",
            description = "-Xmx of the service and baseline JVMs (default: ${DEFAULT-VALUE}).")
    String heap;

    @Option(names = "--baseline-time-limit", paramLabel = "DURATION",
            description = "Stop the baseline after this (ISO-8601, e.g. PT60S; PT0S lets it drain everything). "
                    + "Default: PT60S, or no limit with --smoke.")
    Duration baselineTimeLimit;

    @Option(names = "--run-timeout", defaultValue = "PT10M", paramLabel = "DURATION",
            description = "A service run that has not drained its backlog by then fails (default: ${DEFAULT-VALUE}).")
    Duration runTimeout;

    @Option(names = "--consumer-env", paramLabel = "NAME=VALUE",
            description = "A consumer setting for both contenders, e.g. MAX_IN_FLIGHT=1000. Repeatable.")
    Map<String, String> consumerEnvironment = new LinkedHashMap<>();

    @Option(names = "--jvm-option", paramLabel = "OPTION",
            description = "A JVM option for both contenders, e.g. --jvm-option=-XX:StartFlightRecording to profile. "
                    + "Repeatable.")
    List<String> jvmOptions = new ArrayList<>();

    @Option(names = "--profile", description = "Record a JFR profile (settings=profile) of each service and Parallel "
            + "Consumer run and add a table of their execution samples by component (Netty, Jackson, Kafka, the "
            + "engine...). Both pay the same few percent for it.")
    boolean profile;

    @Option(names = "--update-readme", paramLabel = "README",
            description = "Also quote the tables in this README, between its bench-results markers.")
    Path readme;

    @Option(names = "--keep-work-dir", description = "Keep the consumer logs and GC logs of the runs.")
    boolean keepWorkDir;

    private final PrintWriter out;
    private final String[] args;

    BenchMain(PrintWriter out, String[] args) {
        this.out = out;
        this.args = args.clone();
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        CommandLine cli = new CommandLine(new BenchMain(out, args));
        cli.setParameterExceptionHandler((e, ignored) -> {
            System.err.println("error: " + e.getMessage() + " (see --help)");
            return 2;
        });
        System.exit(cli.execute(args));
    }

    @Override
    public Integer call() throws IOException {
        if (!Files.isRegularFile(consumerJar)) {
            System.err.println("error: the consumer jar " + consumerJar.toAbsolutePath() + " does not exist; build it "
                    + "first (./mvnw -B -q -DskipTests package) or pass --consumer-jar");
            return 2;
        }
        if (smoke && readme != null) {
            System.err.println("error: --update-readme quotes a full run; smoke numbers mean nothing");
            return 2;
        }
        List<Scenario> scenarios;
        try {
            scenarios = selected();
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            return 2;
        }
        Path workDir = Files.createTempDirectory("offboarding-bench-");
        BenchOptions options = new BenchOptions(consumerJar, heap, baselineTimeLimit != null ? baselineTimeLimit
                : smoke ? Duration.ZERO : Duration.ofSeconds(60), runTimeout, consumerEnvironment, jvmOptions, workDir,
                profile);
        Path results = resultsDir != null ? resultsDir : Path.of(smoke ? "bench/target/smoke-results" : "bench/results");
        String machine = Machine.describe();
        String settings = settings(options);
        out.println("reseller-offboarding benchmark" + (smoke ? " (smoke)" : ""));
        out.println("  machine:  " + machine);
        out.println("  settings: " + settings);

        Instant started = Instant.now();
        List<RunResult> runs = new ArrayList<>();
        try (BenchStack stack = new BenchStack(workDir)) {
            ScenarioRunner runner = new ScenarioRunner(stack, options, smoke ? 0 : HARNESS_WARM_UP_REQUESTS);
            Scenario warmUp = Scenario.warmUp(smoke);
            out.printf(Locale.ROOT, "%nWarming up the broker, registry and simulator with %,d requests%s (not "
                    + "reported)%n", warmUp.requests(), smoke ? "" : String.format(Locale.ROOT, ", and the simulator "
                    + "with %,d more at each latency before its first run", HARNESS_WARM_UP_REQUESTS));
            runner.run(warmUp, this::progress).stream().filter(r -> !r.sound()).findFirst().ifPresent(r -> {
                throw new BenchFailure("the warm-up run failed: " + String.join("; ", r.problems()));
            });
            for (Scenario scenario : scenarios) {
                out.printf(Locale.ROOT, "%nScenario %s: %s; %,d requests over %d partitions%n", scenario.id(),
                        scenario.title(), scenario.requests(), scenario.partitions());
                runs.addAll(runner.run(scenario, this::progress));
            }
        } catch (BenchFailure e) {
            System.err.println("error: " + e.getMessage());
            return 1;
        } finally {
            if (!keepWorkDir) {
                deleteQuietly(workDir);
            }
        }
        Duration took = Duration.between(started, Instant.now());
        List<Targets.Check> checks = Targets.evaluate(runs, Runtime.getRuntime().availableProcessors());
        Report report = new Report(runs, checks, machine, "java -jar bench/target/offboarding-bench.jar"
                + (args.length == 0 ? "" : " " + String.join(" ", args)), settings, started, took, smoke);
        report.write(results);
        if (readme != null) {
            report.quoteIn(readme);
        }

        out.println();
        out.print(report.markdown());
        out.println();
        out.println("Written to " + results.resolve("results.md") + " and " + results.resolve("results.csv")
                + (keepWorkDir ? "; logs in " + workDir : ""));
        return runs.stream().allMatch(RunResult::sound) ? 0 : 1;
    }

    private void progress(RunResult r) {
        out.printf(Locale.ROOT, "  %-26s %,7d answered in %6.1f s = %,8.1f outcomes/s; %,6.0f API calls/s, %,d x 429, %s "
                        + "re-sent on a fresh connection; heap peak %s%s, RSS peak %s%s%n", r.contender().label(),
                r.answered(), r.drain().toMillis() / 1000.0, r.outcomesPerSecond(), r.apiCallsPerSecond(),
                r.throttled(), r.resent() < 0 ? "n/a" : String.format(Locale.ROOT, "%,d", r.resent()),
                Report.mib(r.gc().peakBytes()), r.liveHeapBytes().isEmpty() ? ""
                        : ", live heap " + Report.mibList(r.liveHeapBytes()), Report.mib(r.peakRssBytes()),
                (r.sound() ? "" : "; UNSOUND: " + String.join("; ", r.problems())) + Report.noisy(r));
    }

    private List<Scenario> selected() {
        List<Scenario> all = smoke ? Scenario.smoke() : Scenario.standard();
        if (scenarioIds.isEmpty()) {
            return all;
        }
        List<Scenario> chosen = all.stream().filter(s -> scenarioIds.contains(s.id())
                || scenarioIds.contains(s.group())).toList();
        List<String> unknown = scenarioIds.stream().filter(id -> all.stream().noneMatch(s -> s.id().equals(id)
                || s.group().equals(id))).toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown scenario " + unknown + "; choose from a, b, c, d, d-20k, "
                    + "d-200k");
        }
        return chosen;
    }

    /** The settings that shape the numbers, as the service actually resolves them. */
    private String settings(BenchOptions options) {
        Map<String, String> env = new HashMap<>(Map.of(SharedSettings.PARTNER_CENTER_ACCESS_TOKEN.name(), "bench"));
        env.putAll(options.consumerEnvironment());
        ConsumerSettings service = ConfigLoader.load(env);
        return String.format(Locale.ROOT, "consumer JVMs -Xmx%s; service MAX_IN_FLIGHT=%d, COMMIT_INTERVAL_MS=%d, "
                        + "%d HTTP connections%s; baseline one thread per partition, blocking calls, offsets committed "
                        + "after each poll%s; simulator 100 items a page, 1 in 10 tenants blocked (active "
                        + "subscription or VM reservation), the rest removed", options.heap(), service.limits().maxInFlight(),
                service.limits().commitInterval().toMillis(), service.partnerCenter().maxConnections(),
                options.consumerEnvironment().isEmpty() ? " (defaults)" : " (set: " + options.consumerEnvironment()
                        + ")",
                options.baselineLimited() ? ", stopped after " + options.baselineTimeLimit().toSeconds() + " s"
                        : ", drains the whole backlog");
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory; the OS cleans it up eventually
        }
    }
}
