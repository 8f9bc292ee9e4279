package io.github.reselleroffboarding.producer.report;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A report as one self-contained HTML page (inline CSS and SVG, no script, nothing fetched): headline figures,
 * outcomes per day as stacked bars, blocked outcomes by code, and the tables behind both, worded for a reader who
 * has never seen Kafka.
 */
final class HtmlReport {

    private static final int CHART_WIDTH = 760;
    private static final int CHART_HEIGHT = 240;
    private static final int AXIS = 40;

    private HtmlReport() {
    }

    static String render(Report report, String title) {
        StringBuilder h = new StringBuilder(16_384);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
                .append(esc(title)).append("</title>\n<style>\n")
                .append("body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;margin:2rem auto;")
                .append("max-width:900px;color:#212121;padding:0 1rem}\n")
                .append("h1{font-size:1.6rem;margin-bottom:.2rem}h2{font-size:1.15rem;margin-top:2rem}\n")
                .append(".window{color:#616161;margin-top:0}\n")
                .append(".tiles{display:flex;flex-wrap:wrap;gap:.6rem;margin:1.2rem 0}\n")
                .append(".tile{border:1px solid #e0e0e0;border-radius:8px;padding:.6rem .9rem;min-width:110px}\n")
                .append(".tile b{display:block;font-size:1.5rem}.tile span{color:#616161;font-size:.85rem}\n")
                .append("table{border-collapse:collapse;margin:.5rem 0;font-size:.9rem}\n")
                .append("th,td{border-bottom:1px solid #e0e0e0;padding:.3rem .6rem;text-align:right}\n")
                .append("th:first-child,td:first-child{text-align:left;white-space:nowrap}th{background:#fafafa}\n")
                .append(".legend span{display:inline-block;margin-right:1rem;font-size:.85rem}\n")
                .append(".legend i{display:inline-block;width:.8rem;height:.8rem;margin-right:.3rem;")
                .append("vertical-align:middle}\np.note{color:#616161;font-size:.85rem}\n")
                .append("</style>\n</head>\n<body>\n");
        h.append("<h1>").append(esc(title)).append("</h1>\n<p class=\"window\">Outcomes recorded from ")
                .append(esc(report.from().toString())).append(" to ").append(esc(report.to().toString()))
                .append(" (UTC)</p>\n");
        tiles(h, report);
        h.append("<h2>Outcomes per day</h2>\n");
        if (report.days().isEmpty()) {
            h.append("<p id=\"no-outcomes\">No request was answered and nothing was dead-lettered in this window.</p>\n");
        } else {
            dayChart(h, report);
            legend(h);
        }
        dayTable(h, report);
        h.append("<h2>Why removals were blocked</h2>\n");
        if (report.blockedByCode().isEmpty()) {
            h.append("<p id=\"no-blockers\">No removal was blocked in this window.</p>\n");
        } else {
            h.append("<p class=\"note\">Each blocked answer lists every reason found; a customer blocked by two "
                    + "kinds of product counts under both.</p>\n");
            codeChart(h, report);
            codeTable(h, report);
        }
        if (!report.blockersByAction().isEmpty()) {
            h.append("<h2>What clears the blockers</h2>\n");
            countTable(h, "actions", "action", "blockers", report.actionsByBlockers());
        }
        if (!report.cleanupWrites().isEmpty()) {
            h.append("<h2>Clean-up writes</h2>\n<p class=\"note\">Writes sent for requests that asked for a "
                    + "clean-up (cleanup: true), by action and Partner Center's answer.</p>\n");
            countTable(h, "cleanup-writes", "write", "writes", report.writesByCount());
        }
        if (!report.cleanupLeft().isEmpty()) {
            h.append("<h2>What clean-ups left</h2>\n");
            countTable(h, "cleanup-left", "reason", "resources", report.leftByCount());
        }
        if (!report.deadLettersByCause().isEmpty()) {
            h.append("<h2>Requests that could not be processed</h2>\n<p class=\"note\">Dead letters keep the "
                    + "original request; an operator sends them back with <code>offboard replay</code> once the "
                    + "cause is fixed.</p>\n");
            countTable(h, "dead-letters", "cause", "requests", report.causesByCount());
        }
        h.append("<p class=\"note\">Removed: this service ended the relationship. Already gone: it had ended "
                + "before (by an earlier request, or nobody can tell who). By someone else: Partner Center's "
                + "activity log shows another user or tool ending it. Rejected: Partner Center refused the removal. "
                + "Assessed: previews, which change nothing.</p>\n");
        h.append("</body>\n</html>\n");
        return h.toString();
    }

