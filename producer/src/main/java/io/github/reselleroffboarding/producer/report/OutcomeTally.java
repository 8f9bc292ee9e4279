package io.github.reselleroffboarding.producer.report;

import io.github.reselleroffboarding.events.BlockReason;
import io.github.reselleroffboarding.events.BlockReasonCode;
import io.github.reselleroffboarding.events.OffboardAssessed;
import io.github.reselleroffboarding.events.OffboardBlocked;
import io.github.reselleroffboarding.events.RelationshipRemoved;
import io.github.reselleroffboarding.events.RemovedBy;
import io.github.reselleroffboarding.producer.CleanupText;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts what happened over a window, outcome by outcome, per day (UTC, by record timestamp) and in total. Pure:
 * fed by whatever read the records.
 */
final class OutcomeTally {

    /** The kinds of answer a day is counted by, in the order reports show them. */
    enum Kind {
        REMOVED_BY_THIS_SERVICE("removed", "#2e7d32"),
        ALREADY_GONE("already gone", "#81c784"),
        REMOVED_BY_SOMEONE_ELSE("by someone else", "#00897b"),
        BLOCKED("blocked", "#ef6c00"),
        REJECTED("rejected", "#c62828"),
        INVALID("invalid", "#8d6e63"),
        ASSESSED("assessed", "#1e88e5"),
        DEAD_LETTERED("dead letters", "#6a1b9a");

        final String label;
        final String colour;

        Kind(String label, String colour) {
            this.label = label;
            this.colour = colour;
        }

        boolean answered() {
            return this != DEAD_LETTERED;
        }
    }

    private final Map<LocalDate, EnumMap<Kind, Long>> byDay = new TreeMap<>();
    private final Map<String, long[]> blockedByCode = new TreeMap<>();
    private final Map<String, Long> blockersByAction = new TreeMap<>();
    private final Map<String, Long> deadLettersByCause = new TreeMap<>();
    private final Map<String, Long> cleanupWrites = new TreeMap<>();
    private final Map<String, Long> cleanupLeft = new TreeMap<>();
    private long assessedRemovable;
    private long undecodable;

    void removed(RelationshipRemoved removed, Instant at) {
        RemovedBy by = removed.getRemovedBy();
        Kind kind = !removed.getAlreadyRemoved() || by == RemovedBy.THIS_REQUEST ? Kind.REMOVED_BY_THIS_SERVICE
                : by == RemovedBy.SOMEONE_ELSE ? Kind.REMOVED_BY_SOMEONE_ELSE : Kind.ALREADY_GONE;
        count(kind, at);
        cleanup(removed.getCleanupActions(), removed.getCleanupLeft());
    }

    /** Clean-up writes by action and outcome ({@code SUSPEND done}), and what was left by reason. */
    private void cleanup(List<io.github.reselleroffboarding.events.CleanupAction> actions,
            List<io.github.reselleroffboarding.events.CleanupLeft> left) {
        actions.forEach(a -> cleanupWrites.merge(a.getAction() + " " + CleanupText.outcome(a), 1L, Long::sum));
        left.forEach(l -> cleanupLeft.merge(l.getReason().name(), 1L, Long::sum));
    }

    void blocked(OffboardBlocked blocked, Instant at) {
        cleanup(blocked.getCleanupActions(), blocked.getCleanupLeft());
        List<BlockReason> reasons = blocked.getReasons();
        if (has(reasons, BlockReasonCode.REMOVAL_REJECTED)) {
            count(Kind.REJECTED, at);
        } else if (has(reasons, BlockReasonCode.INVALID_REQUEST)) {
            count(Kind.INVALID, at);
        } else {
            count(Kind.BLOCKED, at);
        }
        reasons.stream().map(r -> r.getCode().name()).distinct()
                .forEach(code -> blockedByCode.computeIfAbsent(code, k -> new long[2])[0]++);
        for (BlockReason reason : reasons) {
            blockedByCode.computeIfAbsent(reason.getCode().name(), k -> new long[2])[1]++;
            if (reason.getAction() != null) {
                blockersByAction.merge(reason.getAction().name(), 1L, Long::sum);
            }
        }
    }

    void assessed(OffboardAssessed assessed, Instant at) {
        count(Kind.ASSESSED, at);
        if (assessed.getRemovable()) {
            assessedRemovable++;
        }
    }

    void deadLettered(String cause, Instant at) {
        count(Kind.DEAD_LETTERED, at);
        deadLettersByCause.merge(cause == null ? "unknown" : cause, 1L, Long::sum);
    }

    /** A record on an outcome topic that could not be decoded: counted, not guessed at. */
    void undecodable() {
        undecodable++;
    }

    Report report(Instant from, Instant to) {
        Map<LocalDate, Map<Kind, Long>> days = new TreeMap<>();
        byDay.forEach((day, counts) -> days.put(day, Map.copyOf(counts)));
        Map<Kind, Long> totals = new EnumMap<>(Kind.class);
        byDay.values().forEach(counts -> counts.forEach((kind, n) -> totals.merge(kind, n, Long::sum)));
        Map<String, Report.CodeCount> codes = new TreeMap<>();
        blockedByCode.forEach((code, n) -> codes.put(code, new Report.CodeCount(n[0], n[1])));
        return new Report(from, to, days, totals, codes, Map.copyOf(blockersByAction), Map.copyOf(deadLettersByCause),
                Map.copyOf(cleanupWrites), Map.copyOf(cleanupLeft),
                assessedRemovable, undecodable);
    }

    private void count(Kind kind, Instant at) {
        byDay.computeIfAbsent(LocalDate.ofInstant(at, ZoneOffset.UTC), d -> new EnumMap<>(Kind.class))
                .merge(kind, 1L, Long::sum);
    }

    private static boolean has(List<BlockReason> reasons, BlockReasonCode code) {
        return reasons.stream().anyMatch(r -> r.getCode() == code);
    }
}
