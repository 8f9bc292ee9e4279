package io.github.reselleroffboarding.producer;

import io.github.reselleroffboarding.events.CleanupAction;
import io.github.reselleroffboarding.events.CleanupLeft;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A clean-up's writes and what it left, as {@code tail}, {@code check} and {@code report} show them. */
public final class CleanupText {

    /** Resources named per group before the rest are only counted. */
    static final int NAMED = 3;

    private CleanupText() {
    }

    /**
     * One line: writes grouped by action and outcome, then what was left grouped by reason, e.g.
     * {@code cleanup: SUSPEND done 45 (l-1, l-2, l-3, +42 more); left: OUTSIDE_CANCELLATION_WINDOW 1 (nce-1 ends
     * 2027-06-20)}; empty when there is nothing to say.
     */
    public static String line(List<CleanupAction> actions, List<CleanupLeft> left) {
        if (actions.isEmpty() && left.isEmpty()) {
            return "";
        }
        Map<String, List<String>> done = new LinkedHashMap<>();
        actions.forEach(a -> done.computeIfAbsent(a.getAction() + " " + outcome(a), k -> new ArrayList<>())
                .add(resource(a.getResourceId(), a.getErrorCode() == null ? null : "code " + a.getErrorCode())));
        Map<String, List<String>> kept = new LinkedHashMap<>();
        left.forEach(l -> kept.computeIfAbsent(l.getReason().name(), k -> new ArrayList<>())
                .add(resource(l.getResourceId(), l.getEndsAt() == null ? null : "ends " + day(l.getEndsAt()))));
        List<String> parts = new ArrayList<>();
        if (!done.isEmpty()) {
            parts.add("cleanup: " + groups(done));
        }
        if (!kept.isEmpty()) {
            parts.add("cleanup left: " + groups(kept));
        }
        return String.join("; ", parts);
    }

    /** Several lines, indented, for one customer: each write and each thing left, with why. */
    public static List<String> lines(List<CleanupAction> actions, List<CleanupLeft> left, int most) {
        List<String> lines = new ArrayList<>();
        actions.stream().limit(most).forEach(a -> lines.add(a.getAction() + " " + outcome(a) + "  "
                + named(a.getResourceId(), a.getResourceName()) + (a.getDetail() == null ? "" : " - " + a.getDetail())
                + (a.getPartnerCenterRequestId() == null ? "" : " (MS-RequestId " + a.getPartnerCenterRequestId()
                + ")")));
        if (actions.size() > most) {
            lines.add("+" + (actions.size() - most) + " more writes");
        }
        left.stream().limit(most).forEach(l -> lines.add("left " + l.getReason() + "  "
                + named(l.getResourceId(), l.getResourceName()) + " - " + l.getMessage()));
        if (left.size() > most) {
            lines.add("+" + (left.size() - most) + " more left");
        }
        return lines;
    }

    /** {@code done}, {@code refused}, {@code planned}: what came of a write. */
    public static String outcome(CleanupAction action) {
        return action.getOutcome().name().toLowerCase(java.util.Locale.ROOT);
    }

    private static String groups(Map<String, List<String>> groups) {
        List<String> text = new ArrayList<>();
        groups.forEach((name, resources) -> {
            List<String> shown = resources.stream().limit(NAMED).toList();
            String more = resources.size() > NAMED ? ", +" + (resources.size() - NAMED) + " more" : "";
            text.add(name + " " + resources.size() + " (" + String.join(", ", shown) + more + ")");
        });
        return String.join("; ", text);
    }

    private static String resource(String id, String note) {
        String shown = id == null ? "?" : id;
        return note == null ? shown : shown + " " + note;
    }

    private static String named(String id, String name) {
        return name == null || name.equals(id) ? String.valueOf(id) : id + " \"" + name + "\"";
    }

    private static String day(Instant at) {
        return LocalDate.ofInstant(at, ZoneOffset.UTC).toString();
    }
}
