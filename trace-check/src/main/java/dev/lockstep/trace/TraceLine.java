package dev.lockstep.trace;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One line of a trace file: its 1-based number, its text as written, and the parsed object.
 * Fields follow docs/runtime-contract.md, "Trace lines".
 */
public record TraceLine(int number, String raw, JsonNode json) {

    public String action() {
        return json.path("action").asText("");
    }

    /** The acting node, or "" for network actions (which have none). */
    public String node() {
        return json.path("node").asText("");
    }

    public boolean has(String field) {
        return json.has(field);
    }
}
