package dev.lockstep.epaxos;

/**
 * Forgetting instances (docs/protocols/epaxos.md, "Forgetting instances"; not in the papers:
 * without it a replica's memory grows with every instance). Every {@code forgetTicks} a replica
 * tells the others its executed floor ({@link ExecutedFloor}: per row, the prefix it executed);
 * the pointwise minimum of the latest reports and its own floor is a prefix every replica
 * executed, so committed durably, so no replica will ever ask for it. Of that prefix a replica
 * drops the longest one that also holds every dependency of what it drops ({@code deps <= G}):
 * then every instance held (above {@code G}) is unknown to every forgotten one, which is what
 * lets {@link ForgottenSummary} answer a validation as the held instances would. Instances a
 * recovery here waits on are kept until it ends. What still arrives about a forgotten instance
 * is ignored (spec {@code IgnoreMessage}: every replica committed it). A replica that a peer's
 * previous report already showed behind asks for the commits it still lacks (spec
 * {@code RequestCommit} of an instance another replica committed): one that was down, or lost
 * every message of an instance, would otherwise hear of it only when a later command depends on
 * it, and keep everyone from forgetting. (The previous report, not the latest: what the latest
 * adds is mostly still on its way here.)
 */
class Forgetting {
    /** At most this many commit requests per row for one report (a replica far behind catches up report by report). */
    static final int CATCH_UP = 16;

    protected final EPaxosContext ctx;
    protected final EPaxosState st;
    /** Per replica (by position): the highest executed floor it reported; this replica's own row is unused. */
    private final long[][] reported;
    /** The same before its latest report. */
    private final long[][] reportedBefore;
    private int ticks;
    private long forgottenCount;

    Forgetting(EPaxosContext ctx) {
        this.ctx = ctx;
        this.st = ctx.state;
        int n = ctx.members.size();
        this.reported = new long[n][n];
        this.reportedBefore = new long[n][n];
    }

    /** Every {@code forgetTicks}: report this replica's executed floor, and forget what it can. */
    void tick() {
        int every = ctx.tuning.forgetTicks();
        if (every == 0 || ++ticks < every) {
            return;
        }
        ticks = 0;
        ExecutedFloor m = new ExecutedFloor(Deps.of(st.executedFloor));
        for (int p : ctx.members.others()) {
            ctx.out.send(ctx.members.at(p), m);
        }
        advance();
    }

    /** A peer's report; reports only ever raise what is known (a restarted peer still committed what it executed). */
    void onExecutedFloor(int from, ExecutedFloor m) {
        if (m.floor().size() != ctx.members.size()) {
            return;
        }
        for (int p = 0; p < ctx.members.size(); p++) {
            reportedBefore[from][p] = reported[from][p];
            reported[from][p] = Math.max(reported[from][p], m.floor().at(p));
            catchUp(p, reportedBefore[from][p]);
        }
    }

    /** Asks for the first commits of the row at {@code pos} up to {@code floor} that are not committed here. */
    private void catchUp(int pos, long floor) {
        int asked = 0;
        for (long k = st.executedFloor[pos] + 1; k <= floor && asked < CATCH_UP; k++) {
            Instance x = st.space.get(new InstanceId(ctx.members.at(pos), k));
            if (!x.isCommitted()) {
                ctx.recovery.requestCommit(x);
                asked++;
            }
        }
    }

    /** Forgets the longest prefix every replica executed whose instances depend only on forgotten ones. */
    void advance() {
        long[] g = candidate();
        boolean shrunk = true;
        while (shrunk) {
            shrunk = false;
            for (int p = 0; p < g.length; p++) {
                for (long k = st.space.forgotten(p) + 1; k <= g[p]; k++) {
                    if (!dependsWithin(st.space.at(p, k), g)) {
                        g[p] = k - 1;
                        shrunk = true;
                        break;
                    }
                }
            }
        }
        for (int p = 0; p < g.length; p++) {
            for (long k = st.space.forgotten(p) + 1; k <= g[p]; k++) {
                forgetOne(p, st.space.at(p, k));
            }
            st.space.forget(p, g[p]);
        }
    }

    /** The prefix every replica executed: this replica's floor and the latest reports, pointwise minimum. */
    protected long[] executedEverywhere() {
        long[] g = st.executedFloor.clone();
        for (int q : ctx.members.others()) {
            for (int p = 0; p < g.length; p++) {
                g[p] = Math.min(g[p], reported[q][p]);
            }
        }
        return g;
    }

    /** What every replica executed, below every conflict a recovery here waits on, never below what is forgotten. */
    private long[] candidate() {
        int n = ctx.members.size();
        long[] g = executedEverywhere();
        for (InstanceId id : st.unsettled) {
            Instance x = st.space.find(id);
            if (x != null && x.round instanceof Round.Recovering r) {
                for (EPaxosMessage.Conflict k : r.conflicts) {
                    int p = st.space.ownerPos(k.inst());
                    g[p] = Math.min(g[p], k.inst().num() - 1);
                }
            }
        }
        for (int p = 0; p < n; p++) {
            g[p] = Math.max(g[p], st.space.forgotten(p));
        }
        return g;
    }

    private static boolean dependsWithin(Instance x, long[] g) {
        for (int p = 0; p < g.length; p++) {
            if (x.deps.at(p) > g[p]) {
                return false;
            }
        }
        return true;
    }

    /** Drops {@code x}, which every replica executed. */
    private void forgetOne(int pos, Instance x) {
        if (x == null || !x.isCommitted() || !x.executed) {
            throw new IllegalStateException("forgetting " + (x == null ? "an instance not held" : x)
                    + ": only instances executed here are forgotten");
        }
        st.forgotten.add(pos, x);
        forgottenCount++;
    }

    long forgottenCount() {
        return forgottenCount;
    }
}
