package dev.lockstep.trace.tlc;

import tlc2.overrides.TLAPlusOperator;
import tlc2.value.impl.BoolValue;
import tlc2.value.impl.IntValue;
import tlc2.value.impl.RecordValue;
import tlc2.value.impl.Value;

/**
 * The Java body of {@code TraceProgress(line, view)} in module {@code TraceProgress}, called from
 * the trace spec's state constraint for every state TLC explores: {@code line} is the state's line
 * cursor (the next trace line to match) and {@code view} a record of values to report (empty when
 * there is nothing to report).
 * Always TRUE; it only feeds {@link ProgressRecorder}.
 */
public final class ProgressOverride {

    private ProgressOverride() {}

    @TLAPlusOperator(identifier = "TraceProgress", module = "TraceProgress", warn = false)
    public static Value progress(Value line, Value view) {
        if (!(line instanceof IntValue n)) {
            throw new IllegalArgumentException("TraceProgress expects a line number first, got " + line);
        }
        ProgressRecorder.instance().record(n.val, asRecord(view));
        return BoolValue.ValTrue;
    }

    /** The view as a record: a function on strings (possibly empty) counts as one. */
    private static RecordValue asRecord(Value view) {
        Value r = view instanceof RecordValue ? view : view.toRcd();
        if (r instanceof RecordValue rcd) {
            return rcd;
        }
        if (view.size() == 0) {
            return RecordValue.EmptyRcd;
        }
        throw new IllegalArgumentException("TraceProgress expects a record of values to report, got " + view);
    }
}
