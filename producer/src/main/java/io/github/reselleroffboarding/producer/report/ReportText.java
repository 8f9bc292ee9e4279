package io.github.reselleroffboarding.producer.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import io.github.reselleroffboarding.producer.TextTable;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A report as a terminal table, CSV (one row per day, then a total row) or JSON. */
final class ReportText {

    private ReportText() {
    }

    static String table(Report report) {
        StringBuilder out = new StringBuilder();
        out.append("outcomes from ").append(report.from()).append(" to ").append(report.to()).append('\n');
        out.append(report.answered()).append(" requests answered: ").append(report.removed()).append(" removed (")
                .append(report.total(OutcomeTally.Kind.REMOVED_BY_THIS_SERVICE)).append(" by this service, ")
                .append(report.total(OutcomeTally.Kind.ALREADY_GONE)).append(" already gone, ")
                .append(report.total(OutcomeTally.Kind.REMOVED_BY_SOMEONE_ELSE)).append(" by someone else), ")
                .append(report.total(OutcomeTally.Kind.BLOCKED)).append(" blocked, ")
                .append(report.total(OutcomeTally.Kind.REJECTED)).append(" rejected by Partner Center, ")
                .append(report.total(OutcomeTally.Kind.INVALID)).append(" invalid, ")
                .append(report.total(OutcomeTally.Kind.ASSESSED)).append(" assessed (")
                .append(report.assessedRemovable()).append(" removable); ")
                .append(report.total(OutcomeTally.Kind.DEAD_LETTERED)).append(" dead-lettered\n");
        if (report.undecodable() > 0) {
            out.append(report.undecodable()).append(" records could not be decoded and are not counted\n");
        }
        out.append('\n').append(TextTable.figures("", dayRows(report, true)));
        if (!report.blockedByCode().isEmpty()) {
            List<String[]> codes = new ArrayList<>();
            codes.add(new String[] {"blocked by code", "outcomes", "blockers"});
            report.codesByOutcomes().forEach(e -> codes.add(new String[] {e.getKey(),
                    Long.toString(e.getValue().outcomes()), Long.toString(e.getValue().blockers())}));
            out.append('\n').append(TextTable.figures("", codes));
        }
        if (!report.blockersByAction().isEmpty()) {
            out.append('\n').append(TextTable.figures("", counts("what clears the blockers", "blockers",
                    report.actionsByBlockers())));
        }
        if (!report.cleanupWrites().isEmpty()) {
            out.append('\n').append(TextTable.figures("", counts("clean-up writes", "writes", report.writesByCount())));
        }
        if (!report.cleanupLeft().isEmpty()) {
            out.append('\n').append(TextTable.figures("", counts("left by clean-ups", "resources",
                    report.leftByCount())));
        }
        if (!report.deadLettersByCause().isEmpty()) {
            out.append('\n').append(TextTable.figures("", counts("dead letters by cause", "records", report.causesByCount())));
        }
        return out.toString();
    }

    static String csv(Report report) {
        try {
            return new CsvMapper().enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING).writer()
                    .writeValueAsString(dayRows(report, true).toArray(String[][]::new));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the report as CSV", e);
        }
    }

    static String json(Report report) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("from", report.from().toString());
        json.put("to", report.to().toString());
        json.put("answered", report.answered());
        json.put("totals", kinds(report.totals()));
        json.put("assessedRemovable", report.assessedRemovable());
        List<Map<String, Object>> days = new ArrayList<>();
        report.days().forEach((day, counts) -> {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("day", day.toString());
            d.putAll(kinds(counts));
            days.add(d);
        });
        json.put("days", days);
        Map<String, Object> codes = new LinkedHashMap<>();
        report.codesByOutcomes().forEach(e -> codes.put(e.getKey(), Map.of("outcomes", e.getValue().outcomes(),
                "blockers", e.getValue().blockers())));
        json.put("blockedByCode", codes);
        Map<String, Object> actions = new LinkedHashMap<>();
        report.actionsByBlockers().forEach(e -> actions.put(e.getKey(), e.getValue()));
        json.put("blockersByAction", actions);
        Map<String, Object> causes = new LinkedHashMap<>();
        report.causesByCount().forEach(e -> causes.put(e.getKey(), e.getValue()));
        json.put("deadLettersByCause", causes);
        Map<String, Object> writes = new LinkedHashMap<>();
        report.writesByCount().forEach(e -> writes.put(e.getKey(), e.getValue()));
        json.put("cleanupWrites", writes);
        Map<String, Object> left = new LinkedHashMap<>();
        report.leftByCount().forEach(e -> left.put(e.getKey(), e.getValue()));
        json.put("cleanupLeft", left);
        json.put("undecodable", report.undecodable());
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(json) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the report as JSON", e);
        }
    }

    /** The per-day table: a header, one row per day, and (when asked) a total row. */
    static List<String[]> dayRows(Report report, boolean withTotal) {
        List<String[]> rows = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of("day", "answered"));
        for (OutcomeTally.Kind kind : OutcomeTally.Kind.values()) {
            header.add(kind.label);
        }
        rows.add(header.toArray(String[]::new));
        for (Map.Entry<LocalDate, Map<OutcomeTally.Kind, Long>> day : report.days().entrySet()) {
            rows.add(row(day.getKey().toString(), day.getValue()));
        }
        if (withTotal) {
            rows.add(row("total", report.totals()));
        }
        return rows;
    }

    private static String[] row(String label, Map<OutcomeTally.Kind, Long> counts) {
        List<String> cells = new ArrayList<>();
        cells.add(label);
        long answered = 0;
        for (OutcomeTally.Kind kind : OutcomeTally.Kind.values()) {
            answered += kind.answered() ? Report.count(counts, kind) : 0;
        }
        cells.add(Long.toString(answered));
        for (OutcomeTally.Kind kind : OutcomeTally.Kind.values()) {
            cells.add(Long.toString(Report.count(counts, kind)));
        }
        return cells.toArray(String[]::new);
    }

    private static Map<String, Long> kinds(Map<OutcomeTally.Kind, Long> counts) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (OutcomeTally.Kind kind : OutcomeTally.Kind.values()) {
            out.put(camel(kind), Report.count(counts, kind));
        }
        return out;
    }

    private static String camel(OutcomeTally.Kind kind) {
        StringBuilder out = new StringBuilder();
        for (String part : kind.name().toLowerCase(java.util.Locale.ROOT).split("_", -1)) {
            out.append(out.length() == 0 ? part : Character.toUpperCase(part.charAt(0)) + part.substring(1));
        }
        return out.toString();
    }

    private static List<String[]> counts(String title, String unit, List<Map.Entry<String, Long>> entries) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {title, unit});
        entries.forEach(e -> rows.add(new String[] {e.getKey(), Long.toString(e.getValue())}));
        return rows;
    }
}
