package io.github.reselleroffboarding.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class GcLogTest {

    @Test
    void takesThePeakBeforeAndTheLargestLiveHeapAfterAnyPause() {
        GcLog log = GcLog.parse(List.of(
                "[0.012s][info][gc] Using G1",
                "[1.204s][info][gc] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 24M->3M(256M) 2.345ms",
                "[2.310s][info][gc] GC(1) Pause Young (Concurrent Start) (G1 Humongous Allocation) 120M->41M(256M) "
                        + "4.100ms",
                "[2.400s][info][gc] GC(2) Concurrent Mark Cycle",
                "[2.512s][info][gc] GC(2) Pause Remark 45M->45M(256M) 1.000ms",
                "[3.000s][info][gc] GC(3) Pause Full (G1 Compaction Pause) 1G->512K(1G) 10.5ms"));

        assertThat(log.collections()).isEqualTo(4);
        assertThat(log.peakBytes()).isEqualTo(1L << 30);
        assertThat(log.maxLiveBytes()).isEqualTo(45L << 20);
        assertThat(log.pauseMillis()).isEqualTo(2.345 + 4.1 + 1.0 + 10.5);
    }

    @Test
    void aLogWithoutPausesSaysTheHeapIsUnknown() {
        GcLog log = GcLog.parse(List.of("[0.012s][info][gc] Using G1"));

        assertThat(log.collections()).isZero();
        assertThat(log.peakBytes()).isNegative();
        assertThat(log.maxLiveBytes()).isNegative();
        assertThat(Report.mib(log.peakBytes())).isEqualTo("n/a");
    }
}
