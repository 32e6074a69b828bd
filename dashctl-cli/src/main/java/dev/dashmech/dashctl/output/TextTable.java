package dev.dashmech.dashctl.output;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A plain-text table with aligned columns: headers, then rows; numbers right-aligned, words left-aligned.
 * (picocli's help table wraps text for usage messages; a data table needs only padding, so it is written here.)
 */
public final class TextTable {

    private final List<String> headers;
    private final List<List<String>> rows = new ArrayList<>();
    private final boolean[] numeric;

    private TextTable(List<String> headers) {
        this.headers = List.copyOf(headers);
        this.numeric = new boolean[headers.size()];
        java.util.Arrays.fill(numeric, true);
    }

    /** A table with these column headers. */
    public static TextTable of(String... headers) {
        return new TextTable(List.of(headers));
    }

    /** Adds a row; each cell is a number (formatted by {@link #number(double)}), a word, or null (blank). */
    public TextTable row(Object... cells) {
        if (cells.length != headers.size()) {
            throw new IllegalArgumentException("a row of this table has " + headers.size() + " cells, got "
                    + cells.length);
        }
        List<String> r = new ArrayList<>(cells.length);
        for (int c = 0; c < cells.length; c++) {
            Object v = cells[c];
            if (v instanceof Double || v instanceof Float) {
                r.add(number(((Number) v).doubleValue()));
            } else if (v instanceof Number n) {
                r.add(n.toString());
            } else {
                r.add(v == null ? "" : v.toString());
                numeric[c] &= v == null;
            }
        }
        rows.add(r);
        return this;
    }

    /** A number as the table shows it: 4 decimals, or scientific notation when very large or small. */
    public static String number(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return Double.toString(v);
        }
        double a = Math.abs(v);
        if (a != 0 && (a >= 1e9 || a < 1e-4)) {
            return String.format(Locale.ROOT, "%.4e", v);
        }
        return String.format(Locale.ROOT, "%.4f", v);
    }

    /** The table, one line per row after the header line, columns separated by two spaces. */
    public String render() {
        int[] width = new int[headers.size()];
        for (int c = 0; c < width.length; c++) {
            width[c] = headers.get(c).length();
            for (List<String> r : rows) {
                width[c] = Math.max(width[c], r.get(c).length());
            }
        }
        StringBuilder sb = new StringBuilder();
        line(sb, headers, width);
        for (List<String> r : rows) {
            line(sb, r, width);
        }
        return sb.toString();
    }

    private void line(StringBuilder sb, List<String> cells, int[] width) {
        StringBuilder l = new StringBuilder();
        for (int c = 0; c < cells.size(); c++) {
            if (c > 0) {
                l.append("  ");
            }
            String s = cells.get(c);
            String pad = " ".repeat(width[c] - s.length());
            l.append(numeric[c] ? pad + s : s + pad);
        }
        sb.append(l.toString().stripTrailing()).append('\n');
    }
}
