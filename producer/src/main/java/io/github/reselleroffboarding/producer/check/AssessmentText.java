package io.github.reselleroffboarding.producer.check;

import io.github.reselleroffboarding.events.BlockReason;
import io.github.reselleroffboarding.events.ClearingAction;
import io.github.reselleroffboarding.events.OffboardAssessed;
import io.github.reselleroffboarding.producer.CleanupText;
import io.github.reselleroffboarding.producer.TextTable;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Assessments as a person reads them: blockers grouped by what clears them, dates with how far off they are. */
final class AssessmentText {

    /** Resources listed per action before the rest are only counted. */
    static final int LISTED_PER_ACTION = 10;
    /** Customers listed one per line before only the summary is printed. */
    static final int TABLE_ROWS = 50;
    static final int DEADLINES_LISTED = 10;

    private final LocalDate today;

    AssessmentText(LocalDate today) {
        this.today = today;
    }

    /** One assessment, several lines. */
    String single(OffboardAssessed a) {
        StringBuilder out = new StringBuilder();
        out.append(a.getCompanyName() == null ? "" : a.getCompanyName() + "  ").append(a.getCustomerTenantId());
        List<String> about = new ArrayList<>();
        if (a.getCustomerDomain() != null) {
            about.add(a.getCustomerDomain());
        }
        if (a.getRelationshipBefore() != null) {
            about.add("relationship " + a.getRelationshipBefore());
        }
        out.append(about.isEmpty() ? "" : "  (" + String.join(", ", about) + ")").append('\n');
        if (a.getRemovable()) {
            out.append("REMOVABLE now: nothing blocks the removal\n");
        } else if (a.getAlreadyRemoved()) {
            out.append("ALREADY REMOVED: nothing to remove\n");
        } else {
            int n = a.getBlockers().size();
            out.append("NOT REMOVABLE: ").append(n).append(n == 1 ? " blocker" : " blockers").append('\n');
            Map<String, List<BlockReason>> byAction = new LinkedHashMap<>();
            a.getBlockers().forEach(b -> byAction.computeIfAbsent(action(b.getAction()), k -> new ArrayList<>())
                    .add(b));
            byAction.forEach((action, group) -> {
                out.append("  ").append(action).append(" (").append(group.size()).append(")\n");
                group.stream().limit(LISTED_PER_ACTION).forEach(b -> out.append("    ").append(line(b)).append('\n'));
                if (group.size() > LISTED_PER_ACTION) {
                    out.append("    +").append(group.size() - LISTED_PER_ACTION).append(" more\n");
                }
            });
        }
        if (!a.getNotices().isEmpty()) {
            out.append("notices:\n");
            a.getNotices().forEach(b -> out.append("  ").append(b.getCode()).append("  ")
                    .append(b.getMessage()).append('\n'));
        }
        if (!a.getCleanupActions().isEmpty() || !a.getCleanupLeft().isEmpty()) {
            out.append("a clean-up (cleanup: true) would:\n");
            CleanupText.lines(a.getCleanupActions(), a.getCleanupLeft(), LISTED_PER_ACTION)
                    .forEach(line -> out.append("  ").append(line).append('\n'));
        }
        if (!a.getRemovable() && !a.getAlreadyRemoved()) {
            out.append("removable by itself: ").append(a.getEarliestRemovableAt() == null
                    ? "never without an action (some blocker does not end by itself)"
                    : when(AssessmentRow.day(a.getEarliestRemovableAt()))).append('\n');
        }
        return out.toString();
    }

    /** One row per customer, aligned, for a bulk check. */
    String table(List<AssessmentRow> rows) {
        List<String[]> cells = new ArrayList<>();
        cells.add(new String[] {"tenant", "company", "result", "blockers", "nearest deadline", "removable by itself"});
        for (AssessmentRow row : rows) {
            cells.add(new String[] {row.tenant(), row.company() == null ? "" : row.company(), row.result(),
                    row.blockers() == 0 ? "" : row.blockers() + ": " + String.join(", ", row.codes()),
                    row.nearestDeadline() == null ? "" : when(row.nearestDeadline()),
                    row.removable() ? "now" : row.earliestRemovable() == null ? "" : when(row.earliestRemovable())});
        }
        return TextTable.words("  ", cells);
    }

