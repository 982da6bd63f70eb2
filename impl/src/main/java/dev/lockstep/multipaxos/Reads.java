package dev.lockstep.multipaxos;

import dev.lockstep.core.Event.ClientRequest;
import dev.lockstep.kv.Result;
import java.util.Optional;

/**
 * Reads go through the log: a read-only command (a GET, or a transaction of reads) is proposed
 * in a slot like any write and answered when that slot is applied.
 *
 * <p><b>Why this is linearizable.</b> The read takes effect at its slot, against the state of
 * exactly the slots before it, which are chosen and can never change. Its slot is proposed after
 * the client invoked it and lies above every slot that was applied, hence answered, before that:
 * the leader proposes at the end of its log, and a leader of any later ballot recovered every
 * chosen slot in phase 1 and also proposes above them. A leader of an older ballot cannot get a
 * read chosen in a slot that is already chosen, and a slot chosen later holds a value proposed
 * later. So the order of slots extends the real-time order of operations, and each read returns
 * the state that order gives. A read changes nothing, so it is applied without a client session:
 * a retry (same request id) that lands in another slot simply reads again there, which is inside
 * the operation's interval (first invocation to answer) like any of its attempts.
 *
 * <p><b>What it costs.</b> A read costs what a write costs: a slot in the log (and in every
 * replica's log, checkpoint and session table), one phase-2 round trip to a quorum, and a durable
 * write on the leader and on each acceptor before it answers, where Raft's ReadIndex reads need
 * one heartbeat round and no disk write, and leases none. (Kept out of the sessions, reads at
 * least do not grow the session table and every snapshot: with them in, a 50% read mix ran at
 * about 100k instead of 150k operations per CPU-second in MultiPaxosThroughputBench.) What it buys
 * is simplicity: one path, no clock assumptions, and a read is checked by the same spec actions
 * as a write.
 */
class Reads {
    protected final PaxosContext ctx;
    protected final PaxosState st;

    Reads(PaxosContext ctx) {
        this.ctx = ctx;
        this.st = ctx.state;
    }

    /** A read-only command from a client: the leader proposes it; any other replica refers it. */
    void submit(ClientRequest request) {
        if (st.isLeader()) {
            ctx.execution.propose(request);
        } else {
            submitToFollower(request);
        }
    }

    /** A replica that does not lead refuses reads (its state may be stale). */
    protected void submitToFollower(ClientRequest request) {
        ctx.out.reply(request.id(), new Result.Redirect(Optional.ofNullable(st.leaderHint)));
    }
}
