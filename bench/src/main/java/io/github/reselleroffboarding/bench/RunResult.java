package io.github.reselleroffboarding.bench;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What one contender did with one scenario's backlog. Rates are over the drain: from the moment the consumer
 * reported ready to the moment the last outcome was committed (or the baseline's time limit).
 *
 * @param answered requests whose outcome was committed
 * @param stoppedAtLimit the run was stopped by the time limit before the backlog was drained (baseline only)
 * @param startup launch to ready
 * @param drain ready to the last outcome committed
 * @param latencyMillis from each request's {@code requestedAt} to its outcome's commit
 * @param apiCalls Partner Center calls the simulator received during the drain, answered or throttled
 * @param throttled of those, the ones answered 429
 * @param resent the consumer's tries that the server's closing a pooled connection made it send again at once on a
 *     fresh one, costing no retry (a connection that failed a call is a problem instead); -1 when unknown
 * @param peakRssBytes the consumer process's peak resident set, -1 when unknown
 * @param cpu cores kept busy on average during the drain by the consumer, the broker, and the rest (simulator,
 *     registry, harness)
 * @param liveHeapBytes the live heap measured during the run (see {@link Scenario#probesLiveHeap()}), in order
 * @param secondHalf the time from the middle outcome to the last: the rate once the JVM is warm
 * @param consumerCpu where the consumer process's CPU went, by thread group, and what it cost per outcome once warm
 * @param problems anything that makes the result wrong: missing, duplicate or wrong outcomes; empty when sound
 */
record RunResult(Scenario scenario, Contender contender, int answered, boolean stoppedAtLimit, Duration startup,
        Duration drain, Percentiles latencyMillis, long apiCalls, long throttled, long resent, GcLog gc, long peakRssBytes,
        CpuShare cpu, List<Long> liveHeapBytes, Duration secondHalf, ConsumerCpu consumerCpu, List<String> problems) {

    /**
     * The consumer process's CPU in more detail than {@link CpuShare}.
     *
     * @param secondsByThreadGroup CPU seconds of the drain by thread group ({@link ThreadCpu}), largest first;
     *     threads that ended during the drain are missing
     * @param secondHalfMillisPerOutcome CPU milliseconds per outcome from the moment half the backlog was answered
     *     to the end: the cost once the JVM is warm; NaN when unknown
     * @param sampledComponents share of the JFR execution samples by component, largest first, when the run was
     *     profiled ({@code --profile}); empty otherwise
     */
    record ConsumerCpu(Map<String, Double> secondsByThreadGroup, double secondHalfMillisPerOutcome,
            Map<String, Double> sampledComponents) {

        static final ConsumerCpu UNKNOWN = new ConsumerCpu(Map.of(), Double.NaN, Map.of());

        ConsumerCpu {
            secondsByThreadGroup = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(
                    secondsByThreadGroup));
            sampledComponents = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(
                    sampledComponents));
        }
    }

    /**
     * Cores each process kept busy during the drain, and what the rest of the machine used meanwhile.
     *
     * @param restCompiling of {@code rest}, what the bench JVM's JIT compilers used: high when the simulator was
     *     still warming up during the run, which the run's contender then paid for
     * @param elsewhere cores used by processes the bench did not start (the machine's busy cores less the three
     *     others), NaN where the machine's total cannot be read
     */
    record CpuShare(double consumer, double broker, double rest, double restCompiling, double elsewhere) {

        /** More than this many cores used elsewhere, and the run's figures say as much about them as about us. */
        static final double NOISE_LIMIT = 0.25;

        static CpuShare of(double consumer, double broker, double rest, double restCompiling, double machine) {
            double elsewhere = Double.isNaN(machine) ? Double.NaN
                    : Math.max(0, machine - consumer - broker - rest);
            return new CpuShare(consumer, broker, rest, restCompiling, elsewhere);
        }

        double total() {
            return consumer + broker + rest;
        }

        /** Nothing else used a significant share of the machine (or that could not be known). */
        boolean quiet() {
            return Double.isNaN(elsewhere) || elsewhere <= NOISE_LIMIT;
        }
    }

    RunResult {
        liveHeapBytes = List.copyOf(liveHeapBytes);
        problems = List.copyOf(problems);
    }

    /** Outcomes per second over the second half of the outcomes, or NaN when unknown. */
    double secondHalfPerSecond() {
        return secondHalf == null || secondHalf.isZero() ? Double.NaN : (answered - answered / 2) / seconds(secondHalf);
    }

    /** The largest live heap measured, or -1 when none was. */
    long maxLiveHeapBytes() {
        return liveHeapBytes.stream().mapToLong(Long::longValue).max().orElse(-1);
    }

    /** Consumer CPU milliseconds per outcome over the whole drain. */
    double consumerCpuMillisPerOutcome() {
        return answered == 0 ? Double.NaN : cpu.consumer() * drain.toMillis() / answered;
    }

    double outcomesPerSecond() {
        return answered / seconds(drain);
    }

    double apiCallsPerSecond() {
        return apiCalls / seconds(drain);
    }

    /** Calls Partner Center accepted (not 429) per second. */
    double acceptedCallsPerSecond() {
        return (apiCalls - throttled) / seconds(drain);
    }

    double throttledShare() {
        return apiCalls == 0 ? 0 : (double) throttled / apiCalls;
    }

    boolean sound() {
        return problems.isEmpty();
    }

    private static double seconds(Duration d) {
        return Math.max(1, d.toMillis()) / 1000.0;
    }
}
