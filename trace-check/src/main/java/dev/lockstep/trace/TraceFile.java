package dev.lockstep.trace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lockstep.trace.tlc.JsonToTla;
import dev.lockstep.trace.tlc.TraceFormatException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A trace file read on the validator's side: the lines (for reports), the nodes it mentions (for
 * the generated config) and how often each action occurs (for coverage). Reading also checks
 * every line exactly as TLC's NDJSON reader will ({@link JsonToTla}), so a malformed trace is
 * reported before TLC starts.
 */
public final class TraceFile {

    /** Keys whose string values name a node: the acting node, message ends, a peer parameter. */
    static final Set<String> NODE_KEYS = Set.of("node", "from", "to", "peer");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path path;
    private final List<TraceLine> lines;

    private TraceFile(Path path, List<TraceLine> lines) {
        this.path = path;
        this.lines = List.copyOf(lines);
    }

    /**
     * Reads and checks {@code path}.
     *
     * @throws TraceFormatException when a line is not a JSON object TLC can represent, or lacks
     *     an {@code action}
     */
    public static TraceFile read(Path path) throws IOException {
        Path file = path.toAbsolutePath().normalize();
        List<String> text = Files.readAllLines(file, StandardCharsets.UTF_8);
        int end = text.size();
        while (end > 0 && text.get(end - 1).isBlank()) {
            end--;
        }
        List<TraceLine> lines = new ArrayList<>(end);
        for (int n = 1; n <= end; n++) {
            String raw = text.get(n - 1);
            JsonToTla.readLine(raw, n);
            JsonNode json = JSON.readTree(raw);
            if (!json.path("action").isTextual() || json.path("action").asText().isEmpty()) {
                throw new TraceFormatException(n, "action", "every trace line needs an action name");
            }
            lines.add(new TraceLine(n, raw, json));
        }
        return new TraceFile(file, lines);
    }

    public Path path() {
        return path;
    }

    public List<TraceLine> lines() {
        return lines;
    }

    public int size() {
        return lines.size();
    }

    /** Line {@code number} (1-based). */
    public TraceLine line(int number) {
        return lines.get(number - 1);
    }

    /** Every node id the trace mentions, sorted. */
    public Set<String> nodes() {
        Set<String> nodes = new TreeSet<>();
        for (TraceLine line : lines) {
            collectNodes(line.json(), nodes);
        }
        return nodes;
    }

    /** How often each action occurs in lines {@code 1..upTo}. */
    public Map<String, Integer> actionCounts(int upTo) {
        Map<String, Integer> counts = new TreeMap<>();
        for (int n = 1; n <= Math.min(upTo, lines.size()); n++) {
            counts.merge(line(n).action(), 1, Integer::sum);
        }
        return counts;
    }

    private static void collectNodes(JsonNode json, Set<String> nodes) {
        if (json.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = json.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                if (NODE_KEYS.contains(f.getKey()) && f.getValue().isTextual()) {
                    nodes.add(f.getValue().asText());
                } else {
                    collectNodes(f.getValue(), nodes);
                }
            }
        } else if (json.isArray()) {
            for (JsonNode element : json) {
                collectNodes(element, nodes);
            }
        }
    }
}
