package io.github.reselleroffboarding.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * How the bench runs, whatever the scenario.
 *
 * @param consumerJar the service's runnable jar, launched exactly as in production
 * @param heap {@code -Xmx} of every consumer JVM, service and baseline alike
 * @param baselineTimeLimit the baseline is stopped after this and its rate taken over that window; zero lets it
 *     drain the whole backlog
 * @param runTimeout a run that has not drained its backlog by then has failed
 * @param consumerEnvironment settings given to both contenders on top of the bench's own, e.g. MAX_IN_FLIGHT
 * @param jvmOptions more options for both contenders' JVMs, e.g. to record a flight recording
 * @param workDir logs, GC logs and consumer state of the runs
 * @param profile whether the service and Parallel Consumer runs record a JFR profile (the same settings for both),
 *     summarised by component in the report
 */
record BenchOptions(Path consumerJar, String heap, Duration baselineTimeLimit, Duration runTimeout,
        Map<String, String> consumerEnvironment, java.util.List<String> jvmOptions, Path workDir, boolean profile) {

    BenchOptions {
        consumerEnvironment = Map.copyOf(consumerEnvironment);
        jvmOptions = java.util.List.copyOf(jvmOptions);
    }

    boolean baselineLimited() {
        return !baselineTimeLimit.isZero();
    }
}
