package dev.lockstep.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The NDJSON trace format of docs/runtime-contract.md, "Trace lines". */
class TraceWriterTest {

    @Test
    void writesNumberedObjectsOnePerLineKeepingFieldOrder() throws Exception {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("node", "n2");
        fields.put("sent", List.of(Map.of("type", "HeartbeatResponse")));
        fields.put("state", Map.of("currentTerm", 2L));
        StringWriter text = new StringWriter();
        try (TraceWriter w = new TraceWriter(text)) {
            w.write(new TraceWriter.Line("Heartbeat", fields));
            w.write(new TraceWriter.Line("DropMessage", Map.of("msg", Map.of("term", 1))));
            assertEquals(2, w.linesWritten());
        }
        assertEquals("""
                {"i":1,"action":"Heartbeat","node":"n2","sent":[{"type":"HeartbeatResponse"}],"state":{"currentTerm":2}}
                {"i":2,"action":"DropMessage","msg":{"term":1}}
                """, text.toString());
    }

    @Test
    void lineNumberAndActionAreNotFields() {
        assertThrows(IllegalArgumentException.class, () -> new TraceWriter.Line("X", Map.of("i", 3)));
        assertThrows(IllegalArgumentException.class, () -> new TraceWriter.Line("X", Map.of("action", "Y")));
        assertThrows(IllegalArgumentException.class, () -> new TraceWriter.Line("", Map.of()));
    }
}
