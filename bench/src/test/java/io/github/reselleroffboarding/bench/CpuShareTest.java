package io.github.reselleroffboarding.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A run is marked noisy when processes the bench did not start used a significant share of the machine. */
class CpuShareTest {

    @Test
    void whatTheMachineUsedBeyondTheBenchsProcessesIsElsewhere() {
        RunResult.CpuShare quiet = RunResult.CpuShare.of(1.0, 0.4, 0.4, 0.1, 1.9);
        RunResult.CpuShare noisy = RunResult.CpuShare.of(1.0, 0.4, 0.4, 0.1, 1.95 + 0.3);

        assertThat(quiet.elsewhere()).isCloseTo(0.1, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(quiet.quiet()).isTrue();
        assertThat(noisy.elsewhere()).isCloseTo(0.45, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(noisy.quiet()).isFalse();
    }

    @Test
    void measurementNoiseThatPutsTheMachineBelowItsPartsIsNotNegative() {
        assertThat(RunResult.CpuShare.of(1.0, 0.4, 0.4, 0.1, 1.7).elsewhere()).isZero();
    }

    @Test
    void aMachineThatCannotBeReadIsNotCalledNoisy() {
        RunResult.CpuShare unknown = RunResult.CpuShare.of(1.0, 0.4, 0.4, 0.1, Double.NaN);

        assertThat(unknown.elsewhere()).isNaN();
        assertThat(unknown.quiet()).isTrue();
    }

    @Test
    void theMachinesBusyCoresComeFromProcStat() {
        MachineCpu earlier = new MachineCpu(1_000, 4_000);
        MachineCpu later = new MachineCpu(1_300, 4_400);

        assertThat(later.coresBusySince(earlier, 2)).isCloseTo(1.5, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(MachineCpu.now().busy()).as("readable on Linux").isPositive();
    }
}
