package dev.lockstep.repnothing;

import dev.lockstep.common.ClientEntry;
import dev.lockstep.common.DurablePrefix;
import dev.lockstep.common.LogRecord;
import dev.lockstep.core.DurableRecord;
import java.util.List;

/**
 * The durable side of the replica: every log entry becomes an {@code Append} record of the
 * step's Persist (spec {@code ClientRequest}; the step's {@code Sync} line follows it, released
 * with it once it is durable), a snapshot a {@code Checkpoint}; {@code Persisted} tells which
 * prefix is durable (the status reports it); {@code Recover} rebuilds the log and the state
 * machine from the records (spec {@code Restart}).
 */
class Durability {
    protected final RepNothingContext ctx;
    protected final RepNothingState st;
    private final DurablePrefix durablePrefix = new DurablePrefix();

    Durability(RepNothingContext ctx) {
        this.ctx = ctx;
        this.st = ctx.state;
    }

    /** Appends {@code entry} at the end of the log (spec {@code ClientRequest}); returns its position. */
    long append(ClientEntry entry) {
        long position = st.log.append();
        ctx.out.persist(new LogRecord.Append(position, entry, ctx.self));
        return position;
    }

    /** Spec {@code Sync}: what this step appended is on disk once its Persist is, with this line. */
    void sync() {
        int mark = ctx.out.mark();
        st.synced = st.log.length();
        ctx.tracer.local("Sync", mark);
    }

    /** Persists the snapshot just taken: every earlier record may go. */
    void checkpoint() {
        ctx.out.persist(st.log.checkpoint());
    }

    /** The log is durable up to here (as far as the runtime has said). */
    long durable() {
        return durablePrefix.durable();
    }

    /** Called when the step's Persist is emitted: its sequence number. */
    long issuePersist() {
        return durablePrefix.issue(st.log.length());
    }

    void onPersisted(long upTo) {
        durablePrefix.persisted(upTo);
    }

    /**
     * Spec {@code Restart(i)}: the state machine is the last checkpoint's snapshot with every
     * later entry executed again (without answers: no client waits for them); everything logged
     * is durable and executed.
     *
     * @throws IllegalStateException when the records are not a log (a gap, or a snapshot that
     *     does not cover its position): the replica must not run on a corrupt log
     */
    void recover(List<DurableRecord> records) {
        st.log.recover(records);
        st.synced = st.log.length();
        durablePrefix.recovered(st.log.length());
        ctx.tracer.local("Restart", ctx.out.mark());
    }
}
