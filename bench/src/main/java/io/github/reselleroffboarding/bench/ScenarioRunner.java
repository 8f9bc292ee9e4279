package io.github.reselleroffboarding.bench;

import io.github.reselleroffboarding.bench.baseline.BaselineMain;
import io.github.reselleroffboarding.bench.contender.ConnectionErrors;
import io.github.reselleroffboarding.bench.parallel.ParallelConsumerMain;
import io.github.reselleroffboarding.consumer.config.ServiceConfig;
import io.github.reselleroffboarding.partnercenter.simulator.Counters;
import io.github.reselleroffboarding.partnercenter.simulator.FaultPlan;
import io.github.reselleroffboarding.settings.SharedSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Runs one scenario: for each contender, a fresh simulator state, the backlog preloaded into a topic of its own,
 * the consumer launched and timed from ready to the last committed outcome, then every outcome checked against
 * what the simulator's data implies.
 */
final class ScenarioRunner {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
    private static final int CORES = Runtime.getRuntime().availableProcessors();

    private final BenchStack stack;
    private final BenchOptions options;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final int harnessWarmUpRequests;
    /** Latencies (and jitter) the simulator has already served a harness warm-up at. */
    private final java.util.Set<String> warmedLatencies = new java.util.HashSet<>();

    /**
     * @param harnessWarmUpRequests how many requests the Partner Center work alone sends through the simulator
     *     before the first run at each latency, unreported; 0 for none
     */
    ScenarioRunner(BenchStack stack, BenchOptions options, int harnessWarmUpRequests) {
        this.stack = stack;
        this.options = options;
        this.harnessWarmUpRequests = harnessWarmUpRequests;
    }

    List<RunResult> run(Scenario scenario, java.util.function.Consumer<RunResult> onResult) {
        long seed = scenario.id().hashCode();
        RequestPlan plan = RequestPlan.generate(scenario.requests(), seed);
        List<RunResult> results = new ArrayList<>();
        warmHarness(scenario);
        List<Contender> contenders = scenario.withBaseline()
                ? List.of(Contender.SERVICE, Contender.PARALLEL_CONSUMER, Contender.BASELINE)
                : List.of(Contender.SERVICE);
        for (Contender contender : contenders) {
            RunResult result = runOne(scenario, plan, contender);
            onResult.accept(result);
            results.add(result);
        }
        if (scenario.withCallsOnly()) {
            RunResult result = runCallsOnly(scenario, plan, seed);
            onResult.accept(result);
            results.add(result);
        }
        return results;
    }

    /**
     * The simulator lives in this JVM, and its JIT compiles the code a latency takes on first use: measured, that
     * was some 9 s of compiler CPU during the first contender's 20k run at 0 ms and under 3 s during the next, on
     * two cores shared by all. Whoever ran first paid for it, so before the first run at each latency the
     * Partner Center work alone (no Kafka, the quickest way to drive the simulator hard) sends the same number of
     * requests through it, without the rate limit, unreported.
     */
    private void warmHarness(Scenario scenario) {
        String latency = scenario.latencyMillis() + "/" + scenario.jitterMillis();
        if (harnessWarmUpRequests <= 0 || !warmedLatencies.add(latency)) {
            return;
        }
        Scenario warmUp = new Scenario(scenario.id() + "-harness-warm-up", "warm-up", "warms up the simulator at "
                + "this latency; not reported", harnessWarmUpRequests, scenario.partitions(), scenario.latencyMillis(),
                scenario.jitterMillis(), 0, false, true, false);
        RunResult result = runCallsOnly(warmUp, RequestPlan.generate(warmUp.requests(), warmUp.id().hashCode()),
                warmUp.id().hashCode());
        if (!result.sound()) {
            throw new BenchFailure("the harness warm-up failed: " + String.join("; ", result.problems()));
        }
    }

