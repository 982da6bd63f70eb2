package dev.lockstep.tlc;

import java.util.Arrays;
import tlc2.TLCGlobals;
import tlc2.tool.AbstractChecker;
import tlc2.tool.ModelChecker;

/**
 * Entry point of the forked JVM: runs {@code tlc2.TLC.main} and, on a daemon thread, writes the
 * checker's counters to stderr every interval as one line
 * {@code @!@!@LOCKSTEP-PROGRESS <generated> <distinct> <queue> <depth>}. TLC itself reports
 * progress only once a minute (a compile-time constant in this version), too rarely for a
 * progress line. Arguments: the interval in milliseconds, then TLC's arguments.
 */
public final class TlcProcessMain {

    static final String PROGRESS_MARKER = "@!@!@LOCKSTEP-PROGRESS";

    private TlcProcessMain() {}

    public static void main(String[] args) throws Exception {
        long intervalMillis = Long.parseLong(args[0]);
        Thread reporter = new Thread(() -> reportEvery(intervalMillis), "lockstep-progress");
        reporter.setDaemon(true);
        reporter.start();
        tlc2.TLC.main(Arrays.copyOfRange(args, 1, args.length));
    }

    private static void reportEvery(long intervalMillis) {
        try {
            while (true) {
                Thread.sleep(intervalMillis);
                report();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void report() {
        AbstractChecker checker = TLCGlobals.mainChecker;
        if (checker == null) {
            return;
        }
        try {
            long generated = checker instanceof ModelChecker mc ? mc.getStatesGenerated() : 0;
            System.err.println(PROGRESS_MARKER + " " + generated + " "
                    + checker.getDistinctStatesGenerated() + " " + checker.getStateQueueSize() + " "
                    + checker.getProgress());
        } catch (RuntimeException stillStarting) {
            // The checker's sets and queue are created after it is published; try next time.
        }
    }
}
