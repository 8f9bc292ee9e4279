package io.github.reselleroffboarding.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The whole machine's CPU time at one moment, from the first line of Linux's {@code /proc/stat}: how much of all
 * cores' time was busy (user, nice, system, irq, softirq, steal) and how much passed in all. Comparing it with
 * the processes the bench knows tells whether something else used the machine during a run.
 *
 * @param busy busy jiffies of all cores together, or -1 when unknown
 * @param total all jiffies of all cores together (busy, idle and iowait), or -1 when unknown
 */
record MachineCpu(long busy, long total) {

    private static final Path STAT = Path.of("/proc/stat");
    private static final java.util.regex.Pattern WHITESPACE = java.util.regex.Pattern.compile("\\s+");

    static MachineCpu now() {
        try {
            String line = Files.readAllLines(STAT).get(0);
            String[] f = WHITESPACE.split(line.strip(), -1);
            // cpu user nice system idle iowait irq softirq steal [guest guest_nice, already counted in user/nice]
            long user = Long.parseLong(f[1]);
            long nice = Long.parseLong(f[2]);
            long system = Long.parseLong(f[3]);
            long idle = Long.parseLong(f[4]);
            long iowait = Long.parseLong(f[5]);
            long irq = Long.parseLong(f[6]);
            long softirq = Long.parseLong(f[7]);
            long steal = f.length > 8 ? Long.parseLong(f[8]) : 0;
            long busy = user + nice + system + irq + softirq + steal;
            return new MachineCpu(busy, busy + idle + iowait);
        } catch (IOException | RuntimeException e) {
            return new MachineCpu(-1, -1);
        }
    }

    /** Cores kept busy on average since {@code earlier}, by everything on the machine; NaN when unknown. */
    double coresBusySince(MachineCpu earlier, int cores) {
        if (busy < 0 || earlier.busy < 0 || total <= earlier.total) {
            return Double.NaN;
        }
        return (double) (busy - earlier.busy) / (total - earlier.total) * cores;
    }
}
