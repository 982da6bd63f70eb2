package dev.lockstep.common;

import dev.lockstep.core.DurabilityPromise.DurableWrites;
import dev.lockstep.core.DurableRecord;
import dev.lockstep.kv.RequestId;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The durability checker's view of one disk for a protocol whose log only grows: never
 * truncated, and compacted only into a snapshot of everything logged before it (RepNothing,
 * SimplePush). Every client write that reached the disk in a record stays held, through
 * checkpoints, for the rest of the run.
 */
public final class LoggedWrites implements DurableWrites {
    private final Function<DurableRecord, List<RequestId>> writesIn;
    private final Set<RequestId> held = new HashSet<>();

    /** @param writesIn the client writes a record of the protocol holds */
    public LoggedWrites(Function<DurableRecord, List<RequestId>> writesIn) {
        this.writesIn = writesIn;
    }

    /** The view of a disk of {@link LogRecord}s: an {@code Append} holds its entry's write. */
    public static LoggedWrites ofLogRecords() {
        return new LoggedWrites(r -> r instanceof LogRecord.Append a ? List.of(a.entry().id()) : List.of());
    }

    @Override
    public void durable(DurableRecord record) {
        held.addAll(writesIn.apply(record));
    }

    @Override
    public boolean holds(RequestId id) {
        return held.contains(id);
    }
}