    /** The service's Partner Center work alone, in a JVM like the service's: no broker, no registry. */
    private RunResult runCallsOnly(Scenario scenario, RequestPlan plan, long seed) {
        String prefix = "bench-" + scenario.id() + "-calls-only";
        resetSimulator(scenario, plan);
        Map<String, String> environment = environment(scenario, prefix, new Topics(prefix, prefix, prefix, prefix,
                prefix), -1);
        stack.simulator.resetCounters();
        Instant launched = Instant.now();
        ForkedJvm jvm = ForkedJvm.start(prefix, jvmOptions(null), List.of("-cp", absoluteClasspath(),
                CallsOnlyMain.class.getName(), Integer.toString(plan.size()), Long.toString(seed)), environment,
                ServiceConfig.names(), options.workDir());
        try {
            await(jvm, () -> jvm.printed(CallsOnlyMain.READY));
            Instant readyAt = Instant.now();
            ProcessSample atReady = jvm.sample();
            ThreadCpu threadsAtReady = ThreadCpu.of(jvm.pid());
            ProcessSample brokerAtReady = ProcessSample.of(stack.broker.pid());
            ProcessSample selfAtReady = ProcessSample.self();
            ThreadCpu selfThreadsAtReady = ThreadCpu.self();
            MachineCpu machineAtReady = MachineCpu.now();
            Instant deadline = readyAt.plus(options.runTimeout());
            while (!jvm.printed(CallsOnlyMain.DONE) && jvm.isAlive() && Instant.now().isBefore(deadline)) {
                sleep(20);
            }
            Instant endedAt = Instant.now();
            Counters counters = stack.simulator.counters();
            ProcessSample atEnd = jvm.sample();
            RunResult.ConsumerCpu consumerCpu = new RunResult.ConsumerCpu(
                    ThreadCpu.of(jvm.pid()).secondsSince(threadsAtReady), Double.NaN, Map.of());
            Duration window = Duration.between(readyAt, endedAt);
            RunResult.CpuShare cpu = RunResult.CpuShare.of(atEnd.coresSince(atReady, window),
                    ProcessSample.of(stack.broker.pid()).coresSince(brokerAtReady, window),
                    ProcessSample.self().coresSince(selfAtReady, window),
                    ThreadCpu.self().compilerCoresSince(selfThreadsAtReady, window),
                    MachineCpu.now().coresBusySince(machineAtReady, CORES));
            jvm.stop(Duration.ofSeconds(30));
            List<String> problems = new ArrayList<>();
            Map<String, Long> done = doneLine(jvm);
            int answered = (int) (done.getOrDefault("removed", 0L) + done.getOrDefault("blocked", 0L));
            if (done.isEmpty()) {
                problems.add("did not finish within " + options.runTimeout() + ":\n" + jvm.tail(20));
            }
            if (done.getOrDefault("wrong", 0L) > 0 || done.getOrDefault("failed", 0L) > 0) {
                problems.add(done.get("wrong") + " verdicts differ from what the data implies, " + done.get("failed")
                        + " requests failed");
            }
            Duration drain = done.containsKey("millis") ? Duration.ofMillis(done.get("millis")) : window;
            return new RunResult(scenario, Contender.CALLS_ONLY, answered, false, Duration.between(launched, readyAt),
                    drain, Percentiles.of(new long[0], 0), counters.totalApiCalls(), counters.callsWithStatus(429), -1,
                    GcLog.read(jvm.gcLog()), atEnd.peakRssBytes(), cpu, List.of(), null, consumerCpu, problems);
        } finally {
            jvm.stop(Duration.ofSeconds(30));
        }
    }

    private static Map<String, Long> doneLine(ForkedJvm jvm) {
        Map<String, Long> values = new HashMap<>();
        for (String line : jvm.tail(50).split("\\R", -1)) {
            if (line.startsWith(CallsOnlyMain.DONE)) {
                for (String pair : line.substring(CallsOnlyMain.DONE.length()).strip().split(" ", -1)) {
                    String[] kv = pair.split("=", 2);
                    values.put(kv[0], Long.parseLong(kv[1]));
                }
            }
        }
        return values;
    }

    private void resetSimulator(Scenario scenario, RequestPlan plan) {
        stack.simulator.reset();
        stack.simulator.faults(FaultPlan.NONE.withLatency(scenario.latencyMillis(), scenario.jitterMillis())
                .withRateLimit(scenario.rateLimitPerSecond(), true));
        plan.seedBlockers(stack.simulator);
    }

