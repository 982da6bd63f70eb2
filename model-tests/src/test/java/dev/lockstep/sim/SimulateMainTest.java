package dev.lockstep.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code simulate} command: summaries, exit codes, replay lines and trace files. */
class SimulateMainTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void registerToy() {
        System.setProperty(ProtocolLookup.EXTRA, "dev.lockstep.sim.toy.ToyProtocol#all");
    }

    @AfterEach
    void unregisterToy() {
        System.clearProperty(ProtocolLookup.EXTRA);
    }

    private int run(String... args) {
        int code = SimulateMain.run(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), args);
        System.out.print(out.toString(StandardCharsets.UTF_8));
        System.out.print(err.toString(StandardCharsets.UTF_8));
        return code;
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void passingRunsExitZeroWithOneSummaryPerRun() {
        assertEquals(0, run("--protocol", "toy", "--seed", "9", "--runs", "3", "--ops", "20"));
        assertEquals(3, stdout().lines().filter(l -> l.startsWith("seed=")).count());
        assertTrue(stdout().contains("seed=9 "), "run 0 uses the base seed");
        assertTrue(stdout().contains("3 runs, 3 passed, 0 failed"));
    }

    @Test
    void failingRunExitsOneAndPrintsTheReplayCommand() {
        assertEquals(1, run("--protocol", "toy-lying_trace", "--seed", "4", "--ops", "20", "--trace-out", "/dev/null"));
        assertTrue(stdout().contains("TRACE failure (seed 4"), stdout());
        assertTrue(stdout().contains("replay: ./lockstep simulate --protocol toy-lying_trace --seed 4 --ops 20"));
        assertTrue(stdout().contains("1 runs, 0 passed, 1 failed"));
    }

    @Test
    void usageErrorsExitTwo() {
        assertEquals(2, run("--seed", "1"));
        assertEquals(2, run("--protocol", "no-such-protocol", "--seed", "1"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("unknown protocol 'no-such-protocol'"));
        assertEquals(2, run("--protocol", "toy", "--faults", "meteor"));
        assertEquals(2, run("--protocol", "toy", "--schedule", "crash@1+1:n9"));
        assertEquals(2, run("--protocol", "toy", "--runs", "0"));
    }

    @Test
    void traceFileIsNumberedNdjsonInExecutedOrder(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("toy.ndjson");
        assertEquals(0, run("--protocol", "toy", "--seed", "21", "--ops", "30", "--faults", "loss,dup,crash",
                "--trace-out", file.toString()));
        List<String> lines = Files.readAllLines(file);
        assertTrue(lines.size() > 30, "a trace with the workload's lines");
        ObjectMapper json = new ObjectMapper();
        boolean network = false;
        for (int i = 0; i < lines.size(); i++) {
            JsonNode line = json.readTree(lines.get(i));
            assertEquals(i + 1, line.get("i").asInt());
            List<String> names = new java.util.ArrayList<>();
            line.fieldNames().forEachRemaining(names::add);
            assertEquals(List.of("i", "action"), names.subList(0, 2), "i and action come first");
            String action = line.get("action").asText();
            if (action.equals("DropMessage") || action.equals("DuplicateMessage")) {
                network = true;
                assertTrue(line.get("msg").has("to") && !line.has("node"), lines.get(i));
            }
        }
        assertTrue(network, "a lossy, duplicating network writes its own lines");
        assertTrue(stdout().contains("trace: " + lines.size() + " lines -> " + file));
    }
}
