package dev.lockstep.trace;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;

/** A trace as editable JSON objects, for making broken variants of a good trace in tests. */
final class TraceEdits {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<ObjectNode> lines;

    private TraceEdits(List<ObjectNode> lines) {
        this.lines = lines;
    }

    static TraceEdits read(Path file) throws IOException {
        List<ObjectNode> lines = new ArrayList<>();
        for (String s : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (!s.isBlank()) {
                lines.add((ObjectNode) JSON.readTree(s));
            }
        }
        return new TraceEdits(lines);
    }

    int size() {
        return lines.size();
    }

    ObjectNode line(int number) {
        return lines.get(number - 1);
    }

    /** The number of the first line at or after {@code from} that satisfies {@code p}. */
    int find(int from, Predicate<ObjectNode> p) {
        for (int n = from; n <= lines.size(); n++) {
            if (p.test(line(n))) {
                return n;
            }
        }
        throw new AssertionError("no such line after " + from);
    }

    static Predicate<ObjectNode> action(String name) {
        return o -> o.path("action").asText().equals(name);
    }

    TraceEdits drop(int number) {
        lines.remove(number - 1);
        return this;
    }

    TraceEdits swap(int a, int b) {
        ObjectNode x = lines.get(a - 1);
        lines.set(a - 1, lines.get(b - 1));
        lines.set(b - 1, x);
        return this;
    }

    TraceEdits edit(int number, Consumer<ObjectNode> change) {
        change.accept(line(number));
        return this;
    }

    /** Writes the lines renumbered from 1, as the writer would have numbered them. */
    Path write(Path file) throws IOException {
        List<String> out = new ArrayList<>();
        for (int n = 1; n <= lines.size(); n++) {
            ObjectNode o = lines.get(n - 1).deepCopy();
            o.put("i", n);
            out.add(JSON.writeValueAsString(o));
        }
        Files.write(file, out, StandardCharsets.UTF_8);
        return file;
    }
}