    /** What a bulk check found, for the end of its output. */
    String summary(List<AssessmentRow> rows, Map<String, OffboardAssessed> answers, long skipped) {
        Map<String, Long> byResult = new TreeMap<>();
        rows.forEach(r -> byResult.merge(r.result(), 1L, Long::sum));
        StringBuilder out = new StringBuilder();
        out.append(rows.size()).append(rows.size() == 1 ? " customer: " : " customers: ");
        List<String> parts = new ArrayList<>();
        byResult.forEach((result, count) -> parts.add(count + " " + result));
        out.append(String.join(", ", parts));
        if (skipped > 0) {
            out.append("; ").append(skipped).append(skipped == 1 ? " bad line skipped" : " bad lines skipped");
        }
        out.append('\n');
        Map<String, long[]> byCode = new TreeMap<>();
        answers.values().forEach(a -> {
            a.getBlockers().stream().map(b -> b.getCode().name()).distinct()
                    .forEach(code -> byCode.computeIfAbsent(code, k -> new long[2])[0]++);
            a.getBlockers().forEach(b -> byCode.computeIfAbsent(b.getCode().name(), k -> new long[2])[1]++);
        });
        if (!byCode.isEmpty()) {
            List<String[]> cells = new ArrayList<>();
            cells.add(new String[] {"blocked by", "customers", "blockers"});
            byCode.entrySet().stream().sorted(Comparator.comparingLong((Map.Entry<String, long[]> e) -> -e.getValue()[0])
                    .thenComparing(Map.Entry::getKey))
                    .forEach(e -> cells.add(new String[] {e.getKey(), Long.toString(e.getValue()[0]),
                            Long.toString(e.getValue()[1])}));
            out.append(TextTable.figures("  ", cells));
        }
        List<AssessmentRow> deadlines = rows.stream().filter(r -> r.nearestDeadline() != null)
                .sorted(Comparator.comparing(AssessmentRow::nearestDeadline)).limit(DEADLINES_LISTED).toList();
        if (!deadlines.isEmpty()) {
            out.append("earliest deadlines:\n");
            deadlines.forEach(r -> out.append("  ").append(when(r.nearestDeadline())).append("  ")
                    .append(r.company() == null ? r.tenant() : r.company()).append("  ")
                    .append(r.nearestDeadlineResource()).append('\n'));
        }
        return out.toString();
    }

    /** {@code 2026-12-08 (in 6 days)}. */
    String when(LocalDate day) {
        long days = ChronoUnit.DAYS.between(today, day);
        String relative = days == 0 ? "today" : days == 1 ? "tomorrow" : days == -1 ? "yesterday"
                : days > 0 ? "in " + days + " days" : -days + " days ago";
        return day + " (" + relative + ")";
    }

    private String line(BlockReason b) {
        List<String> parts = new ArrayList<>();
        parts.add(b.getCode().name());
        String resource = resource(b);
        if (!resource.isEmpty()) {
            parts.add(resource);
        }
        if (b.getStatus() != null) {
            parts.add(b.getStatus());
        }
        if (b.getActionDeadline() != null) {
            parts.add("until " + when(AssessmentRow.day(b.getActionDeadline())));
        }
        if (b.getEndsAt() != null) {
            parts.add("ends " + when(AssessmentRow.day(b.getEndsAt())));
        }
        if (resource.isEmpty()) {
            parts.add(b.getMessage());
        }
        return String.join("  ", parts);
    }

    /** {@code nce-1 "Microsoft 365 Business Basic"}, or what of it is known. */
    static String resource(BlockReason b) {
        String id = b.getResourceId() == null ? "" : b.getResourceId();
        return b.getResourceName() == null ? id : (id + " \"" + b.getResourceName() + "\"").strip();
    }

    private static String action(ClearingAction action) {
        return action == null ? "no action in Partner Center clears it" : action.name();
    }
}
