package dev.lockstep.server.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses redis-benchmark's {@code --csv} output: a header line naming the columns
 * ({@code "test","rps","avg_latency_ms","min_latency_ms","p50_latency_ms","p95_latency_ms",
 * "p99_latency_ms","max_latency_ms"} in 7.x) and one quoted line per test. Columns are found by
 * name; a missing latency column reads as {@code NaN}. Lines that are not CSV (warnings) are
 * skipped.
 */
public final class BenchmarkCsv {
    private BenchmarkCsv() {}

    /** @throws IllegalArgumentException if there is no header or no result line */
    public static List<Measurement> parse(String output) {
        Map<String, Integer> columns = null;
        List<Measurement> results = new ArrayList<>();
        for (String raw : output.split("\\R")) {
            String line = raw.strip();
            if (!line.startsWith("\"")) {
                continue;
            }
            List<String> cells = cells(line);
            if (columns == null) {
                columns = header(cells);
                continue;
            }
            results.add(measurement(cells, columns));
        }
        if (columns == null || results.isEmpty()) {
            throw new IllegalArgumentException("no redis-benchmark CSV results in: " + abbreviate(output));
        }
        return results;
    }

    private static Map<String, Integer> header(List<String> cells) {
        Map<String, Integer> columns = new HashMap<>();
        for (int i = 0; i < cells.size(); i++) {
            columns.put(cells.get(i), i);
        }
        if (!columns.containsKey("test") || !columns.containsKey("rps")) {
            throw new IllegalArgumentException("not a redis-benchmark CSV header: " + cells);
        }
        return columns;
    }

    private static Measurement measurement(List<String> cells, Map<String, Integer> columns) {
        return new Measurement(cells.get(columns.get("test")), number(cells, columns, "rps"),
                number(cells, columns, "avg_latency_ms"), number(cells, columns, "min_latency_ms"),
                number(cells, columns, "p50_latency_ms"), number(cells, columns, "p95_latency_ms"),
                number(cells, columns, "p99_latency_ms"), number(cells, columns, "max_latency_ms"));
    }

    private static double number(List<String> cells, Map<String, Integer> columns, String name) {
        Integer at = columns.get(name);
        if (at == null || at >= cells.size()) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(cells.get(at));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("column " + name + " is not a number: '" + cells.get(at) + "'", e);
        }
    }

    /** Splits one CSV line whose cells are quoted (a doubled quote is a quote). */
    static List<String> cells(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString());
        return cells;
    }

    private static String abbreviate(String s) {
        String one = s.strip().replaceAll("\\s+", " ");
        return one.length() <= 300 ? "'" + one + "'" : "'" + one.substring(0, 300) + "...'";
    }
}
