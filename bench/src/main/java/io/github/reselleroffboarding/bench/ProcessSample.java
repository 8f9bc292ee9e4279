package io.github.reselleroffboarding.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A process's CPU time and peak resident set size at one moment. The peak RSS comes from Linux's
 * {@code VmHWM}, the kernel's own high-water mark, so no sampling can miss it; elsewhere it is unknown (-1).
 *
 * @param cpu user plus system CPU time since the process started, or null when unknown
 * @param peakRssBytes the most memory the process has held in RAM, or -1 when unknown
 */
record ProcessSample(Duration cpu, long peakRssBytes) {

    static ProcessSample of(long pid) {
        Duration cpu = ProcessHandle.of(pid).flatMap(p -> p.info().totalCpuDuration()).orElse(null);
        return new ProcessSample(cpu, peakRss(pid));
    }

    static ProcessSample self() {
        return of(ProcessHandle.current().pid());
    }

    /** CPU cores this process kept busy on average between {@code earlier} and this sample. */
    double coresSince(ProcessSample earlier, Duration between) {
        if (cpu == null || earlier.cpu == null || between.isZero()) {
            return Double.NaN;
        }
        return (double) cpu.minus(earlier.cpu).toNanos() / between.toNanos();
    }

    private static long peakRss(long pid) {
        Path status = Path.of("/proc", Long.toString(pid), "status");
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
