package dev.lockstep.tlc;

import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.concurrent.atomic.LongAdder;
import tlc2.TLCGlobals;
import tlc2.tool.AbstractChecker;
import tlc2.tool.ModelChecker;
import tlc2.tool.Simulator;

/**
 * Entry point of the forked JVM: runs {@code tlc2.TLC.main} and, on a daemon thread, writes the
 * checker's counters to stderr every interval as one line
 * {@code @!@!@LOCKSTEP-PROGRESS <generated> <distinct> <queue> <depth> <traces>}. TLC itself
 * reports progress only once a minute (a compile-time constant in this version), too rarely for a
 * progress line. In simulation mode the line carries the states and behaviours generated (TLC
 * prints no count of behaviours at all; it keeps one in a private field of its simulator), and
 * is written once more when the JVM exits, so the last line has the final counts. Arguments: the
 * interval in milliseconds, then TLC's arguments.
 */
public final class TlcProcessMain {

    static final String PROGRESS_MARKER = "@!@!@LOCKSTEP-PROGRESS";

    private TlcProcessMain() {}

    public static void main(String[] args) throws Exception {
        long intervalMillis = Long.parseLong(args[0]);
        Thread reporter = new Thread(() -> reportEvery(intervalMillis), "lockstep-progress");
        reporter.setDaemon(true);
        reporter.start();
        Runtime.getRuntime().addShutdownHook(
                new Thread(TlcProcessMain::reportSimulation, "lockstep-final-progress"));
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
        if (TLCGlobals.simulator != null) {
            reportSimulation();
            return;
        }
        AbstractChecker checker = TLCGlobals.mainChecker;
        if (checker == null) {
            return;
        }
        try {
            long generated = checker instanceof ModelChecker mc ? mc.getStatesGenerated() : 0;
            print(generated, checker.getDistinctStatesGenerated(), checker.getStateQueueSize(),
                    checker.getProgress(), 0);
        } catch (RuntimeException stillStarting) {
            // The checker's sets and queue are created after it is published; try next time.
        }
    }

    private static synchronized void reportSimulation() {
        Simulator simulator = TLCGlobals.simulator;
        if (simulator == null) {
            return;
        }
        long states = SimulatorCounter.STATES.read(simulator);
        if (states >= 0) {
            print(states, 0, 0, 0, Math.max(0, SimulatorCounter.TRACES.read(simulator)));
        }
    }

    private static void print(long generated, long distinct, long queue, long depth, long traces) {
        System.err.println(PROGRESS_MARKER + " " + generated + " " + distinct + " " + queue + " "
                + depth + " " + traces);
    }

    /** A private {@code LongAdder} counter of TLC's {@link Simulator}, read by reflection. */
    private enum SimulatorCounter {
        STATES("numOfGenStates"),
        TRACES("numOfGenTraces");

        private final Field field;

        SimulatorCounter(String name) {
            Field f;
            try {
                f = Simulator.class.getDeclaredField(name);
                f.setAccessible(true);
            } catch (ReflectiveOperationException | RuntimeException otherTlcVersion) {
                f = null;
            }
            field = f;
        }

        /** The counter's value, or -1 if this TLC has no such field. */
        long read(Simulator simulator) {
            try {
                return field != null && field.get(simulator) instanceof LongAdder a ? a.longValue() : -1;
            } catch (IllegalAccessException e) {
                return -1;
            }
        }
    }
}
