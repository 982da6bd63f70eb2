package dev.lockstep.simplepush;

import dev.lockstep.base.NodeId;
import dev.lockstep.common.ClientEntry;
import dev.lockstep.common.DurablePrefix;
import dev.lockstep.common.LogRecord;
import dev.lockstep.core.DurableRecord;
import java.util.List;

/**
 * The durable side of a replica: every entry it logs (a client's write, spec
 * {@code ClientRequest}, or a peer's push, spec {@code HandlePush}) becomes an {@code Append}
 * record of the step's Persist, before any message of the step leaves (so a {@code PushAck}
 * means the entry is on disk); a snapshot becomes a {@code Checkpoint}; {@code Recover} rebuilds
 * the log and state machine (spec {@code Restart}).
 */
class Durability {
    protected final SimplePushContext ctx;
    protected final SimplePushState st;
    private final DurablePrefix durablePrefix = new DurablePrefix();

    Durability(SimplePushContext ctx) {
        this.ctx = ctx;
        this.st = ctx.state;
    }

    /** Logs {@code entry}, come from {@code origin}, at the end of the log; returns its position. */
    long append(ClientEntry entry, NodeId origin) {
        long position = st.log.append();
        ctx.out.persist(new LogRecord.Append(position, entry, origin));
        return position;
    }

    void checkpoint() {
        ctx.out.persist(st.log.checkpoint());
    }

    long durable() {
        return durablePrefix.durable();
    }

    long issuePersist() {
        return durablePrefix.issue(st.log.length());
    }

    void onPersisted(long upTo) {
        durablePrefix.persisted(upTo);
    }

    /**
     * Spec {@code Restart(i)}: the log and state machine from the last checkpoint and the entries
     * after it; nothing is pending (clients of lost writes retry).
     *
     * @throws IllegalStateException when the records are not a log
     */
    void recover(List<DurableRecord> records) {
        st.log.recover(records);
        durablePrefix.recovered(st.log.length());
        ctx.replication.clear();
        ctx.tracer.local("Restart", ctx.out.mark());
    }
}