    private RunResult runOne(Scenario scenario, RequestPlan plan, Contender contender) {
        String prefix = "bench-" + scenario.id() + "-" + contender.name().toLowerCase(Locale.ROOT);
        Topics topics = new Topics(prefix + "-requests", prefix + "-removed", prefix + "-blocked", prefix + "-assessed",
                prefix + "-dlt");
        stack.createTopics(scenario.partitions(), topics.requests, topics.removed, topics.blocked, topics.assessed,
                topics.deadLetters);

        resetSimulator(scenario, plan);
        long[] requestedAt = plan.preload(stack.bootstrapServers(), stack.registryUrl(), topics.requests);

        int healthPort = freePort();
        Map<String, String> environment = environment(scenario, prefix, topics, healthPort);
        try (OutcomeObserver observer = new OutcomeObserver(stack.bootstrapServers(), plan, topics.removed,
                topics.blocked, topics.deadLetters)) {
            stack.simulator.resetCounters();
            Instant launched = Instant.now();
            Path recording = recording(contender, prefix);
            ForkedJvm jvm = launch(contender, environment, prefix, recording);
            try {
                BooleanSupplier ready = switch (contender) {
                    case SERVICE -> () -> healthy(healthPort);
                    case PARALLEL_CONSUMER -> () -> jvm.printed(ParallelConsumerMain.READY);
                    default -> () -> jvm.printed(BaselineMain.READY);
                };
                await(jvm, ready);
                Instant readyAt = Instant.now();
                ProcessSample consumerAtReady = jvm.sample();
                ThreadCpu threadsAtReady = ThreadCpu.of(jvm.pid());
                ProcessSample brokerAtReady = ProcessSample.of(stack.broker.pid());
                ProcessSample selfAtReady = ProcessSample.self();
                ThreadCpu selfThreadsAtReady = ThreadCpu.self();
                MachineCpu machineAtReady = MachineCpu.now();

                boolean limited = contender == Contender.BASELINE && options.baselineLimited();
                Instant deadline = readyAt.plus(limited ? options.baselineTimeLimit() : options.runTimeout());
                List<Long> liveHeap = new ArrayList<>();
                boolean probing = scenario.probesLiveHeap() && contender == Contender.SERVICE;
                int quarters = 1;
                ProcessSample consumerAtHalf = null;
                long settledAtHalf = 0;
                while (observer.settled() < plan.size() && Instant.now().isBefore(deadline) && jvm.isAlive()
                        && observer.failure() == null) {
                    if (consumerAtHalf == null && observer.settled() >= plan.size() / 2) {
                        settledAtHalf = observer.settled();
                        consumerAtHalf = jvm.sample();
                    }
                    if (probing && quarters < 4 && observer.settled() >= (long) plan.size() * quarters / 4) {
                        jvm.liveHeapBytes(quarters + "-of-4").ifPresent(liveHeap::add);
                        quarters++;
                    }
                    sleep(20);
                }
                Instant endedAt = Instant.now();
                boolean stoppedAtLimit = limited && observer.settled() < plan.size() && jvm.isAlive();
                Counters counters = stack.simulator.counters();
                ProcessSample consumerAtEnd = jvm.sample();
                Map<String, Double> threadSeconds = ThreadCpu.of(jvm.pid()).secondsSince(threadsAtReady);
                double warmCpu = secondHalfMillisPerOutcome(consumerAtHalf, consumerAtEnd,
                        observer.settled() - settledAtHalf);
                Duration window = Duration.between(readyAt, endedAt);
                RunResult.CpuShare cpu = RunResult.CpuShare.of(consumerAtEnd.coresSince(consumerAtReady, window),
                        ProcessSample.of(stack.broker.pid()).coresSince(brokerAtReady, window),
                        ProcessSample.self().coresSince(selfAtReady, window),
                        ThreadCpu.self().compilerCoresSince(selfThreadsAtReady, window),
                        MachineCpu.now().coresBusySince(machineAtReady, CORES));
                boolean diedEarly = !jvm.isAlive();
                // what the service's own metrics say failed below HTTP: a run is sound only without any
                ConnectionErrors.Count connections = contender == Contender.SERVICE && !diedEarly
                        ? scrapedConnectionErrors(healthPort) : ConnectionErrors.Count.NONE;
                if (probing && !diedEarly) {
                    // the backlog is drained: what is still live now stays whatever the backlog's size
                    jvm.liveHeapBytes("end").ifPresent(liveHeap::add);
                }
                jvm.stop(Duration.ofSeconds(30));
                // the recording is written when the JVM exits
                RunResult.ConsumerCpu consumerCpu = new RunResult.ConsumerCpu(threadSeconds, warmCpu,
                        recording == null ? Map.of() : JfrComponents.read(recording, readyAt, endedAt));
                if (contender != Contender.SERVICE && !diedEarly) {
                    // the peers count them in their own registry and print the count when they stop
                    connections = ConnectionErrors.Count.parse(jvm.tail(20));
                }
                observer.close();

                List<String> problems = new ArrayList<>();
                if (diedEarly) {
                    problems.add(contender.label() + " exited before the backlog was drained:\n" + jvm.tail(20));
                }
                if (observer.failure() != null) {
                    problems.add("watching the outcome topics failed: " + observer.failure());
                }
                Tally tally = tally(plan, observer, requestedAt, problems);
                if (tally.answered < plan.size() && !stoppedAtLimit && !diedEarly) {
                    problems.add("only " + tally.answered + " of " + plan.size() + " requests answered within "
                            + options.runTimeout());
                }
                checkPatches(contender, counters, problems);
                if (connections.failed() != 0) {
                    problems.add(connections.failed() < 0 ? "the consumer's count of connection errors could not be "
                            + "read" : connections.failed() + " Partner Center calls failed below HTTP (connection "
                                    + "errors)");
                }
                Instant lastCommit = tally.lastCommitMillis > 0 && !stoppedAtLimit
                        ? Instant.ofEpochMilli(tally.lastCommitMillis) : endedAt;
                return new RunResult(scenario, contender, tally.answered, stoppedAtLimit,
                        Duration.between(launched, readyAt), Duration.between(readyAt, lastCommit),
                        tally.latencies, counters.totalApiCalls(), counters.callsWithStatus(429), connections.resent(),
                        GcLog.read(jvm.gcLog()), consumerAtEnd.peakRssBytes(), cpu, liveHeap, tally.secondHalf,
                        consumerCpu, problems);
            } finally {
                jvm.stop(Duration.ofSeconds(30));
            }
        }
    }

