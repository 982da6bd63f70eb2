package dev.lockstep.tlc;

import java.io.PrintStream;
import java.time.Duration;

/**
 * Shows a running check's progress: on a terminal one line rewritten in place, otherwise a plain
 * line at most every {@link #PLAIN_INTERVAL} (so CI logs stay short). Also passes on what the spec
 * prints while TLC runs.
 */
final class ConsoleReporter implements TlcListener {

    static final Duration PLAIN_INTERVAL = Duration.ofSeconds(10);

    private final PrintStream out;
    private final boolean tty;
    private final String name;
    private Duration lastPlain = Duration.ZERO;
    private boolean lineOpen;
    private boolean parsed;

    ConsoleReporter(PrintStream out, boolean tty, String name) {
        this.out = out;
        this.tty = tty;
        this.name = name;
    }

    @Override
    public void onProgress(TlcProgress p) {
        String line = line(name, p);
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
}
