package dev.lockstep.trace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lockstep.tlc.TlaValue;
import dev.lockstep.tlc.TlaValueParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the TLC fork's {@code TraceProgress} override reported (see
 * {@link dev.lockstep.trace.tlc.ProgressRecorder}): the furthest line cursor over all explored
 * states, a few views at that cursor, and the views at the watched lines. A view maps names to
 * values parsed from TLC's printed syntax.
 *
 * @param furthest the largest cursor reached: {@code Len(Trace) + 1} iff every line was matched,
 *     otherwise the first line that no explored behaviour could match
 */
public record Progress(int furthest, List<Map<String, TlaValue>> states,
        Map<Integer, List<Map<String, TlaValue>>> watched) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public Progress {
        states = List.copyOf(states);
        watched = Map.copyOf(watched);
    }

    /** Reads the side file; empty if the fork wrote none (it died before exiting normally). */
    public static Optional<Progress> read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        JsonNode root = JSON.readTree(file.toFile());
        Map<Integer, List<Map<String, TlaValue>>> watched = new TreeMap<>();
        for (JsonNode w : root.path("watched")) {
            watched.put(w.path("line").asInt(), views(w.path("states")));
        }
        return Optional.of(new Progress(root.path("furthest").asInt(), views(root.path("states")), watched));
    }

    /** The views at {@code line} if it was watched, else none. */
    public List<Map<String, TlaValue>> at(int line) {
        return watched.getOrDefault(line, List.of());
    }

    private static List<Map<String, TlaValue>> views(JsonNode array) {
        List<Map<String, TlaValue>> views = new ArrayList<>();
        for (JsonNode view : array) {
            Map<String, TlaValue> values = new LinkedHashMap<>();
            Iterator<Map.Entry<String, JsonNode>> fields = view.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                values.put(f.getKey(), TlaValueParser.parse(f.getValue().asText()));
            }
            views.add(values);
        }
        return views;
    }
}
