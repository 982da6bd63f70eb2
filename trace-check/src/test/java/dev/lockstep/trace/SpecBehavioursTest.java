package dev.lockstep.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpecBehavioursTest {

    @Test
    void readsTheStepsOfABehaviourFileWithoutTheInitialState(@TempDir Path dir) throws Exception {
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
        var steps = SpecBehaviours.steps(file);
        assertEquals(1, steps.size());
        assertEquals("Timeout", steps.get(0).get("act").asText());
        assertEquals("a \\ b", steps.get(0).get("note").asText());
    }

    @Test
    void unescapesTlcStrings() {
        assertEquals("{\"a\":\"x\\\"y\"}", SpecBehaviours.unescape("{\\\"a\\\":\\\"x\\\\\\\"y\\\"}"));
        assertEquals(List.of("line\nnext"), List.of(SpecBehaviours.unescape("line\\nnext")));
    }
}
