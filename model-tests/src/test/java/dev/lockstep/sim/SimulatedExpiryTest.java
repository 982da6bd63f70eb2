package dev.lockstep.sim;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.base.Bytes;
import dev.lockstep.core.Protocol;
import dev.lockstep.core.ProtocolRegistry;
import dev.lockstep.kv.Command;
import dev.lockstep.kv.Result;
import dev.lockstep.lin.History;
import dev.lockstep.lin.Operation;
import dev.lockstep.lin.Verdict;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The simulated clients stamp their commands, so keys of the expiring family do expire during a
 * run: in typical runs, some GETs of such a key come after its expiry (and answer nil) and some
 * before (and answer the value), and the linearizability checker judges them at their stamps.
 */
class SimulatedExpiryTest {

    /** What a run's history shows of expiry. */
    static final class Counts {
        int runs;
        int expiringOps;
        int nilGets;
        /** GETs whose only possible preceding write was a SET .. PX whose time had passed at the GET's stamp. */
        int afterExpiry;
        /** The same with the GET stamped before the expiry. */
        int beforeExpiry;

        @Override
        public String toString() {
            return runs + " runs: " + expiringOps + " commands on expiring keys, " + nilGets + " GETs answered nil; "
                    + "GETs right after a SET .. PX: " + beforeExpiry + " before its expiry, " + afterExpiry + " after";
        }
    }

    @Test
    void keysExpireDuringTypicalRunsAndReadsSeeIt() {
        Protocol raft = ProtocolRegistry.get("raft");
        Counts counts = new Counts();
        int expiredInRuns = 0;
        for (int i = 0; i < 20; i++) {
            long seed = ScenarioGenerator.runSeed(21, i);
            SimOptions o = ScenarioGenerator.fromSeed(raft, seed, EnumSet.allOf(FaultKind.class),
                    ScenarioGenerator.DEFAULT_OPS);
            RunResult r = Simulation.run(raft, o, false);
            assertTrue(r.passed(), r.summary() + "\n" + r.failure().map(Failure::describe).orElse(""));
            assertTrue(r.lin().isPresent() && r.lin().get().verdict() != Verdict.NOT_LINEARIZABLE, r.summary());
            int before = counts.afterExpiry;
            count(r.history(), counts);
            expiredInRuns += counts.afterExpiry > before ? 1 : 0;
        }
        System.out.println("raft, seeds from 21: " + counts + "; runs with a GET after an expiry: " + expiredInRuns);
        assertTrue(counts.afterExpiry > 0, "some GETs came after the key expired: " + counts);
        assertTrue(counts.beforeExpiry > 0, "some GETs came before the key expired: " + counts);
    }

    /** The stamp and the command inside it (null stamp: unstamped). */
    private record Stamped(Long now, Command command) {
        static Stamped of(Command c) {
            return c instanceof Command.Timed t ? new Stamped(t.nowMillis(), t.command()) : new Stamped(null, c);
        }
    }

    /**
     * Counts GETs of an expiring key whose answer can only come from one SET .. PX: the SET
     * completed before the GET was invoked and no other write of the key (completed or not) could
     * come between them. Such a GET must answer nil exactly when its stamp is at or past the SET's
     * stamp plus its TTL; the checker enforces it, this counts how often it happens.
     */
    static void count(History h, Counts counts) {
        counts.runs++;
        List<Operation> ops = h.operations();
        for (Operation g : ops) {
            Stamped sg = Stamped.of(g.command());
            Bytes key = getKey(sg.command());
            if (key == null || !key.utf8().startsWith("e")) {
                if (sg.command().keys().stream().anyMatch(k -> k.utf8().startsWith("e"))) {
                    counts.expiringOps++;
                }
                continue;
            }
            counts.expiringOps++;
            if (g.isUnknown() || !(g.result() instanceof Result.Value v)) {
                continue;
            }
            if (v.value().isEmpty()) {
                counts.nilGets++;
            }
            Operation set = null;
            long ttl = 0;
            for (Operation s : ops) {
                Stamped ss = Stamped.of(s.command());
                Long px = setPx(ss.command(), key);
                if (px != null && !s.isUnknown() && s.result() instanceof Result.Ok && s.response() < g.invoke()
                        && (set == null || s.response() > set.response())) {
                    set = s;
                    ttl = px;
                }
            }
            if (set == null || sg.now() == null || Stamped.of(set.command()).now() == null) {
                continue;
            }
            boolean alone = true;
            for (Operation w : ops) {
                Command wc = Stamped.of(w.command()).command();
                if (w == set || wc.isReadOnly() || !wc.keys().contains(key)) {
                    continue;
                }
                long end = w.isUnknown() ? Long.MAX_VALUE : w.response();
                alone &= end < set.invoke() || w.invoke() > g.response();
            }
            if (!alone) {
                continue;
            }
            long expireAt = Stamped.of(set.command()).now() + ttl;
            if (sg.now() >= expireAt) {
                assertTrue(v.value().isEmpty(), "a GET after the expiry answered " + v + ": " + g + " after " + set);
                counts.afterExpiry++;
            } else {
                assertTrue(v.value().isPresent(), "a GET before the expiry answered nil: " + g + " after " + set);
                counts.beforeExpiry++;
            }
        }
    }

    private static Bytes getKey(Command c) {
        if (c instanceof Command.Get g) {
            return g.key();
        }
        if (c instanceof Command.Redis r && r.argv().get(0).utf8().equalsIgnoreCase("get")) {
            return r.argv().get(1);
        }
        return null;
    }

    /** The TTL of {@code SET key v .. PX ms} on {@code key}, else null. */
    private static Long setPx(Command c, Bytes key) {
        if (!(c instanceof Command.Redis r) || !r.argv().get(0).utf8().equalsIgnoreCase("set")
                || !r.argv().get(1).equals(key)) {
            return null;
        }
        List<Bytes> argv = r.argv();
        for (int i = 3; i + 1 < argv.size(); i++) {
            if (argv.get(i).utf8().equalsIgnoreCase("PX")) {
                return Long.parseLong(argv.get(i + 1).utf8());
            }
        }
        return null;
    }
}
