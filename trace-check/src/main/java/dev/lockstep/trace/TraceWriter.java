package dev.lockstep.trace;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes a trace as NDJSON: one JSON object per line, in the order given, each starting with
 * {@code "i"} (the 1-based line number) and {@code "action"}, followed by the line's fields in
 * their own order (docs/runtime-contract.md, "Trace lines"). Field values are JSON-shaped:
 * String, Integer/Long, Boolean, List, Map.
 */
public final class TraceWriter implements Closeable {

    /** One trace line: a spec action and its fields ({@code node}, {@code msg}, {@code state}, ...). */
    public record Line(String action, Map<String, Object> fields) {
        public Line {
            if (action == null || action.isEmpty()) {
                throw new IllegalArgumentException("a trace line needs an action");
            }
            if (fields.containsKey("i") || fields.containsKey("action")) {
                throw new IllegalArgumentException("'i' and 'action' are written by the writer, not given as fields");
            }
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Writer out;
    private int written;

    public TraceWriter(Writer out) {
        this.out = out;
    }

    /** Opens (creating or truncating) {@code file} as UTF-8. */
    public static TraceWriter open(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        return new TraceWriter(new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8)));
    }

    /** Writes every line to {@code file}, numbering them from 1. Returns the number written. */
    public static int writeAll(Path file, Iterable<Line> lines) throws IOException {
        try (TraceWriter writer = open(file)) {
            for (Line line : lines) {
                writer.write(line);
            }
            return writer.linesWritten();
        }
    }

    public void write(Line line) throws IOException {
        out.write(toJson(written + 1, line));
        out.write('\n');
        written++;
    }

    /** The JSON text of {@code line} numbered {@code i}, without the newline. */
    public static String toJson(int i, Line line) {
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("i", i);
        object.put("action", line.action());
        object.putAll(line.fields());
        try {
            return JSON.writeValueAsString(object);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("trace line " + i + " (" + line.action() + ") is not JSON-shaped", e);
        }
    }

    public int linesWritten() {
        return written;
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
