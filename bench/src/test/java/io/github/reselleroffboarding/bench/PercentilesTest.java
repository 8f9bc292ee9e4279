package io.github.reselleroffboarding.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PercentilesTest {

    @Test
    void nearestRankOverTheFilledPartOnly() {
        long[] values = new long[200];
        for (int i = 0; i < 100; i++) {
            values[i] = 100L - i;
        }
        values[150] = 1_000_000;

        Percentiles p = Percentiles.of(values, 100);

        assertThat(p.p50()).isEqualTo(50);
        assertThat(p.p95()).isEqualTo(95);
        assertThat(p.p99()).isEqualTo(99);
        assertThat(p.max()).isEqualTo(100);
    }

    @Test
    void noValuesGiveNoFigures() {
        assertThat(Percentiles.of(new long[0], 0).p50()).isNaN();
    }
}
