package io.github.reselleroffboarding.consumer.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.reselleroffboarding.consumer.health.ServiceHealth;
import io.github.reselleroffboarding.consumer.metrics.Tally.DeadLetterCause;
import io.github.reselleroffboarding.consumer.metrics.Tally.OutcomeKind;
import io.github.reselleroffboarding.events.BlockReasonCode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What {@code /metrics} exposes, read as Prometheus reads it: names, types, help, labels, values. */
class MetricsExpositionTest {

    private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})? (\\S+)$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    private final ServiceHealth health = new ServiceHealth(Clock.fixed(NOW, ZoneOffset.UTC));
    private final PrometheusMetrics prometheus = new PrometheusMetrics();
    private final ServiceMetrics metrics = new ServiceMetrics(prometheus.registry(), health,
            Clock.fixed(NOW, ZoneOffset.UTC));

    @AfterEach
    void close() {
        metrics.close();
        prometheus.close();
    }

    @Test
    void outcomesAreCountedByKindAndReasonCodeAsLabelsOnceCommitted() {
        metrics.committed(List.of(
                new Tally.Outcome(OutcomeKind.REMOVED, List.of(), NOW.minusSeconds(3)),
                new Tally.Outcome(OutcomeKind.BLOCKED, List.of(BlockReasonCode.NCE_SUBSCRIPTION_NOT_CANCELLED, BlockReasonCode.ACTIVE_AZURE_PLAN),
                        NOW.minusSeconds(40)),
                new Tally.Outcome(OutcomeKind.BLOCKED, List.of(BlockReasonCode.NCE_SUBSCRIPTION_NOT_CANCELLED), null),
                new Tally.DeadLetter(DeadLetterCause.UNREADABLE)), Duration.ofMillis(12).toNanos());

        Exposition scrape = Exposition.parse(prometheus.scrape());

        assertThat(scrape.value("offboarding_outcomes_total", Map.of("kind", "removed"))).isEqualTo(1);
        assertThat(scrape.value("offboarding_outcomes_total", Map.of("kind", "blocked"))).isEqualTo(2);
        assertThat(scrape.value("offboarding_outcomes_total", Map.of("kind", "assessed"))).isZero();
        assertThat(scrape.value("offboarding_outcome_reasons_total",
                Map.of("kind", "blocked", "code", "NCE_SUBSCRIPTION_NOT_CANCELLED"))).isEqualTo(2);
        assertThat(scrape.value("offboarding_outcome_reasons_total",
                Map.of("kind", "blocked", "code", "ACTIVE_AZURE_PLAN"))).isEqualTo(1);
        assertThat(scrape.value("offboarding_dead_letters_total", Map.of("cause", "unreadable"))).isEqualTo(1);
        assertThat(scrape.value("offboarding_transaction_commit_seconds_count", Map.of())).isEqualTo(1);
    }

    @Test
    void requestLatencyIsAHistogramInSecondsFromRequestedAtToTheCommit() {
        metrics.committed(List.of(new Tally.Outcome(OutcomeKind.REMOVED, List.of(), NOW.minusSeconds(3)),
                new Tally.Outcome(OutcomeKind.REMOVED, List.of(), NOW.minusSeconds(40)),
                new Tally.Outcome(OutcomeKind.REMOVED, List.of(), NOW.plusSeconds(5))), 0);

        Exposition scrape = Exposition.parse(prometheus.scrape());

        assertThat(scrape.type("offboarding_request_latency_seconds")).isEqualTo("histogram");
        assertThat(scrape.value("offboarding_request_latency_seconds_count", Map.of("kind", "removed")))
                .isEqualTo(3);
        assertThat(scrape.value("offboarding_request_latency_seconds_sum", Map.of("kind", "removed")))
                .as("a requestedAt ahead of our clock counts as zero, not as a negative duration").isEqualTo(43);
        assertThat(scrape.value("offboarding_request_latency_seconds_bucket", Map.of("kind", "removed", "le", "5.0")))
                .isEqualTo(2);
        assertThat(scrape.value("offboarding_request_latency_seconds_bucket", Map.of("kind", "removed",
                "le", "60.0"))).isEqualTo(3);
    }

    @Test
    void theEngineStateIsExposedAsGauges() {
        health.ready();
        health.engineState(7, 30, 2, ServiceHealth.Pause.AUTH);
        health.assignedPartitions(6);

        Exposition scrape = Exposition.parse(prometheus.scrape());

        assertThat(scrape.value("offboarding_ready", Map.of())).isEqualTo(1);
        assertThat(scrape.value("offboarding_in_flight", Map.of())).isEqualTo(7);
        assertThat(scrape.value("offboarding_requests_waiting", Map.of())).isEqualTo(30);
        assertThat(scrape.value("offboarding_partitions_assigned", Map.of())).isEqualTo(6);
        assertThat(scrape.value("offboarding_partitions_paused", Map.of())).isEqualTo(2);
        assertThat(scrape.value("offboarding_consumption_paused", Map.of("reason", "auth"))).isEqualTo(1);
        assertThat(scrape.value("offboarding_consumption_paused", Map.of("reason", "outage"))).isZero();
    }

    @Test
    void everyFamilyHasHelpTextAndFollowsPrometheusNaming() {
        metrics.committed(List.of(new Tally.Outcome(OutcomeKind.REMOVED, List.of(), NOW)), 0);

        Exposition scrape = Exposition.parse(prometheus.scrape());

        // jvm_gc_pause_seconds appears with the first collection, which a short test may not see
        assertThat(scrape.types).containsKeys("jvm_memory_used_bytes", "process_cpu_usage",
                "jvm_threads_live_threads", "process_uptime_seconds");
        assertThat(scrape.types.keySet()).allSatisfy(family -> {
            assertThat(scrape.help.get(family)).as("HELP of " + family).isNotBlank();
            assertThat(family).as("lower snake case").matches("[a-z][a-z0-9_]*");
        });
        scrape.types.forEach((family, type) -> {
            if (type.equals("counter")) {
                assertThat(scrape.samplesOf(family)).as(family).allSatisfy(s -> assertThat(s).endsWith("_total"));
            }
        });
        assertThat(scrape.types).hasEntrySatisfying("offboarding_transaction_commit_seconds",
                type -> assertThat(type).isEqualTo("histogram"));
    }

    @Test
    void labelsAreBoundedAndNeverCarryATenantOrRequest() {
        metrics.committed(List.of(new Tally.Outcome(OutcomeKind.BLOCKED, List.of(BlockReasonCode.ACTIVE_SUBSCRIPTION),
                NOW)), 0);

        Exposition scrape = Exposition.parse(prometheus.scrape());

        Set<String> labelNames = new HashSet<>();
        scrape.samples.stream().filter(s -> s.name().startsWith("offboarding_"))
                .forEach(s -> labelNames.addAll(s.labels().keySet()));
        assertThat(labelNames).containsOnly("kind", "code", "cause", "reason", "le");
        long series = scrape.samples.stream().filter(s -> s.name().startsWith("offboarding_")).count();
        assertThat(series).as("a fixed number of series, whatever the traffic").isLessThan(1_000);
    }

    /** The text format, parsed. */
    record Sample(String name, Map<String, String> labels, double value) {
    }

    static final class Exposition {
        final Map<String, String> types = new HashMap<>();
        final Map<String, String> help = new HashMap<>();
        final List<Sample> samples = new ArrayList<>();

        static Exposition parse(String text) {
            Exposition exposition = new Exposition();
            for (String line : text.lines().toList()) {
                if (line.startsWith("# TYPE ")) {
                    String[] parts = line.split(" ", 4);
                    exposition.types.put(parts[2], parts[3]);
                } else if (line.startsWith("# HELP ")) {
                    String[] parts = line.split(" ", 4);
                    exposition.help.put(parts[2], parts.length > 3 ? parts[3] : "");
                } else if (!line.isBlank() && !line.startsWith("#")) {
                    Matcher m = SAMPLE.matcher(line);
                    assertThat(m.matches()).as("a sample line: " + line).isTrue();
                    Map<String, String> labels = new HashMap<>();
                    if (m.group(3) != null) {
                        Matcher l = LABEL.matcher(m.group(3));
                        while (l.find()) {
                            labels.put(l.group(1), l.group(2));
                        }
                    }
                    exposition.samples.add(new Sample(m.group(1), labels, Double.parseDouble(m.group(4))));
                }
            }
            return exposition;
        }

        String type(String family) {
            return types.get(family);
        }

        List<String> samplesOf(String family) {
            return samples.stream().map(Sample::name).filter(n -> n.equals(family) || n.startsWith(family + "_"))
                    .distinct().toList();
        }

        double value(String name, Map<String, String> labels) {
            List<Sample> matching = samples.stream().filter(s -> s.name().equals(name)
                    && s.labels().entrySet().containsAll(labels.entrySet())).toList();
            assertThat(matching).as(name + labels).hasSize(1);
            return matching.get(0).value();
        }
    }
}