    private static void tiles(StringBuilder h, Report report) {
        h.append("<div class=\"tiles\" id=\"totals\">\n");
        tile(h, "answered", "requests answered", report.answered());
        tile(h, "removed", "relationships removed by this service",
                report.total(OutcomeTally.Kind.REMOVED_BY_THIS_SERVICE));
        tile(h, "already-gone", "already gone or removed by someone else",
                report.total(OutcomeTally.Kind.ALREADY_GONE) + report.total(OutcomeTally.Kind.REMOVED_BY_SOMEONE_ELSE));
        tile(h, "blocked", "blocked", report.total(OutcomeTally.Kind.BLOCKED));
        tile(h, "rejected", "rejected by Partner Center", report.total(OutcomeTally.Kind.REJECTED));
        tile(h, "assessed", "previews assessed", report.total(OutcomeTally.Kind.ASSESSED));
        tile(h, "dead-lettered", "could not be processed", report.total(OutcomeTally.Kind.DEAD_LETTERED));
        h.append("</div>\n");
    }

    private static void tile(StringBuilder h, String id, String label, long value) {
        h.append("<div class=\"tile\" data-total=\"").append(id).append("\"><b>").append(value).append("</b><span>")
                .append(esc(label)).append("</span></div>\n");
    }

    /** One stacked bar per day, one segment per kind of answer. */
    private static void dayChart(StringBuilder h, Report report) {
        long max = 1;
        for (Map<OutcomeTally.Kind, Long> day : report.days().values()) {
            max = Math.max(max, day.values().stream().mapToLong(Long::longValue).sum());
        }
        int days = report.days().size();
        double slot = (CHART_WIDTH - AXIS) / (double) days;
        double barWidth = Math.max(4, Math.min(60, slot * 0.7));
        int plotHeight = CHART_HEIGHT - 30;
        h.append("<svg id=\"chart-days\" width=\"").append(CHART_WIDTH)
                .append("\" height=\"").append(CHART_HEIGHT).append("\" role=\"img\" aria-label=\"Outcomes per day\">\n");
        for (int tick = 0; tick <= 4; tick++) {
            long value = Math.round(max * tick / 4.0);
            double y = plotHeight - plotHeight * (value / (double) max) + 5;
            h.append("<line x1=\"").append(AXIS).append("\" x2=\"").append(CHART_WIDTH).append("\" y1=\"")
                    .append(num(y)).append("\" y2=\"").append(num(y)).append("\" stroke=\"#eeeeee\"/>")
                    .append("<text x=\"").append(AXIS - 6).append("\" y=\"").append(num(y + 4))
                    .append("\" font-size=\"11\" text-anchor=\"end\" fill=\"#757575\">").append(value)
                    .append("</text>\n");
        }
        int i = 0;
        for (Map.Entry<LocalDate, Map<OutcomeTally.Kind, Long>> day : report.days().entrySet()) {
            double x = AXIS + slot * i + (slot - barWidth) / 2;
            double bottom = plotHeight + 5;
            for (OutcomeTally.Kind kind : OutcomeTally.Kind.values()) {
                long count = Report.count(day.getValue(), kind);
                if (count == 0) {
                    continue;
                }
                double height = plotHeight * (count / (double) max);
                bottom -= height;
                h.append("<rect data-day=\"").append(day.getKey()).append("\" data-kind=\"")
                        .append(kind.name().toLowerCase(Locale.ROOT)).append("\" data-count=\"").append(count)
                        .append("\" x=\"").append(num(x)).append("\" y=\"").append(num(bottom)).append("\" width=\"")
                        .append(num(barWidth)).append("\" height=\"").append(num(height)).append("\" fill=\"")
                        .append(kind.colour).append("\"><title>").append(day.getKey()).append(": ").append(count)
                        .append(' ').append(esc(kind.label)).append("</title></rect>\n");
            }
            if (days <= 14 || i % Math.max(1, days / 10) == 0) {
                h.append("<text x=\"").append(num(x + barWidth / 2)).append("\" y=\"").append(CHART_HEIGHT - 8)
                        .append("\" font-size=\"11\" text-anchor=\"middle\" fill=\"#616161\">")
                        .append(day.getKey().toString().substring(5)).append("</text>\n");
            }
            i++;
        }
        h.append("</svg>\n");
    }

