package io.github.reselleroffboarding.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The results as a Markdown report and a CSV file, one row per run. */
final class Report {

    private final List<RunResult> results;
    private final List<Targets.Check> checks;
    private final String machine;
    private final String command;
    private final String settings;
    private final Instant startedAt;
    private final Duration took;
    private final boolean smoke;

    Report(List<RunResult> results, List<Targets.Check> checks, String machine, String command, String settings,
            Instant startedAt, Duration took, boolean smoke) {
        this.results = List.copyOf(results);
        this.checks = List.copyOf(checks);
        this.machine = machine;
        this.command = command;
        this.settings = settings;
        this.startedAt = startedAt;
        this.took = took;
        this.smoke = smoke;
    }

    void write(Path dir) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("results.md"), markdown(), StandardCharsets.UTF_8);
            Files.writeString(dir.resolve("results.csv"), csv(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the results to " + dir + ": " + e.getMessage(), e);
        }
    }

    static final String QUOTE_START = "<!-- bench-results:start (written by the bench with --update-readme) -->";
    static final String QUOTE_END = "<!-- bench-results:end -->";

    /** Replaces what stands between the markers in {@code readme} with this run's tables. */
    void quoteIn(Path readme) {
        try {
            String text = Files.readString(readme, StandardCharsets.UTF_8);
            int start = text.indexOf(QUOTE_START);
            int end = text.indexOf(QUOTE_END);
            if (start < 0 || end < start) {
                throw new IllegalStateException(readme + " has no " + QUOTE_START + " ... " + QUOTE_END + " section");
            }
            String quoted = QUOTE_START + "\n\n" + String.format(Locale.ROOT, "Measured %s on %s.%n%n",
                    startedAt.truncatedTo(ChronoUnit.SECONDS), machine) + tables() + QUOTE_END;
            Files.writeString(readme, text.substring(0, start) + quoted + text.substring(end + QUOTE_END.length()),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot update " + readme + ": " + e.getMessage(), e);
        }
    }

    private String tables() {
        return resultsTable() + '\n' + peerTable() + '\n' + comparisonTable() + '\n' + breakdownTable() + '\n'
                + threadTable() + '\n' + profileTable() + (smoke ? "" : targetsTable() + '\n');
    }

    String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("# Benchmark results").append(smoke ? " (smoke mode: tiny backlogs, numbers not meaningful)" : "")
                .append("\n\n");
        md.append("- Run: ").append(startedAt.truncatedTo(ChronoUnit.SECONDS)).append(", took ")
                .append(took.toSeconds()).append(" s: `").append(command).append("`\n");
        md.append("- Machine: ").append(machine).append("; the broker, registry, simulator, harness and the ")
                .append("consumer under test all ran on it\n");
        md.append("- Settings: ").append(settings).append("\n\n");
        md.append(tables());
        md.append(smoke ? "Targets are not judged in smoke mode.\n\n" : "");
        md.append("""
                How to read this:
                - *outcomes/s* counts outcomes committed between the consumer reporting ready and the last outcome \
                committed (*drain*); JVM start and group join are the *startup* column.
                - *latency* runs from each request's `requestedAt` to its outcome becoming visible to a \
                `read_committed` reader. The whole backlog was written before the consumer started, so it includes \
                the time a request waited in the backlog: p50 is about half the drain, not the cost of one request.
                - *2nd half /s* is the rate over the second half of the outcomes: the same run once the consumer's \
                JVM has warmed up (each consumer starts cold, as after a deploy).
                - *heap peak* is the most heap in use when a collection started (garbage included) and *after GC max* \
                the most left after one, both from the consumer's GC log; they follow the heap G1 chooses to use \
                within `-Xmx`, garbage in the old generation included. *live heap* is measured: the live objects \
                after a full collection (`jcmd GC.class_histogram`), at a quarter, half and three quarters of the \
                backlog and once it is drained; that is what must stay flat as the backlog grows. *RSS peak* is the \
                kernel's high-water mark (`VmHWM`) of the consumer process.
                - *CPU* is cores kept busy during the drain by the consumer, the broker, and this JVM (simulator, \
                registry, outcome watcher).
                - A baseline row marked *stopped at the limit* was stopped after its time limit; its rate is over \
                that window, its latencies over the requests it finished.
                - *Partner Center calls only* runs the service's own request processor and client over the same \
                request set with the same in-flight cap, without Kafka: the HTTP half of the work, and so a ceiling \
                for the whole service on this machine. Its *consumer* column is that JVM; there is no broker work.
                """);
        List<RunResult> unsound = results.stream().filter(r -> !r.sound()).toList();
        if (!unsound.isEmpty()) {
            md.append("\n## Problems\n\n");
            for (RunResult r : unsound) {
                r.problems().forEach(p -> md.append("- ").append(r.scenario().id()).append(' ')
                        .append(r.contender().label()).append(": ").append(p.replace("\n", "\n  ")).append('\n'));
            }
        }
        return md.toString();
    }

    String resultsTable() {
        StringBuilder md = new StringBuilder();
        md.append("| scenario | consumer | API latency | answered | startup | drain | outcomes/s | 2nd half /s | latency "
                + "p50 / p95 / p99 | API calls/s | 429s | re-sent on a fresh connection | heap peak / after GC max | live heap | RSS peak | CPU "
                + "consumer / broker / rest |\n");
        md.append("|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (RunResult r : results) {
            Scenario s = r.scenario();
            md.append(String.format(Locale.ROOT,
                    "| %s | %s | %s | %,d of %,d%s | %.1f s | %.1f s | **%,.0f** | %s | %s / %s / %s | %,.0f | %,d "
                            + "(%.2f%%) | %s | %s / %s | %s | %s | %.2f / %.2f / %.2f |%n",
                    s.id(), r.contender().label() + (r.sound() ? "" : " (**unsound**)") + noisy(r), latency(s),
                    r.answered(),
                    s.requests(), r.stoppedAtLimit() ? ", stopped at the limit" : "", r.startup().toMillis() / 1000.0,
                    r.drain().toMillis() / 1000.0, r.outcomesPerSecond(), Double.isNaN(r.secondHalfPerSecond())
                            ? "n/a" : String.format(Locale.ROOT, "%,.0f", r.secondHalfPerSecond()),
                    millis(r.latencyMillis().p50()),
                    millis(r.latencyMillis().p95()), millis(r.latencyMillis().p99()), r.apiCallsPerSecond(),
                    r.throttled(), r.throttledShare() * 100, r.resent() < 0 ? "n/a" : String.format(Locale.ROOT,
                            "%,d", r.resent()), mib(r.gc().peakBytes()), mib(r.gc().maxLiveBytes()),
                    r.liveHeapBytes().isEmpty() ? "" : mibList(r.liveHeapBytes()), mib(r.peakRssBytes()),
                    r.cpu().consumer(), r.cpu().broker(), r.cpu().rest()));
        }
        return md.toString();
    }

    /** A mark on a row measured while something else used a significant share of the machine. */
    static String noisy(RunResult r) {
        return r.cpu().quiet() ? "" : String.format(Locale.ROOT, " (**noisy**: %.2f cores used elsewhere)",
                r.cpu().elsewhere());
    }

    private String comparisonTable() {
        StringBuilder md = new StringBuilder();
        md.append("| scenario | reseller-offboarding | partition-serial baseline | ratio |\n|---|---:|---:|---:|\n");
        for (RunResult service : results) {
            if (service.contender() != Contender.SERVICE) {
                continue;
            }
            Targets.find(results, service.scenario().id(), Contender.BASELINE).ifPresent(base -> md.append(
                    String.format(Locale.ROOT, "| %s | %,.0f outcomes/s | %,.1f outcomes/s%s | **%s** |%n",
                            service.scenario().id(), service.outcomesPerSecond(), base.outcomesPerSecond(),
                            base.stoppedAtLimit() ? String.format(Locale.ROOT, " (%,d of %,d in %.0f s; whole "
                                    + "backlog would take %s)", base.answered(), base.scenario().requests(),
                                    base.drain().toMillis() / 1000.0, projected(base)) : "",
                            ratio(service.outcomesPerSecond() / base.outcomesPerSecond()))));
        }
        return md.toString();
    }

    /** The service against Confluent Parallel Consumer: rate cold and warm, and consumer CPU per outcome. */
    String peerTable() {
        StringBuilder md = new StringBuilder("Against Confluent Parallel Consumer (both exactly-once, KEY order, the "
                + "same in-flight cap)\n\n| scenario | outcomes/s: reseller-offboarding / Parallel Consumer | ratio | "
                + "once warm (2nd half) | ratio | consumer CPU ms per outcome | ratio | once warm | ratio |\n"
                + "|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        boolean any = false;
        for (RunResult service : results) {
            if (service.contender() != Contender.SERVICE) {
                continue;
            }
            java.util.Optional<RunResult> found = Targets.find(results, service.scenario().id(),
                    Contender.PARALLEL_CONSUMER);
            if (found.isEmpty()) {
                continue;
            }
            any = true;
            RunResult peer = found.get();
            double serviceWarmCpu = service.consumerCpu().secondHalfMillisPerOutcome();
            double peerWarmCpu = peer.consumerCpu().secondHalfMillisPerOutcome();
            md.append(String.format(Locale.ROOT, "| %s%s | %,.0f / %,.0f | **%.2fx** | %,.0f / %,.0f | **%.2fx** | "
                            + "%.2f / %.2f | **%.2fx** | %.2f / %.2f | **%.2fx** |%n", service.scenario().id(),
                    service.cpu().quiet() && peer.cpu().quiet() ? "" : " (**noisy**)", service.outcomesPerSecond(),
                    peer.outcomesPerSecond(), service.outcomesPerSecond() / peer.outcomesPerSecond(),
                    service.secondHalfPerSecond(), peer.secondHalfPerSecond(),
                    service.secondHalfPerSecond() / peer.secondHalfPerSecond(), service.consumerCpuMillisPerOutcome(),
                    peer.consumerCpuMillisPerOutcome(), service.consumerCpuMillisPerOutcome()
                            / peer.consumerCpuMillisPerOutcome(), serviceWarmCpu, peerWarmCpu,
                    serviceWarmCpu / peerWarmCpu));
        }
        return any ? md.toString() : "";
    }

    /** Which of the consumer's threads its CPU went to, per outcome: JIT, GC, event loops, the engine, workers. */
    String threadTable() {
        return tableOfRuns("Consumer CPU by thread group, milliseconds per outcome over the drain "
                + "(from `/proc/<pid>/task`; numbers in thread names shown as N)\n\n"
                + "| scenario | run | all threads | largest groups |\n|---|---|---:|---|\n", r -> {
                    Map<String, Double> groups = r.consumerCpu().secondsByThreadGroup();
                    if (groups.isEmpty() || r.answered() == 0) {
                        return null;
                    }
                    double perOutcome = 1000.0 / r.answered();
                    return String.format(Locale.ROOT, "| %s | %s | %.2f | %s |%n", r.scenario().id(),
                            r.contender().label(), r.consumerCpuMillisPerOutcome(), groups.entrySet().stream()
                                    .limit(7).map(e -> String.format(Locale.ROOT, "`%s` %.2f", e.getKey(),
                                            e.getValue() * perOutcome))
                                    .collect(java.util.stream.Collectors.joining(", ")));
                }, "");
    }

    /** What the JFR execution samples of profiled runs were running, by component. */
    String profileTable() {
        return tableOfRuns("Java code the consumer ran, by component: share of the JFR execution "
                + "samples during the drain (`--profile`; a sample counts for the first frame that is not the JDK's)"
                + "\n\n| scenario | run | components |\n|---|---|---|\n", r -> {
                    Map<String, Double> components = r.consumerCpu().sampledComponents();
                    return components.isEmpty() ? null : String.format(Locale.ROOT, "| %s | %s | %s |%n",
                            r.scenario().id(), r.contender().label(), components.entrySet().stream().limit(10)
                                    .map(e -> String.format(Locale.ROOT, "%s %.0f%%", e.getKey(), e.getValue() * 100))
                                    .collect(java.util.stream.Collectors.joining(", ")));
                }, "\n");
    }

    /** A table of one row per run that has one ({@code row} gives null otherwise); nothing when none has. */
    private String tableOfRuns(String head, java.util.function.Function<RunResult, String> row, String tail) {
        StringBuilder md = new StringBuilder(head);
        boolean any = false;
        for (RunResult r : results) {
            String line = row.apply(r);
            if (line != null) {
                md.append(line);
                any = true;
            }
        }
        return any ? md.append(tail).toString() : "";
    }

    /** CPU per outcome of each process: where the time goes when the machine is the limit. */
    private String breakdownTable() {
        StringBuilder md = new StringBuilder("Where the time goes: CPU milliseconds per outcome, by process\n\n"
                + "| scenario | run | outcomes/s | consumer | broker | simulator+registry+harness | of which its JIT "
                + "| all | cores busy | cores used elsewhere |\n|---|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (RunResult r : results) {
            if (r.answered() == 0) {
                continue;
            }
            double perOutcome = r.drain().toMillis() / (double) r.answered();
            RunResult.CpuShare cpu = r.cpu();
            md.append(String.format(Locale.ROOT, "| %s | %s | %,.0f | %.2f | %.2f | %.2f | %.2f | **%.2f** | %.2f of %d "
                    + "| %s |%n", r.scenario().id(), r.contender().label() + noisy(r), r.outcomesPerSecond(),
                    cpu.consumer() * perOutcome, cpu.broker() * perOutcome, cpu.rest() * perOutcome,
                    cpu.restCompiling() * perOutcome,
                    cpu.total() * perOutcome, cpu.total(), Runtime.getRuntime().availableProcessors(),
                    Double.isNaN(cpu.elsewhere()) ? "unknown" : String.format(Locale.ROOT, "%.2f",
                            cpu.elsewhere())));
        }
        return md.toString();
    }

    private String targetsTable() {
        if (checks.isEmpty()) {
            return "";
        }
        StringBuilder md = new StringBuilder("| scenario | target | measured | verdict |\n|---|---|---|---|\n");
        for (Targets.Check c : checks) {
            md.append("| ").append(c.scenario()).append(" | ").append(c.target()).append(" | ").append(c.measured())
                    .append(" | ").append(c.status() == Targets.Status.MET ? "met" : "**missed**")
                    .append(c.note().isEmpty() ? "" : ": " + c.note()).append(" |\n");
        }
        return md.toString();
    }

    String csv() {
        List<String> lines = new ArrayList<>();
        lines.add("scenario,consumer,requests,partitions,latency_ms,jitter_ms,rate_limit_per_s,answered,"
                + "stopped_at_limit,startup_ms,drain_ms,outcomes_per_s,second_half_per_s,latency_p50_ms,latency_p95_ms,"
                + "latency_p99_ms,"
                + "latency_max_ms,api_calls,api_calls_per_s,accepted_calls_per_s,http_429,http_429_share,"
                + "resent_on_fresh_connection,heap_peak_mib,heap_after_gc_max_mib,live_heap_mib,gc_pauses,gc_pause_ms,rss_peak_mib,cpu_consumer,"
                + "cpu_broker,cpu_rest,cpu_rest_jit,sound");
        for (RunResult r : results) {
            Scenario s = r.scenario();
            lines.add(String.format(Locale.ROOT, "%s,%s,%d,%d,%d,%d,%.0f,%d,%b,%d,%d,%.1f,%.1f,%.0f,%.0f,%.0f,%.0f,"
                            + "%d,%.1f,%.1f,%d,%.5f,%d,%.1f,%.1f,%s,%d,%.1f,%.1f,%.3f,%.3f,%.3f,%.3f,%b",
                    s.id(), r.contender().name().toLowerCase(Locale.ROOT), s.requests(), s.partitions(),
                    s.latencyMillis(), s.jitterMillis(), s.rateLimitPerSecond(), r.answered(), r.stoppedAtLimit(),
                    r.startup().toMillis(), r.drain().toMillis(), r.outcomesPerSecond(), r.secondHalfPerSecond(),
                    r.latencyMillis().p50(),
                    r.latencyMillis().p95(), r.latencyMillis().p99(), r.latencyMillis().max(), r.apiCalls(),
                    r.apiCallsPerSecond(), r.acceptedCallsPerSecond(), r.throttled(), r.throttledShare(),
                    r.resent(), mibValue(r.gc().peakBytes()), mibValue(r.gc().maxLiveBytes()), r.liveHeapBytes().stream()
                            .map(b -> String.format(Locale.ROOT, "%.1f", b / 1024.0 / 1024.0))
                            .collect(java.util.stream.Collectors.joining(";")), r.gc().collections(),
                    r.gc().pauseMillis(), mibValue(r.peakRssBytes()), r.cpu().consumer(), r.cpu().broker(),
                    r.cpu().rest(), r.cpu().restCompiling(), r.sound()));
        }
        return String.join("\n", lines) + "\n";
    }

    static String ratio(double ratio) {
        return String.format(Locale.ROOT, ratio < 10 ? "%.1fx" : "%,.0fx", ratio);
    }

    private static String latency(Scenario s) {
        String base = s.latencyMillis() == 0 ? "0 ms" : s.jitterMillis() == 0 ? s.latencyMillis() + " ms"
                : s.latencyMillis() + " ± " + s.jitterMillis() + " ms";
        return s.rateLimited() ? base + ", limit " + Math.round(s.rateLimitPerSecond()) + " calls/s" : base;
    }

    private static String projected(RunResult base) {
        double seconds = base.scenario().requests() / base.outcomesPerSecond();
        return seconds < 120 ? String.format(Locale.ROOT, "%.0f s", seconds)
                : seconds < 7200 ? String.format(Locale.ROOT, "%.0f min", seconds / 60)
                : String.format(Locale.ROOT, "%.1f h", seconds / 3600);
    }

    private static String millis(double value) {
        if (Double.isNaN(value)) {
            return "n/a";
        }
        return value < 10_000 ? String.format(Locale.ROOT, "%.0f ms", value)
                : String.format(Locale.ROOT, "%.1f s", value / 1000);
    }

    static String mib(long bytes) {
        return bytes < 0 ? "n/a" : String.format(Locale.ROOT, "%.0f MiB", bytes / 1024.0 / 1024.0);
    }

    static String mibList(List<Long> bytes) {
        return bytes.stream().map(b -> String.format(Locale.ROOT, "%.0f", b / 1024.0 / 1024.0))
                .collect(java.util.stream.Collectors.joining(" / ", "", " MiB"));
    }

    private static double mibValue(long bytes) {
        return bytes < 0 ? Double.NaN : bytes / 1024.0 / 1024.0;
    }
}
