package io.github.reselleroffboarding.producer;

import java.util.List;

/** Rows of cells as aligned text for a terminal. */
public final class TextTable {

    private TextTable() {
    }

    /** Figures: the first column left-aligned, the others right-aligned. */
    public static String figures(String indent, List<String[]> rows) {
        return render(indent, rows, true);
    }

    /** Words: every column left-aligned. */
    public static String words(String indent, List<String[]> rows) {
        return render(indent, rows, false);
    }

    /** @param rows the header first; every row as long as the header */
    private static String render(String indent, List<String[]> rows, boolean rightAlignAfterFirst) {
        int[] widths = new int[rows.get(0).length];
        rows.forEach(r -> {
            for (int i = 0; i < r.length; i++) {
                widths[i] = Math.max(widths[i], r[i].length());
            }
        });
        StringBuilder out = new StringBuilder();
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder(indent);
            for (int i = 0; i < r.length; i++) {
                String pad = " ".repeat(widths[i] - r[i].length());
                line.append(rightAlignAfterFirst && i > 0 ? pad + r[i] : r[i] + pad)
                        .append(i == r.length - 1 ? "" : "  ");
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }
}