    private static void legend(StringBuilder h) {
        h.append("<div class=\"legend\">");
        for (OutcomeTally.Kind kind : OutcomeTally.Kind.values()) {
            h.append("<span><i style=\"background:").append(kind.colour).append("\"></i>").append(esc(kind.label))
                    .append("</span>");
        }
        h.append("</div>\n");
    }

    /** One horizontal bar per reason code: how many blocked answers name it. */
    private static void codeChart(StringBuilder h, Report report) {
        List<Map.Entry<String, Report.CodeCount>> codes = report.codesByOutcomes();
        long max = Math.max(1, codes.get(0).getValue().outcomes());
        int labelWidth = 290;
        int rowHeight = 24;
        int height = rowHeight * codes.size() + 10;
        h.append("<svg id=\"chart-codes\" width=\"").append(CHART_WIDTH)
                .append("\" height=\"").append(height).append("\" role=\"img\" aria-label=\"Blocked answers by "
                        + "reason\">\n");
        int i = 0;
        for (Map.Entry<String, Report.CodeCount> code : codes) {
            double y = 5 + rowHeight * i;
            double width = (CHART_WIDTH - labelWidth - 60) * (code.getValue().outcomes() / (double) max);
            h.append("<text x=\"").append(labelWidth - 8).append("\" y=\"").append(num(y + 15))
                    .append("\" font-size=\"12\" text-anchor=\"end\" fill=\"#424242\">").append(esc(code.getKey()))
                    .append("</text><rect data-code=\"").append(esc(code.getKey())).append("\" data-count=\"")
                    .append(code.getValue().outcomes()).append("\" x=\"").append(labelWidth).append("\" y=\"")
                    .append(num(y + 3)).append("\" width=\"").append(num(Math.max(2, width)))
                    .append("\" height=\"16\" fill=\"").append(OutcomeTally.Kind.BLOCKED.colour).append("\"><title>")
                    .append(esc(code.getKey())).append(": ").append(code.getValue().outcomes())
                    .append(" blocked answers</title></rect><text x=\"").append(num(labelWidth + Math.max(2, width) + 6))
                    .append("\" y=\"").append(num(y + 15)).append("\" font-size=\"12\" fill=\"#424242\">")
                    .append(code.getValue().outcomes()).append("</text>\n");
            i++;
        }
        h.append("</svg>\n");
    }

    private static void dayTable(StringBuilder h, Report report) {
        List<String[]> rows = ReportText.dayRows(report, true);
        h.append("<table id=\"per-day\">\n<tr>");
        for (String cell : rows.get(0)) {
            h.append("<th>").append(esc(cell)).append("</th>");
        }
        h.append("</tr>\n");
        for (String[] row : rows.subList(1, rows.size())) {
            h.append(row[0].equals("total") ? "<tr class=\"total\">" : "<tr>");
            for (String cell : row) {
                h.append("<td>").append(esc(cell)).append("</td>");
            }
            h.append("</tr>\n");
        }
        h.append("</table>\n");
    }

    private static void codeTable(StringBuilder h, Report report) {
        h.append("<table id=\"codes\">\n<tr><th>reason</th><th>blocked answers</th><th>blockers</th></tr>\n");
        report.codesByOutcomes().forEach(e -> h.append("<tr><td>").append(esc(e.getKey())).append("</td><td>")
                .append(e.getValue().outcomes()).append("</td><td>").append(e.getValue().blockers())
                .append("</td></tr>\n"));
        h.append("</table>\n");
    }

    private static void countTable(StringBuilder h, String id, String what, String unit,
            List<Map.Entry<String, Long>> entries) {
        h.append("<table id=\"").append(id).append("\">\n<tr><th>").append(what).append("</th><th>").append(unit)
                .append("</th></tr>\n");
        entries.forEach(e -> h.append("<tr><td>").append(esc(e.getKey())).append("</td><td>").append(e.getValue())
                .append("</td></tr>\n"));
        h.append("</table>\n");
    }

    private static String num(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    static String esc(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
