package io.github.reselleroffboarding.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ThreadCpuTest {

    @Test
    void threadsAreGroupedByTheirNameWithoutNumbersAndThePartsOfAJvmByWhatTheyDo() {
        assertThat(ThreadCpu.group("C2 CompilerThre")).isEqualTo("JIT compilers");
        assertThat(ThreadCpu.group("C1 CompilerThre")).isEqualTo("JIT compilers");
        assertThat(ThreadCpu.group("GC Thread#1")).isEqualTo("GC and VM");
        assertThat(ThreadCpu.group("G1 Conc#0")).isEqualTo("GC and VM");
        assertThat(ThreadCpu.group("reactor-http-ep")).isEqualTo("Netty event loops");
        assertThat(ThreadCpu.group("pc-pool-3-threa")).isEqualTo("Parallel Consumer workers");
        assertThat(ThreadCpu.group("kafka-metrics-r")).isEqualTo("kafka-metrics-r");
        assertThat(ThreadCpu.group("parallel-12")).isEqualTo("parallel-N");
    }

    @Test
    void theTimeOfEachGroupSinceAnEarlierSampleComesLargestFirstCountingNewThreadsFromZero() {
        ThreadCpu earlier = new ThreadCpu(Map.of(1L, 100L, 2L, 50L, 3L, 10L),
                Map.of(1L, "JIT compilers", 2L, "JIT compilers", 3L, "engine thread"));
        ThreadCpu later = new ThreadCpu(Map.of(1L, 150L, 2L, 100L, 3L, 310L, 4L, 50L, 5L, 25L),
                Map.of(1L, "JIT compilers", 2L, "JIT compilers", 3L, "engine thread", 4L, "GC and VM",
                        5L, "GC and VM"));

        Map<String, Double> seconds = later.secondsSince(earlier);

        assertThat(seconds).containsExactly(Map.entry("engine thread", 3.0), Map.entry("JIT compilers", 1.0),
                Map.entry("GC and VM", 0.75));
    }

    @Test
    void theCompilersShareIsTheirSecondsOverTheWindowInCores() {
        ThreadCpu earlier = new ThreadCpu(Map.of(1L, 100L, 2L, 10L), Map.of(1L, "JIT compilers", 2L, "engine thread"));
        ThreadCpu later = new ThreadCpu(Map.of(1L, 300L, 2L, 400L), Map.of(1L, "JIT compilers", 2L, "engine thread"));

        assertThat(later.compilerCoresSince(earlier, java.time.Duration.ofSeconds(4))).isEqualTo(0.5);
        assertThat(earlier.compilerCoresSince(earlier, java.time.Duration.ofSeconds(4))).isZero();
    }

    @Test
    void thisProcessesOwnThreadsAreReadFromProc() {
        ThreadCpu self = ThreadCpu.of(ProcessHandle.current().pid());

        assertThat(self.groupByThread()).isNotEmpty();
        assertThat(self.groupByThread().values()).contains("JIT compilers");
    }
}
