package dev.lockstep.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.base.Prng;
import dev.lockstep.kv.Command;
import dev.lockstep.kv.KvStore;
import dev.lockstep.kv.Result;
import dev.lockstep.lin.HistoryRecorder;
import dev.lockstep.lin.LinReport;
import dev.lockstep.lin.LinearizabilityChecker;
import dev.lockstep.lin.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The client workload: deterministic, the intended mix, and every command has a model. */
class WorkloadGeneratorTest {

    private static List<Command> generate(int keys, long seed, int n) {
        WorkloadGenerator g = new WorkloadGenerator(keys, new Prng(seed));
        List<Command> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(g.next());
        }
        return out;
    }

    @Test
    void sameSeedSameCommands() {
        assertEquals(generate(3, 42, 2_000), generate(3, 42, 2_000));
    }

    /** The name of a command for the mix: a Redis command's name, else the record's. */
    private static String kind(Command c) {
        return c instanceof Command.Redis r ? r.argv().get(0).utf8() : c.getClass().getSimpleName();
    }

    private static boolean touchesCollectionFamily(Command c) {
        return c.keys().stream().anyMatch(k -> !k.utf8().startsWith("k") && !k.utf8().startsWith("e"));
    }

    private static boolean touchesExpiringKey(Command c) {
        return c.keys().stream().anyMatch(k -> k.utf8().startsWith("e"));
    }

    @Test
    void aboutAQuarterAreRedisCommandsOfEveryModelledKind() {
        List<Command> cmds = generate(4, 7, 20_000);
        Map<String, Integer> kinds = new TreeMap<>();
        int redis = 0;
        int redisTxns = 0;
        int expiring = 0;
        Map<String, Integer> expiryKinds = new TreeMap<>();
        for (Command c : cmds) {
            kinds.merge(kind(c), 1, Integer::sum);
            if (touchesExpiringKey(c)) {
                expiring++;
                expiryKinds.merge(kind(c), 1, Integer::sum);
                assertTrue(c instanceof Command.Redis || c instanceof Command.Get || c instanceof Command.Delete,
                        "expiring keys only in single commands: " + c);
                continue;
            }
            if (c instanceof Command.Redis || touchesCollectionFamily(c)) {
                redis++;
            }
            if (c instanceof Command.Txn t && t.ops().stream().anyMatch(op -> op instanceof Command.Redis)) {
                redisTxns++;
            }
        }
        System.out.println("workload mix " + kinds + "; redis-ish " + redis + ", redis txns " + redisTxns
                + ", on expiring keys " + expiring + " " + expiryKinds);
        assertTrue(redis > 0.20 * cmds.size() && redis < 0.30 * cmds.size(), "redis share " + redis);
        assertTrue(expiring > 0.06 * cmds.size() && expiring < 0.10 * cmds.size(), "expiry share " + expiring);
        for (String name : List.of("set", "pexpire", "pttl", "persist", "get", "Get", "Delete", "append")) {
            assertTrue(expiryKinds.containsKey(name), "no " + name + " on an expiring key: " + expiryKinds);
        }
        assertTrue(redisTxns > 0.01 * cmds.size(), "transactions with Redis commands: " + redisTxns);
        for (String name : List.of("append", "strlen", "getdel", "getset", "hset", "hget", "hdel", "hlen", "hgetall",
                "hincrby", "lpush", "rpush", "lpop", "rpop", "lrange", "llen", "sadd", "srem", "sismember", "scard",
                "smembers", "zadd", "zincrby", "zscore", "zrem", "zcard", "zrange", "Get", "Put", "Cas", "Incr",
                "Delete", "Txn")) {
            assertTrue(kinds.containsKey(name), "no " + name + " in " + kinds);
        }
    }

    /**
     * The whole workload, run one command at a time against the store, is a history the checker
     * accepts: the model specifies every command the generator makes (no "no model for" failure)
     * and agrees with the implementation on it, wrong-type errors included. Once unstamped
     * (nothing expires; SET .. PX and PEXPIRE fail for want of a time) and once stamped as the
     * simulated clients do, with a clock moving 0..30 ms per command, so keys of the expiring
     * family expire between commands and reads find them gone.
     */
    @Test
    void sequentialRunOfTheWorkloadIsLinearizable() {
        for (boolean stamped : new boolean[] {false, true}) {
            int expiredReads = 0;
            int liveExpiringReads = 0;
            for (int keys = 1; keys <= 4; keys++) {
                KvStore store = new KvStore();
                HistoryRecorder history = new HistoryRecorder();
                Prng clock = new Prng(77 + keys);
                int errors = 0;
                long t = 0;
                long now = ClientDriver.EPOCH_MS;
                for (Command generated : generate(keys, 1000 + keys, 3_000)) {
                    now += clock.nextIntInclusive(0, 30);
                    Command c = stamped ? new Command.Timed(now, generated) : generated;
                    boolean storedBefore = generated instanceof Command.Get g && g.key().utf8().startsWith("e")
                            && store.get(g.key()).isPresent();
                    int op = history.invoke(1, c, t++);
                    Result r = store.apply(c);
                    if (r instanceof Result.Error) {
                        errors++;
                    }
                    if (storedBefore && r instanceof Result.Value v) {
                        // the store still holds the key (no write met it since it expired): nil means expired
                        if (v.value().isEmpty()) {
                            expiredReads++;
                        } else {
                            liveExpiringReads++;
                        }
                    }
                    history.complete(op, r, t++);
                }
                LinReport report = new LinearizabilityChecker().check(history.history());
                System.out.println((stamped ? "stamped" : "unstamped") + ", keys " + keys + ": " + errors
                        + " errors; " + report.describe());
                assertEquals(Verdict.LINEARIZABLE, report.verdict(), report.describe());
                assertTrue(errors > 0, "wrong-type paths ran");
            }
            System.out.println((stamped ? "stamped" : "unstamped") + ": GETs of an expiring key the store held: "
                    + liveExpiringReads + " saw it, " + expiredReads + " found it expired");
            if (stamped) {
                assertTrue(expiredReads > 20 && liveExpiringReads > 20, "reads before and after expiry: "
                        + liveExpiringReads + " / " + expiredReads);
            } else {
                assertEquals(0, expiredReads, "nothing expires without a time");
            }
        }
    }
}
