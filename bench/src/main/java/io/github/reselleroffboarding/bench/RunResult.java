package io.github.reselleroffboarding.bench;

import java.time.Duration;
import java.util.List;

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
 * @param peakRssBytes the consumer process's peak resident set, -1 when unknown
 * @param cpu cores kept busy on average during the drain by the consumer, the broker, and the rest (simulator,
 *     registry, harness)
 * @param problems anything that makes the result wrong: missing, duplicate or wrong outcomes; empty when sound
 */
record RunResult(Scenario scenario, Contender contender, int answered, boolean stoppedAtLimit, Duration startup,
        Duration drain, Percentiles latencyMillis, long apiCalls, long throttled, GcLog gc, long peakRssBytes,
        CpuShare cpu, List<String> problems) {

    record CpuShare(double consumer, double broker, double rest) {
        double total() {
            return consumer + broker + rest;
        }
    }

    RunResult {
        problems = List.copyOf(problems);
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
