package dev.lockstep.tlc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ConsoleReporterTest {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    private static TlcProgress at(long seconds, long distinct) {
        return new TlcProgress(new TlcStats(distinct * 2, distinct, 7, 3), Duration.ofSeconds(seconds));
    }

    private String text() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void terminalRewritesOneLineAndClearsItWhenDone() {
        ConsoleReporter r = new ConsoleReporter(out, true, "MCX.cfg");
        r.onProgress(at(1, 1000));
        r.onProgress(at(2, 2000));
        r.done();
        assertEquals("\r\033[K  MCX.cfg: 2,000 states generated, 1,000 distinct, 7 on queue, depth 3, 1.0s"
                + "\r\033[K  MCX.cfg: 4,000 states generated, 2,000 distinct, 7 on queue, depth 3, 2.0s"
                + "\r\033[K", text());
    }

    @Test
    void plainOutputPrintsAtMostEveryTenSeconds() {
        ConsoleReporter r = new ConsoleReporter(out, false, "MCX.cfg");
        for (long s = 1; s <= 21; s++) {
            r.onProgress(at(s, s));
        }
        r.done();
        assertEquals("  MCX.cfg: 20 states generated, 10 distinct, 7 on queue, depth 3, 10.0s\n"
                + "  MCX.cfg: 40 states generated, 20 distinct, 7 on queue, depth 3, 20.0s\n", text());
    }

    @Test
    void simulationShowsBehavioursAndStatesGenerated() {
        ConsoleReporter r = new ConsoleReporter(out, true, "MCX.cfg",
                java.util.Optional.of(new SimulationMode(20_000, 60, 1)));
        r.onProgress(new TlcProgress(TlcStats.simulation(31_415, 1_200), Duration.ofSeconds(12)));
        r.done();
        assertEquals("\r\033[K  MCX.cfg: simulation, 1,200 of 20,000 behaviours, 31,415 states generated, 12.0s"
                + "\r\033[K", text());
    }

    @Test
    void passesOnWhatTheSpecPrintsButNotSanysChatter() {
        ConsoleReporter r = new ConsoleReporter(out, false, "MCX.cfg");
        r.onMessage(TlcMessage.untagged("Parsing file /x/MCX.tla"));
        r.onMessage(new TlcMessage(TlcCodes.SANY_END, 0, "SANY finished."));
        r.onMessage(new TlcMessage(2190, 0, "Finished computing initial states"));
        r.onMessage(TlcMessage.untagged("<<\"hello\", 0>>"));
        assertEquals("  [tlc] <<\"hello\", 0>>\n", text());
    }
}
