package io.github.reselleroffboarding.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Heap figures read from a JVM's {@code -Xlog:gc} output, whose pause lines look like
 * {@code GC(12) Pause Young (Normal) (G1 Evacuation Pause) 120M->31M(256M) 3.456ms}.
 *
 * @param collections pauses seen
 * @param peakBytes the most heap in use, as found when a collection started: what the process needed, garbage
 *     included
 * @param maxLiveBytes the most heap still in use right after a collection: the live set, which is what must stay
 *     flat as the backlog grows
 * @param pauseMillis time spent in those pauses
 */
record GcLog(int collections, long peakBytes, long maxLiveBytes, double pauseMillis) {

    private static final Pattern PAUSE = Pattern.compile(
            "GC\\(\\d+\\) Pause.* (\\d+)([KMG])->(\\d+)([KMG])\\((\\d+)([KMG])\\) ([0-9.]+)ms");

    static GcLog read(Path file) {
        try {
            return parse(Files.exists(file) ? Files.readAllLines(file) : List.of());
        } catch (IOException e) {
            return new GcLog(0, -1, -1, 0);
        }
    }

    static GcLog parse(List<String> lines) {
        int collections = 0;
        long peak = -1;
        long live = -1;
        double pauses = 0;
        for (String line : lines) {
            Matcher m = PAUSE.matcher(line);
            if (!m.find()) {
                continue;
            }
            collections++;
            peak = Math.max(peak, bytes(m.group(1), m.group(2)));
            live = Math.max(live, bytes(m.group(3), m.group(4)));
            pauses += Double.parseDouble(m.group(7));
        }
        return new GcLog(collections, peak, live, pauses);
    }

    private static long bytes(String amount, String unit) {
        long value = Long.parseLong(amount);
        return switch (unit) {
            case "K" -> value << 10;
            case "M" -> value << 20;
            default -> value << 30;
        };
    }
}