    private record Topics(String requests, String removed, String blocked, String assessed, String deadLetters) {
    }

    private record Tally(int answered, Percentiles latencies, long lastCommitMillis, Duration secondHalf) {
    }

    private static Tally tally(RequestPlan plan, OutcomeObserver observer, long[] requestedAt,
            List<String> problems) {
        long[] latencies = new long[plan.size()];
        long[] commits = new long[plan.size()];
        int answered = 0;
        int wrong = 0;
        long lastCommit = 0;
        for (int i = 0; i < plan.size(); i++) {
            long committedAt = observer.committedAtMillis(i);
            if (committedAt == 0) {
                continue;
            }
            commits[answered] = committedAt;
            latencies[answered++] = committedAt - requestedAt[i];
            lastCommit = Math.max(lastCommit, committedAt);
            if (observer.answeredAs(i) != plan.expected(i)) {
                wrong++;
            }
        }
        if (wrong > 0) {
            problems.add(wrong + " outcomes are not what the simulator's data implies (removed vs blocked)");
        }
        if (observer.duplicates() > 0) {
            problems.add(observer.duplicates() + " requests got more than one outcome");
        }
        if (observer.deadLetters() > 0) {
            problems.add(observer.deadLetters() + " requests were dead-lettered");
        }
        if (observer.unknown() > 0) {
            problems.add(observer.unknown() + " outcomes answer requests that were never sent");
        }
        Duration secondHalf = null;
        if (answered >= 2) {
            long[] sorted = java.util.Arrays.copyOf(commits, answered);
            java.util.Arrays.sort(sorted);
            secondHalf = Duration.ofMillis(sorted[answered - 1] - sorted[answered / 2]);
        }
        return new Tally(answered, Percentiles.of(latencies, answered), lastCommit, secondHalf);
    }

    /** The service promises one PATCH per tenant; the simulator counts what reached it. */
    private static void checkPatches(Contender contender, Counters counters, List<String> problems) {
        long twice = counters.patchesByCustomer().values().stream().filter(n -> n > 1).count();
        if (contender == Contender.SERVICE && twice > 0) {
            problems.add(twice + " tenants were sent more than one PATCH");
        }
    }

    private Map<String, String> environment(Scenario scenario, String prefix, Topics topics, int healthPort) {
        Map<String, String> env = new HashMap<>(stack.partnerCenterEnvironment());
        env.put(SharedSettings.KAFKA_BOOTSTRAP_SERVERS.name(), stack.bootstrapServers());
        env.put(SharedSettings.SCHEMA_REGISTRY_URL.name(), stack.registryUrl());
        env.put(ServiceConfig.CONSUMER_GROUP_ID.name(), prefix);
        env.put(ServiceConfig.CONSUMER_INSTANCE_ID.name(), "bench-1");
        env.put(SharedSettings.OFFBOARD_REQUESTS_TOPIC.name(), topics.requests);
        env.put(SharedSettings.RELATIONSHIP_REMOVED_TOPIC.name(), topics.removed);
        env.put(SharedSettings.OFFBOARD_BLOCKED_TOPIC.name(), topics.blocked);
        env.put(SharedSettings.OFFBOARD_ASSESSED_TOPIC.name(), topics.assessed);
        env.put(SharedSettings.DEAD_LETTER_TOPIC.name(), topics.deadLetters);
        env.put(ServiceConfig.STATE_DIR.name(), options.workDir().resolve(prefix + "-state").toString());
        env.put(ServiceConfig.HEALTH_PORT.name(), Integer.toString(healthPort));
        if (scenario.rateLimited()) {
            env.put(ServiceConfig.PARTNER_CENTER_REQUESTS_PER_SECOND.name(), Double.toString(scenario.rateLimitPerSecond()));
        }
        env.putAll(options.consumerEnvironment());
        return env;
    }

