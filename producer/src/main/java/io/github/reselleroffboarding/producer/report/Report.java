package io.github.reselleroffboarding.producer.report;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * What happened over a window: per day and in total, blocked outcomes by code and their blockers by action,
 * dead letters by cause.
 *
 * @param days every day with at least one record, oldest first
 * @param blockedByCode per code: how many blocked outcomes name it, and how many blockers it has in all
 * @param cleanupWrites clean-up writes by action and outcome ({@code SUSPEND done}, {@code CANCEL refused})
 * @param cleanupLeft what clean-ups left, by reason
 * @param undecodable records on the outcome topics that could not be decoded
 */
record Report(Instant from, Instant to, Map<LocalDate, Map<OutcomeTally.Kind, Long>> days,
        Map<OutcomeTally.Kind, Long> totals, Map<String, CodeCount> blockedByCode, Map<String, Long> blockersByAction,
        Map<String, Long> deadLettersByCause, Map<String, Long> cleanupWrites, Map<String, Long> cleanupLeft,
        long assessedRemovable, long undecodable) {

    record CodeCount(long outcomes, long blockers) {
    }

    long total(OutcomeTally.Kind kind) {
        return totals.getOrDefault(kind, 0L);
    }

    long answered() {
        return totals.entrySet().stream().filter(e -> e.getKey().answered()).mapToLong(Map.Entry::getValue).sum();
    }

    long removed() {
        return total(OutcomeTally.Kind.REMOVED_BY_THIS_SERVICE) + total(OutcomeTally.Kind.ALREADY_GONE)
                + total(OutcomeTally.Kind.REMOVED_BY_SOMEONE_ELSE);
    }

    static long count(Map<OutcomeTally.Kind, Long> day, OutcomeTally.Kind kind) {
        return day.getOrDefault(kind, 0L);
    }

    /** Codes, most outcomes first. */
    List<Map.Entry<String, CodeCount>> codesByOutcomes() {
        return blockedByCode.entrySet().stream().sorted(Comparator.comparingLong(
                (Map.Entry<String, CodeCount> e) -> -e.getValue().outcomes()).thenComparing(Map.Entry::getKey)).toList();
    }

    /** Actions, most blockers first. */
    List<Map.Entry<String, Long>> actionsByBlockers() {
        return sortedDescending(blockersByAction);
    }

    List<Map.Entry<String, Long>> writesByCount() {
        return sortedDescending(cleanupWrites);
    }

    List<Map.Entry<String, Long>> leftByCount() {
        return sortedDescending(cleanupLeft);
    }

    List<Map.Entry<String, Long>> causesByCount() {
        return sortedDescending(deadLettersByCause);
    }

    private static List<Map.Entry<String, Long>> sortedDescending(Map<String, Long> counts) {
        return counts.entrySet().stream().sorted(Comparator.comparingLong((Map.Entry<String, Long> e) -> -e.getValue())
                .thenComparing(Map.Entry::getKey)).toList();
    }
}
