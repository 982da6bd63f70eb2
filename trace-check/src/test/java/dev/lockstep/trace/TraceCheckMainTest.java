package dev.lockstep.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TraceCheckMainTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        int status = TraceCheckMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        System.out.print(out.toString(StandardCharsets.UTF_8));
        System.out.print(err.toString(StandardCharsets.UTF_8));
        return status;
    }

    private String specsRoot() {
        return TestSpecs.specsRoot().toString();
    }

    @Test
    void usageErrorsExitWith2() {
        assertEquals(2, run("--protocol", "raft"));
        assertEquals(2, run("--protocol", "paxos-does-not-exist", "t.ndjson"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("unknown protocol 'paxos-does-not-exist'"));
        assertEquals(2, run("--protocol", "raft", "--specs-root", specsRoot(), dir.resolve("missing.ndjson").toString()));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("ERROR"));
    }

    @Test
    void acceptedTracesExit0AndPrintCoverage_rejectedOnesExit1() throws IOException {
        ScriptedRaft c = new ScriptedRaft(3);
        c.tickUntil(1, "Timeout").deliverAll();
        Path good = c.write(dir.resolve("good.ndjson"));
        Path bad = TraceEdits.read(good).drop(2).write(dir.resolve("bad.ndjson"));
        assertEquals(0, run("--protocol", "raft", "--specs-root", specsRoot(), good.toString()));
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("ACCEPTED"), text);
        assertTrue(text.contains("Action coverage over 1 accepted trace"), text);
        out.reset();
        assertEquals(1, run("--protocol", "raft", "--specs-root", specsRoot(), "--no-diagnose", "--jobs", "2",
                good.toString(), bad.toString()));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("REJECTED " + bad), out.toString(StandardCharsets.UTF_8));
    }
}
