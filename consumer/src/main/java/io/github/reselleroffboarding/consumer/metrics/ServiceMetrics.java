package io.github.reselleroffboarding.consumer.metrics;

import io.github.reselleroffboarding.consumer.health.ServiceHealth;
import io.github.reselleroffboarding.events.BlockReasonCode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;

/**
 * The service's own meters, declared once with their help text: what the engine finished (counted when the
 * transaction holding it commits), how long requests took end to end, commits and aborts, and gauges over
 * {@link ServiceHealth}. Labels are bounded: outcome kinds, reason codes and causes are enums, and no tenant
 * or request id is ever a label. Kafka's own client metrics (lag among them) are bound per engine.
 */
public final class ServiceMetrics implements AutoCloseable {

    /** How often the Kafka binder looks for client metrics that appeared since (a partition's lag, say). */
    private static final Duration KAFKA_METRICS_REFRESH = Duration.ofSeconds(5);
    /** From a request answered at once to one that waited hours in a backlog or behind a Partner Center outage. */
    private static final Duration[] LATENCY_BUCKETS = {Duration.ofMillis(100), Duration.ofMillis(250),
        Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5),
        Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(5),
        Duration.ofMinutes(15), Duration.ofHours(1), Duration.ofHours(6)};
    private static final Duration[] COMMIT_BUCKETS = {Duration.ofMillis(5), Duration.ofMillis(10),
        Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
        Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(5)};

    private final MeterRegistry registry;
    private final Clock clock;
    private final Map<Tally.OutcomeKind, Counter> outcomes = new EnumMap<>(Tally.OutcomeKind.class);
    private final Map<Tally.OutcomeKind, Timer> latency = new EnumMap<>(Tally.OutcomeKind.class);
    /** Per kind that gives reasons (blocked, assessed, invalid), one counter per code. */
    private final Map<Tally.OutcomeKind, Map<BlockReasonCode, Counter>> reasons =
            new EnumMap<>(Tally.OutcomeKind.class);
    private final Map<Tally.DeadLetterCause, Counter> deadLetters = new EnumMap<>(Tally.DeadLetterCause.class);
    private final Counter duplicates;
    private final Counter forwarded;
    private final Counter restarts;
    private final Counter rebalanceAborts;
    private final Counter failedCommits;
    private final Timer commits;
    private final ScheduledExecutorService kafkaRefresh;

    public ServiceMetrics(MeterRegistry registry, ServiceHealth health, Clock clock) {
        this.registry = registry;
        this.clock = clock;
        // every series exists from the start, at zero: a rate over a series that appears late reads as nothing
        for (Tally.OutcomeKind kind : Tally.OutcomeKind.values()) {
            outcomes.put(kind, Counter.builder("offboarding.outcomes")
                    .description("Outcomes committed to their topics, by kind")
                    .tag("kind", kind.label()).register(registry));
            latency.put(kind, Timer.builder("offboarding.request.latency")
                    .description("From a request's requestedAt to its outcome's commit, by outcome kind")
                    .tag("kind", kind.label()).serviceLevelObjectives(LATENCY_BUCKETS).register(registry));
        }
        for (Tally.OutcomeKind kind : List.of(Tally.OutcomeKind.BLOCKED, Tally.OutcomeKind.ASSESSED,
                Tally.OutcomeKind.INVALID)) {
            Map<BlockReasonCode, Counter> byCode = new EnumMap<>(BlockReasonCode.class);
            for (BlockReasonCode code : BlockReasonCode.values()) {
                byCode.put(code, Counter.builder("offboarding.outcome.reasons")
                        .description("Reasons given in committed outcomes (one outcome may give several), by "
                                + "outcome kind and reason code")
                        .tags("kind", kind.label(), "code", code.name()).register(registry));
            }
            reasons.put(kind, byCode);
        }
        for (Tally.DeadLetterCause cause : Tally.DeadLetterCause.values()) {
            deadLetters.put(cause, Counter.builder("offboarding.dead_letters")
                    .description("Records committed to the dead-letter topic, by cause")
                    .tag("cause", cause.label()).register(registry));
        }
        duplicates = Counter.builder("offboarding.requests.duplicate")
                .description("Requests already answered (a copy, a replay) and not answered again").register(registry);
        forwarded = Counter.builder("offboarding.requests.forwarded")
                .description("Requests keyed otherwise than by their canonical tenant id, sent on to its partition")
                .register(registry);
        restarts = Counter.builder("offboarding.engine.restarts")
                .description("Times the engine failed and a new one started with new Kafka clients")
                .register(registry);
        rebalanceAborts = aborts(registry, "rebalance");
        failedCommits = aborts(registry, "failure");
        commits = Timer.builder("offboarding.transaction.commit")
                .description("Committed transactions (outcomes, state and offsets together) and how long each took")
                .serviceLevelObjectives(COMMIT_BUCKETS).register(registry);
        gauge("offboarding.ready", "1 when the service is ready (consuming), else 0", health,
                h -> h.isReady() ? 1 : 0);
        gauge("offboarding.in_flight", "Requests being processed now (under MAX_IN_FLIGHT)", health,
                ServiceHealth::inFlight);
        gauge("offboarding.requests.waiting", "Requests admitted and waiting: behind their tenant's earlier "
                + "request, or for room under MAX_IN_FLIGHT", health, ServiceHealth::waiting);
        gauge("offboarding.partitions.assigned", "Request partitions assigned to this instance", health,
                ServiceHealth::assignedPartitions);
        gauge("offboarding.partitions.paused", "Assigned request partitions not being fetched now", health,
                ServiceHealth::pausedPartitions);
        for (ServiceHealth.Pause pause : ServiceHealth.Pause.values()) {
            Gauge.builder("offboarding.consumption.paused", health, h -> h.pause().filter(pause::equals).isPresent()
                            ? 1 : 0)
                    .description("1 while consumption is held back for everyone, by reason: auth (Partner Center "
                            + "refuses the credentials), outage (Partner Center failing for everyone), registry")
                    .tag("reason", pause.label()).register(registry);
        }
        kafkaRefresh = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "kafka-metrics-refresh");
            t.setDaemon(true);
            return t;
        });
    }

    /** Counts what a committed transaction held. */
    public void committed(List<Tally> tallies, long commitNanos) {
        commits.record(Duration.ofNanos(commitNanos));
        Instant now = clock.instant();
        for (Tally tally : tallies) {
            if (tally instanceof Tally.Outcome outcome) {
                outcomes.get(outcome.kind()).increment();
                Map<BlockReasonCode, Counter> byCode = reasons.getOrDefault(outcome.kind(), Map.of());
                for (BlockReasonCode code : outcome.codes()) {
                    Counter counter = byCode.get(code);
                    if (counter != null) {
                        counter.increment();
                    }
                }
                if (outcome.requestedAt() != null) {
                    Duration took = Duration.between(outcome.requestedAt(), now);
                    // a clock upstream ahead of ours would make it negative: that is "at once", not a bad value
                    latency.get(outcome.kind()).record(took.isNegative() ? Duration.ZERO : took);
                }
            } else if (tally instanceof Tally.DeadLetter deadLetter) {
                deadLetters.get(deadLetter.cause()).increment();
            } else {
                forwarded.increment();
            }
        }
    }

    public void aborted(boolean rebalance) {
        (rebalance ? rebalanceAborts : failedCommits).increment();
    }

    public void duplicate() {
        duplicates.increment();
    }

    public void engineRestarted() {
        restarts.increment();
    }

    /** Meters bound for as long as something lives; closing removes them. */
    public interface Binding extends AutoCloseable {
        @Override
        void close();
    }

    /** Binds one engine's Kafka clients (fetch, lag, produce, transactions); closing unbinds them. */
    public Binding bindKafkaClients(Consumer<?, ?> consumer, Producer<?, ?> producer) {
        KafkaClientMetrics consumerMetrics = new KafkaClientMetrics(consumer, List.of(), kafkaRefresh,
                KAFKA_METRICS_REFRESH);
        KafkaClientMetrics producerMetrics = new KafkaClientMetrics(producer, List.of(), kafkaRefresh,
                KAFKA_METRICS_REFRESH);
        consumerMetrics.bindTo(registry);
        producerMetrics.bindTo(registry);
        return () -> {
            consumerMetrics.close();
            producerMetrics.close();
        };
    }

    /** Outcomes of {@code kind} counted so far. */
    public long outcomes(Tally.OutcomeKind kind) {
        return (long) outcomes.get(kind).count();
    }

    public long deadLetters(Tally.DeadLetterCause cause) {
        return (long) deadLetters.get(cause).count();
    }

    public long duplicates() {
        return (long) duplicates.count();
    }

    public long engineRestarts() {
        return (long) restarts.count();
    }

    @Override
    public void close() {
        kafkaRefresh.shutdownNow();
    }

    private <T> void gauge(String name, String help, T state, java.util.function.ToDoubleFunction<T> value) {
        Gauge.builder(name, state, value).description(help).register(registry);
    }

    private static Counter aborts(MeterRegistry registry, String reason) {
        return Counter.builder("offboarding.transaction.aborts").tag("reason", reason)
                .description("Transactions aborted, by reason: a rebalance (tried again) or a failure (engine "
                        + "restart)").register(registry);
    }
}
