package dev.lockstep.tlc;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Optional;

/**
 * Shows a running check's progress: on a terminal one line rewritten in place, otherwise a plain
 * line at most every {@link #PLAIN_INTERVAL} (so CI logs stay short). A simulation shows the
 * behaviours and states generated instead of the distinct states and queue. Also passes on what
 * the spec prints while TLC runs.
 */
final class ConsoleReporter implements TlcListener {

    static final Duration PLAIN_INTERVAL = Duration.ofSeconds(10);

    private final PrintStream out;
    private final boolean tty;
    private final String name;
    private final Optional<SimulationMode> simulation;
    private Duration lastPlain = Duration.ZERO;
    private boolean lineOpen;
    private boolean parsed;

    ConsoleReporter(PrintStream out, boolean tty, String name) {
        this(out, tty, name, Optional.empty());
    }

    ConsoleReporter(PrintStream out, boolean tty, String name, Optional<SimulationMode> simulation) {
        this.out = out;
        this.tty = tty;
        this.name = name;
        this.simulation = simulation;
    }

    @Override
    public void onProgress(TlcProgress p) {
        String line = simulation.map(s -> line(name, s, p)).orElseGet(() -> line(name, p));
        if (tty) {
            out.print("\r\033[K" + line);
            out.flush();
            lineOpen = true;
        } else if (p.elapsed().minus(lastPlain).compareTo(PLAIN_INTERVAL) >= 0) {
            out.println(line);
            lastPlain = p.elapsed();
        }
    }

    /**
     * Shows what the spec prints ({@code Print}/{@code PrintT}) and anything else TLC writes
     * outside its tagged messages once parsing is over (SANY's chatter before is skipped).
     */
    @Override
    public void onMessage(TlcMessage m) {
        if (m.code() == TlcCodes.SANY_END) {
            parsed = true;
        } else if (parsed && m.isUntagged()) {
            done();
            out.println("  [tlc] " + m.text());
        }
    }

    /** Clears the rewritten line before the summary is printed. */
    void done() {
        if (lineOpen) {
            out.print("\r\033[K");
            out.flush();
            lineOpen = false;
        }
    }

    static String line(String name, TlcProgress p) {
        TlcStats s = p.stats();
        return String.format("  %s: %,d states generated, %,d distinct, %,d on queue, depth %d, %s",
                name, s.generated(), s.distinct(), s.queue(), s.depth(), Durations.format(p.elapsed()));
    }

    /** "  MCX.cfg: simulation, 1,200 of 20,000 behaviours, 31,415 states generated, 12.0s". */
    static String line(String name, SimulationMode mode, TlcProgress p) {
        return String.format("  %s: simulation, %,d of %,d behaviours, %,d states generated, %s",
                name, p.stats().traces(), mode.num(), p.stats().generated(), Durations.format(p.elapsed()));
    }
}
