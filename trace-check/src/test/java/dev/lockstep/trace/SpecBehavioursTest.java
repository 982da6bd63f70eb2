package dev.lockstep.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpecBehavioursTest {

    @Test
    void readsTheLoggedJsonOfEveryStateOfABehaviourFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("b_0_0");
        Files.writeString(file, String.join("\n",
                "---- MODULE b_0_0 ----",
                "STATE_1 ==",
                "/\\ x = 0",
                "/\\ sdStep = \"{\\\"act\\\":\\\"Init\\\"}\"",
                "STATE_2 ==",
                "/\\ x = 1",
                "/\\ sdStep = \"{\\\"act\\\":\\\"Timeout\\\",\\\"node\\\":\\\"n1\\\",\\\"note\\\":\\\"a \\\\\\\\ b\\\"}\"",
                "===="));
        var states = SpecBehaviours.states(file);
        assertEquals(2, states.size());
        assertEquals("Init", states.get(0).get("act").asText());
        assertEquals("Timeout", states.get(1).get("act").asText());
        assertEquals("a \\ b", states.get(1).get("note").asText());
    }

    @Test
    void unescapesTlcStrings() {
        assertEquals("{\"a\":\"x\\\"y\"}", SpecBehaviours.unescape("{\\\"a\\\":\\\"x\\\\\\\"y\\\"}"));
        assertEquals(List.of("line\nnext"), List.of(SpecBehaviours.unescape("line\\nnext")));
    }
}
