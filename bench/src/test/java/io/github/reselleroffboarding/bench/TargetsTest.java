package io.github.reselleroffboarding.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class TargetsTest {

    static final Scenario B = Scenario.standard().stream().filter(s -> s.id().equals("b")).findFirst().orElseThrow();
    static final Scenario C = Scenario.standard().stream().filter(s -> s.id().equals("c")).findFirst().orElseThrow();

    @Test
    void aMissedThroughputTargetSaysByHowMuchAndHowBusyTheMachineWas() {
        RunResult service = run(B, Contender.SERVICE, 20_000, Duration.ofSeconds(20), 0, 0);
        RunResult baseline = run(B, Contender.BASELINE, 400, Duration.ofSeconds(20), 0, 0);

        List<Targets.Check> checks = Targets.evaluate(List.of(service, baseline), 2);

        assertThat(checks).extracting(Targets.Check::target).containsExactly(">= 2,000 outcomes/s",
                ">= 50 times the baseline");
        assertThat(checks.get(0).status()).isEqualTo(Targets.Status.MISSED);
        assertThat(checks.get(0).measured()).isEqualTo("1,000");
        assertThat(checks.get(0).note()).startsWith("missed by 50%; during the drain the 2 cores were 95% busy");
        assertThat(checks.get(1).status()).isEqualTo(Targets.Status.MET);
    }

    @Test
    void theRateLimitScenarioIsJudgedOnAcceptedCallsAndTheShareOf429s() {
        RunResult service = run(C, Contender.SERVICE, 4_000, Duration.ofSeconds(60), 11_700, 200);

        List<Targets.Check> checks = Targets.evaluate(List.of(service), 2);

        assertThat(checks).hasSize(2);
        assertThat(checks.get(0).measured()).isEqualTo("95.8% (191.7 accepted calls/s)");
        assertThat(checks.get(0).status()).isEqualTo(Targets.Status.MET);
        assertThat(checks.get(1).measured()).isEqualTo("1.71% (200 of 11700)");
        assertThat(checks.get(1).status()).isEqualTo(Targets.Status.MISSED);
    }

    private static RunResult run(Scenario scenario, Contender contender, int answered, Duration drain, long calls,
            long throttled) {
        return new RunResult(scenario, contender, answered, false, Duration.ofSeconds(2), drain,
                Percentiles.of(new long[0], 0), calls, throttled, new GcLog(10, 100L << 20, 40L << 20, 25),
                300L << 20, new RunResult.CpuShare(1.0, 0.4, 0.5, 0.0), List.of(), null, List.of());
    }
}
