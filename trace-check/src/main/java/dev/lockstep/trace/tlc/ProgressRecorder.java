package dev.lockstep.trace.tlc;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tlc2.value.impl.RecordValue;

/**
 * Remembers, over every state TLC explores in one run, the furthest line cursor reached and a few
 * of the (distinct) views reported at that line, plus the views at some chosen "watched" lines.
 * When the JVM exits it writes them as JSON to the file named by the system property
 * {@value #OUTPUT_PROPERTY}:
 *
 * <pre>{"furthest": 17, "states": [{"currentTerm": "[n1 |-> 1, ...]", ...}],
 *  "watched": [{"line": 12, "states": [...]}], "calls": 40}</pre>
 *
 * Values are in TLC's printed syntax. The watched lines are the comma-separated list in
 * {@value #WATCH_PROPERTY}. Only one TLC run lives in a JVM (the validator forks one per run), so
 * one instance per JVM is right.
 */
public final class ProgressRecorder {

    public static final String OUTPUT_PROPERTY = "lockstep.trace.progress";
    public static final String WATCH_PROPERTY = "lockstep.trace.watch";
    /** How many distinct views of one line are kept for the report. */
    static final int KEEP = 3;

    private static final ProgressRecorder INSTANCE = create();

    private int furthest = Integer.MIN_VALUE;
    private final List<RecordValue> states = new ArrayList<>();
    private final Map<Integer, List<RecordValue>> watched = new TreeMap<>();
    private long calls;

    ProgressRecorder(List<Integer> watchLines) {
        for (int line : watchLines) {
            watched.put(line, new ArrayList<>());
        }
    }

    private static ProgressRecorder create() {
        ProgressRecorder r = new ProgressRecorder(parseLines(System.getProperty(WATCH_PROPERTY, "")));
        String out = System.getProperty(OUTPUT_PROPERTY);
        if (out != null && !out.isBlank()) {
            Path file = Path.of(out);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> r.writeQuietly(file), "lockstep-trace-progress"));
        }
        return r;
    }

    static List<Integer> parseLines(String text) {
        List<Integer> lines = new ArrayList<>();
        for (String part : text.split(",")) {
            if (!part.isBlank()) {
                lines.add(Integer.parseInt(part.strip()));
            }
        }
        return lines;
    }

    public static ProgressRecorder instance() {
        return INSTANCE;
    }

    synchronized void record(int line, RecordValue view) {
        calls++;
        if (line > furthest) {
            furthest = line;
            states.clear();
        }
        if (line == furthest) {
            keep(states, view);
        }
        List<RecordValue> atLine = watched.get(line);
        if (atLine != null) {
            keep(atLine, view);
        }
    }

    private static void keep(List<RecordValue> kept, RecordValue view) {
        if (kept.size() < KEEP && !kept.contains(view)) {
            kept.add(view);
        }
    }

    public synchronized int furthest() {
        return furthest;
    }

    private void writeQuietly(Path file) {
        try {
            write(file);
        } catch (IOException | UncheckedIOException e) {
            System.err.println("lockstep: could not write the trace progress file " + file + ": " + e);
        }
    }

    synchronized void write(Path file) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8);
                JsonGenerator g = new JsonFactory().createGenerator(w)) {
            g.writeStartObject();
            g.writeNumberField("furthest", furthest == Integer.MIN_VALUE ? 0 : furthest);
            writeStates(g, "states", states);
            g.writeArrayFieldStart("watched");
            for (Map.Entry<Integer, List<RecordValue>> e : watched.entrySet()) {
                g.writeStartObject();
                g.writeNumberField("line", e.getKey());
                writeStates(g, "states", e.getValue());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeNumberField("calls", calls);
            g.writeEndObject();
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void writeStates(JsonGenerator g, String name, List<RecordValue> list) throws IOException {
        g.writeArrayFieldStart(name);
        for (RecordValue view : list) {
            g.writeStartObject();
            for (int k = 0; k < view.names.length; k++) {
                g.writeStringField(view.names[k].toString(), view.values[k].toString());
            }
            g.writeEndObject();
        }
        g.writeEndArray();
    }
}
