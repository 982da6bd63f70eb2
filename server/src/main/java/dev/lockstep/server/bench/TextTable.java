package dev.lockstep.server.bench;

import java.util.List;
import java.util.Objects;

/**
 * Renders a table of cells as fixed-width text for a terminal or as a GitHub-flavoured Markdown
 * table: the first {@code left} columns (labels) aligned left, the others (numbers) right.
 */
final class TextTable {
    private TextTable() {}

    /** Columns padded to their widest cell, two spaces apart. */
    static String text(List<String> headers, List<String[]> rows, int left) {
        int[] width = new int[headers.size()];
        for (int c = 0; c < width.length; c++) {
            width[c] = headers.get(c).length();
            for (String[] row : rows) {
                width[c] = Math.max(width[c], cell(row, c).length());
            }
        }
        StringBuilder sb = new StringBuilder();
        appendLine(sb, headers.toArray(String[]::new), width, left);
        for (String[] row : rows) {
            appendLine(sb, row, width, left);
        }
        return sb.toString();
    }

    /** A header line, the alignment line and one line per row. */
    static String markdown(List<String> headers, List<String[]> rows, int left) {
        StringBuilder sb = new StringBuilder();
        sb.append("| ").append(String.join(" | ", headers)).append(" |\n|");
        for (int c = 0; c < headers.size(); c++) {
            sb.append(c < left ? "---|" : "---:|");
        }
        sb.append('\n');
        for (String[] row : rows) {
            sb.append("| ").append(String.join(" | ", row)).append(" |\n");
        }
        return sb.toString();
    }

    private static void appendLine(StringBuilder sb, String[] cells, int[] width, int left) {
        for (int c = 0; c < width.length; c++) {
            String cell = cell(cells, c);
            String pad = " ".repeat(width[c] - cell.length());
            sb.append(c < left ? cell + pad : pad + cell).append(c + 1 < width.length ? "  " : "\n");
        }
    }

    private static String cell(String[] row, int c) {
        return c < row.length ? Objects.requireNonNullElse(row[c], "") : "";
    }
}
