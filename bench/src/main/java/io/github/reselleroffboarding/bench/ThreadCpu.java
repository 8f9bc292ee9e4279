package io.github.reselleroffboarding.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A process's CPU time by thread at one moment, from Linux's {@code /proc/<pid>/task/<tid>/stat}, with threads
 * grouped by name (numbers dropped: {@code GC Thread#1} and {@code GC Thread#0} are one group). The difference of
 * two samples says which of a JVM's threads the drain's CPU went to (JIT compilers, GC, event loops, the engine,
 * worker pools) without profiling, and is measured the same way for every contender. Empty where there is no
 * {@code /proc}.
 *
 * @param jiffiesByThread user plus system clock ticks of each live thread, by thread id
 * @param groupByThread the group of each live thread, by thread id
 */
record ThreadCpu(Map<Long, Long> jiffiesByThread, Map<Long, String> groupByThread) {

    /** Linux's {@code USER_HZ}, the same on every architecture the JDK runs on. */
    static final double JIFFIES_PER_SECOND = 100;
    private static final Pattern DIGITS = Pattern.compile("\\d+");
    private static final Pattern WHITESPACE = Pattern.compile(" ");

    ThreadCpu {
        jiffiesByThread = Map.copyOf(jiffiesByThread);
        groupByThread = Map.copyOf(groupByThread);
    }

    /** This JVM's threads: the simulator, the registry and the outcome watcher. */
    static ThreadCpu self() {
        return of(ProcessHandle.current().pid());
    }

    /** Cores the JIT compiler threads kept busy since {@code earlier}, over {@code window}. */
    double compilerCoresSince(ThreadCpu earlier, java.time.Duration window) {
        return secondsSince(earlier).getOrDefault(COMPILERS, 0.0) / Math.max(0.001, window.toMillis() / 1000.0);
    }

    static ThreadCpu of(long pid) {
        Map<Long, Long> jiffies = new HashMap<>();
        Map<Long, String> groups = new HashMap<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    // "tid (name) state ..." where the name may itself hold spaces and parentheses
                    int open = stat.indexOf('(');
                    int close = stat.lastIndexOf(')');
                    String[] after = WHITESPACE.split(stat.substring(close + 2), -1);
                    long tid = Long.parseLong(task.getFileName().toString());
                    // fields 14 and 15 of stat (utime, stime) are the 12th and 13th after the name
                    jiffies.put(tid, Long.parseLong(after[11]) + Long.parseLong(after[12]));
                    groups.put(tid, group(stat.substring(open + 1, close)));
                } catch (IOException | RuntimeException threadEnded) {
                    // the thread ended while we read; its time is in the process's total
                }
            }
        } catch (IOException | RuntimeException noProc) {
            return new ThreadCpu(Map.of(), Map.of());
        }
        return new ThreadCpu(jiffies, groups);
    }

    /** Thread names (as the kernel keeps them: 15 characters, numbers as N) that say which part of a JVM runs. */
    private static final String COMPILERS = "JIT compilers";
    private static final Map<String, String> KNOWN = knownGroups();

    private static Map<String, String> knownGroups() {
        Map<String, String> known = new LinkedHashMap<>();
        known.put("CN CompilerThre", COMPILERS);
        known.put("reactor-http-ep", "Netty event loops");
        known.put("offboarding-eng", "engine thread");
        known.put("pc-pool-N-threa", "Parallel Consumer workers");
        known.put("pc-broker-poll", "Parallel Consumer poller");
        known.put("pc-control", "Parallel Consumer control");
        known.put("baseline-bench-", "baseline partition threads");
        known.put("kafka-producer-", "Kafka producer I/O");
        for (String vm : new String[] {"GC Thread#N", "GN Conc#N", "GN Refine#N", "GN Main Marker", "GN Service",
            "VM Thread", "VM Periodic Tas"}) {
            known.put(vm, "GC and VM");
        }
        return Map.copyOf(known);
    }

    /**
     * The thread group a kernel thread name belongs to: a readable name for the parts of a JVM we know, else the
     * name with its numbers as N (the kernel cuts names to 15 characters).
     */
    static String group(String name) {
        String numbersDropped = DIGITS.matcher(name).replaceAll("N").strip();
        return KNOWN.getOrDefault(numbersDropped, numbersDropped);
    }

    /**
     * CPU seconds each thread group used since {@code earlier}, largest first. A thread that started since then
     * counts from zero; one that ended is missing (the caller compares the sum with the process's total).
     */
    Map<String, Double> secondsSince(ThreadCpu earlier) {
        Map<String, Double> seconds = new HashMap<>();
        jiffiesByThread.forEach((tid, now) -> {
            long before = earlier.jiffiesByThread.getOrDefault(tid, 0L);
            seconds.merge(groupByThread.get(tid), Math.max(0, now - before) / JIFFIES_PER_SECOND, Double::sum);
        });
        Map<String, Double> sorted = new LinkedHashMap<>();
        seconds.entrySet().stream().filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }
}
