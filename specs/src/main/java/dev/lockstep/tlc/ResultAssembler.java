package dev.lockstep.tlc;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds a {@link TlcResult} from the messages of one run: counters, the violation and its
 * behaviour, or the error text. The outcome follows TLC's exit status (0 passed, 10..14 a
 * violation, anything else an error), refined by the messages. A simulation reports the same
 * violations and behaviours; its counters are the states generated (TLC's "Progress(-1)" and
 * simulation statistics messages) and the behaviours generated (from the fork's progress lines).
 */
final class ResultAssembler {

    private static final Pattern NAMED =
            Pattern.compile("^(?:Invariant|Action property|Property) (\\S+) is violated");
    private static final Pattern NUMBERS = Pattern.compile("(\\d[\\d,]*)");
    /** "Progress(6) at 2026-11-21 21:13:43: 40 states generated ..." (the time has colons too). */
    private static final Pattern PROGRESS =
            Pattern.compile("^Progress\\((\\d+)\\) at [^:]*:\\d+:\\d+: (.*)$", Pattern.DOTALL);
    /** Simulation: "Progress(-1) at 2026-12-07 05:13:41: 71 states generated, -1 distinct ...". */
    private static final Pattern PROGRESS_SIMU =
            Pattern.compile("^Progress\\(-?\\d+\\) at [^:]*:\\d+:\\d+: ([\\d,]+) states generated.*$",
                    Pattern.DOTALL);
    private static final Pattern BACK_TO =
            Pattern.compile("^(\\d+): Back to state: <?([A-Za-z_0-9!]+).*$", Pattern.DOTALL);

    private final CfgFile cfg;
    private final List<TlcMessage> messages = new ArrayList<>();
    private final List<TraceState> states = new ArrayList<>();
    private final List<String> errors = new ArrayList<>();
    private final List<String> plainOutput = new ArrayList<>();
    private Violation violation;
    private String loop;
    private TlcStats progress = TlcStats.NONE;
    private TlcStats finalStats;
    private long depth = -1;
    private long simulatedStates = -1;

    ResultAssembler(CfgFile cfg) {
        this.cfg = cfg;
    }

    /** The fork's latest counters (used when TLC prints no final statistics). */
    void progress(TlcStats stats) {
        progress = stats;
    }

    /** The latest running counters, from the fork's marker or TLC's own progress message. */
    TlcStats progress() {
        return progress;
    }

    void accept(TlcMessage m) {
        messages.add(m);
        if (m.isUntagged()) {
            keepPlainOutput(m.text());
            return;
        }
        switch (m.code()) {
            case TlcCodes.INVARIANT_VIOLATED_INITIAL, TlcCodes.PROPERTY_VIOLATED_INITIAL ->
                    initialViolation(m);
            case TlcCodes.INVARIANT_VIOLATED_BEHAVIOR -> named(Violation.Kind.INVARIANT, m);
            case TlcCodes.ACTION_PROPERTY_VIOLATED_BEHAVIOR -> named(Violation.Kind.ACTION_PROPERTY, m);
            case TlcCodes.DEADLOCK_REACHED -> set(Violation.Kind.DEADLOCK, null, m.text());
            case TlcCodes.TEMPORAL_PROPERTY_VIOLATED -> set(Violation.Kind.TEMPORAL_PROPERTY,
                    cfg.properties().size() == 1 ? cfg.properties().get(0) : null, m.text().strip());
            case TlcCodes.ASSERTION_FAILED -> set(Violation.Kind.ASSERTION, null, m.text());
            case TlcCodes.ASSUMPTION_FALSE -> set(Violation.Kind.ASSUMPTION, null, m.text());
            case TlcCodes.STATE_PRINT -> states.add(StateParser.parseNumbered(m.text()));
            case TlcCodes.STUTTER_STATE -> loop = "then stutters forever";
            case TlcCodes.BACK_TO_STATE -> loop = backTo(m.text());
            case TlcCodes.STATS -> finalStats = counters(m.text(), 0);
            case TlcCodes.PROGRESS_STATS -> progressMessage(m.text());
            case TlcCodes.SEARCH_DEPTH -> depth = firstNumber(m.text());
            case TlcCodes.PROGRESS_SIMU -> simulationProgress(m.text());
            case TlcCodes.STATS_SIMU -> simulatedStates = Math.max(simulatedStates, firstNumber(m.text()));
            case TlcCodes.BEHAVIOR_INTRO, TlcCodes.COUNTEREXAMPLE_INTRO, TlcCodes.MODE_SIMU -> { }
            default -> keepError(m);
        }
    }

    TlcResult finish(TlcJob job, int exitCode, boolean timedOut, Duration elapsed) {
        TlcStats stats = job.simulation().isPresent() ? simulationStats() : modelCheckingStats();
        Counterexample behavior = new Counterexample(states, loop);
        if (timedOut) {
            return result(job, TlcResult.Outcome.TIMEOUT, exitCode, stats, elapsed, null, behavior,
                    "TLC did not finish within " + Durations.format(job.timeout()) + " and was stopped");
        }
        if (exitCode == TlcCodes.EXIT_SUCCESS && violation == null) {
            return result(job, TlcResult.Outcome.PASSED, exitCode, stats, elapsed, null, behavior, null);
        }
        if (TlcCodes.isViolationExit(exitCode)) {
            Violation v = violation != null ? violation : fromExitCode(exitCode);
            return result(job, TlcResult.Outcome.VIOLATION, exitCode, stats, elapsed, v, behavior, null);
        }
        return result(job, TlcResult.Outcome.ERROR, exitCode, stats, elapsed, null, behavior,
                errorText(exitCode));
    }

    /** TLC's final statistics (or the last progress report) with the search depth. */
    private TlcStats modelCheckingStats() {
        TlcStats stats = finalStats == null ? progress : finalStats;
        return depth >= 0 ? stats.withDepth(depth) : stats;
    }

    /** The states generated as TLC last reported them, the behaviours as the fork counted them. */
    private TlcStats simulationStats() {
        return TlcStats.simulation(Math.max(progress.generated(), simulatedStates), progress.traces());
    }

    private TlcResult result(TlcJob job, TlcResult.Outcome outcome, int exitCode, TlcStats stats,
            Duration elapsed, Violation v, Counterexample behavior, String error) {
        return new TlcResult(job, outcome, exitCode, stats, elapsed, v, behavior, error, messages);
    }

    private void initialViolation(TlcMessage m) {
        String text = m.text();
        int newline = text.indexOf('\n');
        String headline = newline < 0 ? text : text.substring(0, newline);
        Violation.Kind kind = m.code() == TlcCodes.INVARIANT_VIOLATED_INITIAL
                ? Violation.Kind.INVARIANT : Violation.Kind.TEMPORAL_PROPERTY;
        set(kind, name(headline), headline);
        if (newline >= 0) {
            states.add(StateParser.parseInitial(text.substring(newline + 1)));
        }
    }

    private void named(Violation.Kind kind, TlcMessage m) {
        set(kind, name(m.text()), m.text());
    }

    private void set(Violation.Kind kind, String name, String description) {
        if (violation == null) {
            violation = new Violation(kind, name, description.strip());
        }
    }

    private static String name(String text) {
        Matcher m = NAMED.matcher(text);
        return m.find() ? m.group(1) : null;
    }

    private static String backTo(String text) {
        Matcher m = BACK_TO.matcher(text.strip());
        return m.matches() ? "then loops back to state " + m.group(1) + " via " + m.group(2)
                : text.strip();
    }

    private void progressMessage(String text) {
        Matcher p = PROGRESS.matcher(text.strip());
        if (p.matches()) {
            progress = counters(p.group(2), Long.parseLong(p.group(1)));
        }
    }

    private void simulationProgress(String text) {
        Matcher p = PROGRESS_SIMU.matcher(text.strip());
        if (p.matches()) {
            simulatedStates = Math.max(simulatedStates, Long.parseLong(p.group(1).replace(",", "")));
        }
    }

    /** "N states generated, M distinct states found, Q states left on queue." */
    private static TlcStats counters(String text, long depthSoFar) {
        String noRates = text.replaceAll("\\([^)]*\\)", "");
        List<Long> n = new ArrayList<>();
        Matcher m = NUMBERS.matcher(noRates);
        while (m.find()) {
            n.add(Long.parseLong(m.group(1).replace(",", "")));
        }
        return new TlcStats(n.size() > 0 ? n.get(0) : 0, n.size() > 1 ? n.get(1) : 0,
                n.size() > 2 ? n.get(2) : 0, depthSoFar);
    }

    private static long firstNumber(String text) {
        Matcher m = NUMBERS.matcher(text);
        return m.find() ? Long.parseLong(m.group(1).replace(",", "")) : -1;
    }

    private void keepError(TlcMessage m) {
        if (m.isError() && !m.text().isBlank()) {
            errors.add(m.text().strip());
        }
    }

    /** Keeps SANY's error report and stack traces; drops its progress chatter. */
    private void keepPlainOutput(String line) {
        if (!line.startsWith("Parsing file ") && !line.startsWith("Semantic processing of module ")) {
            plainOutput.add(line);
        }
    }

    private Violation fromExitCode(int exitCode) {
        Violation.Kind kind = switch (exitCode) {
            case TlcCodes.EXIT_VIOLATION_ASSUMPTION -> Violation.Kind.ASSUMPTION;
            case TlcCodes.EXIT_VIOLATION_DEADLOCK -> Violation.Kind.DEADLOCK;
            case TlcCodes.EXIT_VIOLATION_LIVENESS -> Violation.Kind.TEMPORAL_PROPERTY;
            case TlcCodes.EXIT_VIOLATION_ASSERT -> Violation.Kind.ASSERTION;
            default -> Violation.Kind.INVARIANT;
        };
        String text = errors.isEmpty() ? "TLC exit status " + exitCode : String.join("\n", errors);
        return new Violation(kind, null, text);
    }

    private String errorText(int exitCode) {
        StringBuilder sb = new StringBuilder("TLC ").append(TlcCodes.describeExit(exitCode));
        if (violation != null) {
            sb.append('\n').append(violation.description());
        }
        for (String e : errors) {
            sb.append('\n').append(e);
        }
        if (!plainOutput.isEmpty()) {
            sb.append('\n').append(String.join("\n", plainOutput));
        }
        return sb.toString();
    }
}