    private ForkedJvm launch(Contender contender, Map<String, String> environment, String name, Path recording) {
        List<String> launch = switch (contender) {
            case SERVICE -> List.of("-jar", options.consumerJar().toAbsolutePath().toString());
            case PARALLEL_CONSUMER -> List.of("-cp", absoluteClasspath(), ParallelConsumerMain.class.getName());
            default -> List.of("-cp", absoluteClasspath(), BaselineMain.class.getName());
        };
        return ForkedJvm.start(name, jvmOptions(recording), launch, environment, ServiceConfig.names(),
                options.workDir());
    }

    /** {@code recording} is where a profiled run's JFR recording goes, null for none. */
    private List<String> jvmOptions(Path recording) {
        List<String> jvmOptions = new ArrayList<>(List.of("-Xmx" + options.heap(), "-XX:+ExitOnOutOfMemoryError"));
        if (recording != null) {
            jvmOptions.add("-XX:StartFlightRecording=settings=profile,dumponexit=true,filename=" + recording);
        }
        jvmOptions.addAll(options.jvmOptions());
        return jvmOptions;
    }

    private Path recording(Contender contender, String prefix) {
        boolean profiled = options.profile() && (contender == Contender.SERVICE
                || contender == Contender.PARALLEL_CONSUMER);
        return profiled ? options.workDir().resolve(prefix + ".jfr").toAbsolutePath() : null;
    }

    /** This JVM's classpath with absolute entries: the forked JVM runs in the work directory. */
    private static String absoluteClasspath() {
        return java.util.Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .map(entry -> java.nio.file.Path.of(entry).toAbsolutePath().toString())
                .collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
    }

    private static void await(ForkedJvm jvm, BooleanSupplier ready) {
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        while (!ready.getAsBoolean()) {
            if (!jvm.isAlive()) {
                throw new BenchFailure(jvm.name() + " exited before it was ready:\n" + jvm.tail(20));
            }
            if (Instant.now().isAfter(deadline)) {
                throw new BenchFailure(jvm.name() + " was not ready within " + READY_TIMEOUT + ":\n" + jvm.tail(20));
            }
            sleep(10);
        }
    }

    /**
     * The service's connection errors, from its {@code /metrics}: tries that got no HTTP answer, less those sent
     * again at once on a fresh connection; unknown (a problem too) when the scrape fails.
     */
    private ConnectionErrors.Count scrapedConnectionErrors(int port) {
        try {
            String scrape = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).body();
            long noAnswer = sum(scrape, "offboarding_partner_center_requests_seconds_count{", "status=\"transport\"");
            long resent = sum(scrape, "offboarding_partner_center_retries_total{", "reason=\"stale_connection\"");
            return ConnectionErrors.Count.of(noAnswer, resent);
        } catch (IOException e) {
            return ConnectionErrors.Count.UNKNOWN;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ConnectionErrors.Count.UNKNOWN;
        }
    }

    private static long sum(String scrape, String prefix, String label) {
        return Math.round(scrape.lines().filter(l -> l.startsWith(prefix) && l.contains(label))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum());
    }

    /** Consumer CPU per outcome after half the backlog was answered; NaN when it was never half done. */
    private static double secondHalfMillisPerOutcome(ProcessSample atHalf, ProcessSample atEnd, long outcomes) {
        if (atHalf == null || atHalf.cpu() == null || atEnd.cpu() == null || outcomes <= 0) {
            return Double.NaN;
        }
        return atEnd.cpu().minus(atHalf.cpu()).toNanos() / 1e6 / outcomes;
    }

    private boolean healthy(int port) {
        try {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/health/ready")).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchFailure("interrupted");
        }
    }
}
