package io.github.reselleroffboarding.bench;

import java.util.List;
import java.util.Objects;

/**
 * One benchmark situation: how many requests wait in the backlog, over how many partitions, and how Partner
 * Center answers.
 *
 * @param id short name used in the report and on the command line ({@code a}, {@code b}, ...)
 * @param group scenarios compared with each other share a group (d's two backlog sizes)
 * @param title what the scenario shows
 * @param requests the backlog preloaded before the consumer starts
 * @param partitions partitions of the request topic
 * @param latencyMillis latency the simulator adds to every call
 * @param jitterMillis plus or minus this, uniformly
 * @param rateLimitPerSecond partner-wide limit the simulator enforces with 429s; 0 for none. The consumer is
 *     configured with the same figure ({@code PARTNER_CENTER_REQUESTS_PER_SECOND}), as an operator would
 * @param withBaseline whether the partition-serial baseline runs too
 * @param withCallsOnly whether the service's Partner Center work also runs alone, without Kafka, to show how much
 *     of the time is Partner Center calls
 * @param probesLiveHeap whether the service's live heap is measured (after a full collection) at a quarter, half
 *     and three quarters of the backlog and at the end; each probe pauses the consumer briefly
 */
public record Scenario(String id, String group, String title, int requests, int partitions, long latencyMillis,
        long jitterMillis, double rateLimitPerSecond, boolean withBaseline, boolean withCallsOnly,
        boolean probesLiveHeap) {

    public Scenario {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(group, "group");
        if (requests < 1 || partitions < 1) {
            throw new IllegalArgumentException("requests and partitions must be positive");
        }
    }

    /** The scenarios the default command runs. */
    public static List<Scenario> standard() {
        return List.of(
                new Scenario("a", "a", "overhead bound: no API latency", 20_000, 6, 0, 0, 0, true, true, false),
                new Scenario("b", "b", "API latency 50 ms +/- 10 ms", 20_000, 6, 50, 10, 0, true, true, false),
                new Scenario("c", "c", "partner-wide limit of 200 calls/s, latency 50 ms +/- 10 ms", 4_000, 6, 50, 10,
                        200, true, false, false),
                new Scenario("d-20k", "d", "memory: 20k backlog, latency 50 ms +/- 10 ms", 20_000, 6, 50, 10, 0,
                        false, false, true),
                new Scenario("d-200k", "d", "memory: 200k backlog, latency 50 ms +/- 10 ms", 200_000, 6, 50, 10, 0,
                        false, false, true));
    }

    /**
     * Run once before the measured scenarios and not reported: the broker, the simulator and this JVM reach the
     * measured runs warmed up, so no contender pays for going first. Each consumer JVM still starts cold.
     */
    public static Scenario warmUp(boolean smoke) {
        return new Scenario("warm-up", "warm-up", "warms up the broker, registry and simulator; not reported",
                smoke ? 60 : 4_000, 6, 0, 0, 0, false, false, false);
    }

    /** The same situations with tiny backlogs: proves the whole path runs, measures nothing worth quoting. */
    public static List<Scenario> smoke() {
        return standard().stream().map(s -> new Scenario(s.id(), s.group(), s.title(),
                s.requests() >= 200_000 ? 600 : 120, s.partitions(), s.latencyMillis(), s.jitterMillis(),
                s.rateLimitPerSecond(), s.withBaseline(), s.withCallsOnly(), s.probesLiveHeap())).toList();
    }

    /** Whether the simulator answers calls beyond a partner-wide rate with 429. */
    public boolean rateLimited() {
        return rateLimitPerSecond > 0;
    }
}
