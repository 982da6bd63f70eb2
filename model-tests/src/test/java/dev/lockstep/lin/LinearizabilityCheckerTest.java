package dev.lockstep.lin;

import static dev.lockstep.lin.HistoryBuilder.NOT_APPLIED;
import static dev.lockstep.lin.HistoryBuilder.OK;
import static dev.lockstep.lin.HistoryBuilder.b;
import static dev.lockstep.lin.HistoryBuilder.cas;
import static dev.lockstep.lin.HistoryBuilder.get;
import static dev.lockstep.lin.HistoryBuilder.put;
import static dev.lockstep.lin.HistoryBuilder.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.kv.Command;
import dev.lockstep.kv.Result;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LinearizabilityCheckerTest {
    private final LinearizabilityChecker checker = new LinearizabilityChecker();

    private LinReport check(HistoryBuilder h) {
        LinReport report = checker.check(h.build());
        System.out.println(report.describe());
        return report;
    }

    @Test
    void acceptsSequentialHistory() {
        LinReport r = check(new HistoryBuilder()
                .op(1, 0, 1, put("x", "1"), OK)
                .op(1, 2, 3, get("x"), value("1"))
                .op(1, 4, 5, cas("x", "1", "2"), OK)
                .op(1, 6, 7, new Command.Delete(b("x")), new Result.Int(1))
                .op(1, 8, 9, get("x"), value(null)));
        assertEquals(Verdict.LINEARIZABLE, r.verdict());
    }

    @Test
    void acceptsConcurrentReadsSeeingEitherSideOfAWrite() {
        LinReport r = check(new HistoryBuilder()
                .op(1, 0, 1, put("x", "old"), OK)
                .op(1, 2, 10, put("x", "new"), OK)
                .op(2, 3, 4, get("x"), value("new"))
                .op(3, 5, 12, get("x"), value("old"))  // concurrent with the write: may precede it
                .op(2, 11, 13, get("x"), value("new")));
        // client 3's read ends after client 2 saw "new"; it overlaps the write, but the write was
        // already visible at 4 and reads at 5.. must see it: this one is a violation
        assertEquals(Verdict.NOT_LINEARIZABLE, r.verdict());

        LinReport ok = check(new HistoryBuilder()
                .op(1, 0, 1, put("x", "old"), OK)
                .op(1, 2, 10, put("x", "new"), OK)
                .op(2, 3, 9, get("x"), value("new"))
                .op(3, 3, 9, get("x"), value("old"))
                .op(4, 3, 12, new Command.Incr(b("y"), 5), new Result.Int(5))
                .op(5, 4, 6, new Command.Incr(b("y"), 1), new Result.Int(6)));
        assertEquals(Verdict.LINEARIZABLE, ok.verdict());
        assertEquals(2, ok.partitions());
    }

    @Test
    void rejectsStaleRead() {
        LinReport r = check(new HistoryBuilder()
                .op(1, 0, 1, put("x", "1"), OK)
                .op(1, 2, 3, put("x", "2"), OK)
                .op(2, 4, 5, get("x"), value("1")));
        assertEquals(Verdict.NOT_LINEARIZABLE, r.verdict());
        PartitionReport p = r.problems().get(0);
        assertEquals(List.of(b("x")), p.keys());
        assertEquals(List.of(0, 1, 2), p.explanation().stream().map(Operation::id).toList());
    }

    @Test
    void rejectsLostAcknowledgedWrite() {
        LinReport r = check(new HistoryBuilder()
                .op(1, 0, 1, put("x", "a"), OK)
                .op(2, 0, 1, put("y", "untouched"), OK)
                .op(1, 2, 3, get("x"), value(null)));
        assertEquals(Verdict.NOT_LINEARIZABLE, r.verdict());
        assertEquals(1, r.problems().size(), "only key x is broken");
        assertEquals(List.of(b("x")), r.problems().get(0).keys());
    }

    @Test
    void rejectsTwoSuccessfulCasFromTheSameValue() {
        LinReport r = check(new HistoryBuilder()
                .op(1, 0, 1, put("x", "0"), OK)
                .op(2, 2, 10, cas("x", "0", "a"), OK)
                .op(3, 2, 10, cas("x", "0", "b"), OK)
                .op(4, 2, 10, cas("x", "0", "c"), NOT_APPLIED));
        assertEquals(Verdict.NOT_LINEARIZABLE, r.verdict());
        List<Integer> core = r.problems().get(0).explanation().stream().map(Operation::id).toList();
        assertEquals(List.of(1, 2), core, "the two successful CAS: at most one can see '0'");
    }

    @Test
    void rejectsReadOfValueNeverWritten() {
        LinReport r = check(new HistoryBuilder()
                .op(1, 0, 5, put("x", "1"), OK)
                .op(2, 1, 4, get("x"), value("phantom")));
        assertEquals(Verdict.NOT_LINEARIZABLE, r.verdict());
        assertEquals(List.of(1), r.problems().get(0).explanation().stream().map(Operation::id).toList());
    }

    @Test
    void rejectsNonAtomicTransaction() {
        Command writeBoth = new Command.Txn(List.of(), List.of(put("x", "1"), put("y", "1")));
        Command readBoth = new Command.Txn(List.of(), List.of(get("x"), get("y")));
        LinReport torn = check(new HistoryBuilder()
                .op(1, 0, 10, writeBoth, new Result.Multi(List.of(OK, OK)))
                .op(2, 1, 9, readBoth, new Result.Multi(List.of(value("1"), value(null)))));
        assertEquals(Verdict.NOT_LINEARIZABLE, torn.verdict());
        assertEquals(List.of(b("x"), b("y")), torn.problems().get(0).keys());

        LinReport atomic = check(new HistoryBuilder()
                .op(1, 0, 10, writeBoth, new Result.Multi(List.of(OK, OK)))
                .op(2, 1, 9, readBoth, new Result.Multi(List.of(value("1"), value("1"))))
                .op(3, 1, 2, readBoth, new Result.Multi(List.of(value(null), value(null)))));
        assertEquals(Verdict.LINEARIZABLE, atomic.verdict());
    }

    @Test
    void transactionComparesAbortAtomically() {
        Command guarded = new Command.Txn(List.of(new Command.Compare(b("x"), Optional.of(b("1")))),
                List.of(put("y", "2")));
        LinReport r = check(new HistoryBuilder()
                .op(1, 0, 1, put("x", "0"), OK)
                .op(1, 2, 3, guarded, Result.Aborted.INSTANCE)
                .op(1, 4, 5, get("y"), value("2")));
        assertEquals(Verdict.NOT_LINEARIZABLE, r.verdict());
    }

    @Test
    void unknownWriteMayHaveTakenEffect() {
        LinReport r = check(new HistoryBuilder()
                .op(1, 0, 1, put("x", "1"), OK)
                .unknown(2, 2, put("x", "2"))
                .op(3, 50, 51, get("x"), value("2"))
                .op(3, 52, 53, get("x"), value("2")));
        assertEquals(Verdict.LINEARIZABLE, r.verdict());
    }

    @Test
    void unknownWriteMayNeverHaveTakenEffect() {
        LinReport r = check(new HistoryBuilder()
                .op(1, 0, 1, put("x", "1"), OK)
                .unknown(2, 2, put("x", "2"))
                .op(3, 50, 51, get("x"), value("1"))
                .op(3, 100, 101, get("x"), value("1")));
        assertEquals(Verdict.LINEARIZABLE, r.verdict());
    }

    @Test
    void unknownWriteCannotTakeEffectBeforeItsInvocationOrTwice() {
        LinReport early = check(new HistoryBuilder()
                .op(3, 0, 1, get("x"), value("2"))
                .unknown(2, 2, put("x", "2")));
        assertEquals(Verdict.NOT_LINEARIZABLE, early.verdict());

        LinReport flicker = check(new HistoryBuilder()
                .op(1, 0, 1, put("x", "1"), OK)
                .unknown(2, 2, put("x", "2"))
                .op(3, 50, 51, get("x"), value("2"))
                .op(3, 52, 53, get("x"), value("1")));
        assertEquals(Verdict.NOT_LINEARIZABLE, flicker.verdict());
    }

    @Test
    void errorsMatchByKindNotText() {
        LinReport r = check(new HistoryBuilder()
                .op(1, 0, 1, put("n", "abc"), OK)
                .op(1, 2, 3, new Command.Incr(b("n"), 1), new Result.Error("value is not an integer"))
                .op(1, 4, 5, new Command.Incr(b("m"), 1), new Result.Int(1)));
        assertEquals(Verdict.LINEARIZABLE, r.verdict());
        LinReport wrong = check(new HistoryBuilder()
                .op(1, 0, 1, new Command.Incr(b("m"), 1), new Result.Error("boom")));
        assertEquals(Verdict.NOT_LINEARIZABLE, wrong.verdict());
    }

    @Test
    void exhaustedBudgetIsUnknownNotViolation() {
        HistoryBuilder h = new HistoryBuilder();
        for (int i = 0; i < 14; i++) {
            h.op(i, 0, 100, put("x", "v" + i), OK);
        }
        h.op(99, 101, 102, get("x"), value("nope"));
        LinReport r = new LinearizabilityChecker(1_000).check(h.build());
        System.out.println(r.describe());
        assertEquals(Verdict.UNKNOWN, r.verdict());
        assertTrue(r.problems().get(0).explanation().isEmpty());
        assertEquals(Verdict.NOT_LINEARIZABLE, checker.check(h.build()).verdict());
    }

    @Test
    void recorderTurnsIndefiniteAnswersIntoUnknownOutcomes() {
        HistoryRecorder rec = new HistoryRecorder();
        int a = rec.invoke(1, put("x", "1"), 0);
        int b = rec.invoke(2, put("x", "2"), 1);
        int c = rec.invoke(3, get("x"), 2);
        rec.complete(a, OK, 5);
        rec.complete(b, new Result.Unknown("leader lost"), 6);
        History h = rec.history();
        assertTrue(h.operations().get(b).isUnknown());
        assertTrue(h.operations().get(c).isUnknown());
        assertEquals(2, h.unknownCount());
        assertEquals(Verdict.LINEARIZABLE, checker.check(h).verdict());
    }

    // ---------------------------------------------------------------- Redis value types

    private static Command redis(String... argv) {
        return Command.Redis.of(argv);
    }

    private static Result array(String... elements) {
        return new Result.Array(java.util.Arrays.stream(elements).map(HistoryBuilder::value).toList());
    }

    /** SMEMBERS's reply: RESP3 a set. */
    private static Result set(String... members) {
        return new Result.Array(java.util.Arrays.stream(members).map(HistoryBuilder::value).toList(), Result.Shape.SET);
    }

    private static Result score(double d) {
        return new Result.Score(d);
    }

    /** ZRANGE .. WITHSCORES's reply: member, score, ... as pairs. */
    private static Result pairs(String m1, double s1, String m2, double s2) {
        return new Result.Array(List.of(value(m1), score(s1), value(m2), score(s2)), Result.Shape.PAIRS);
    }

    private static Result integer(long n) {
        return new Result.Int(n);
    }

    @Test
    void rejectsLpopReturningTheTail() {
        LinReport wrong = check(new HistoryBuilder()
                .op(1, 0, 1, redis("rpush", "l", "a", "b"), integer(2))
                .op(2, 2, 3, redis("lpop", "l"), value("b")));
        assertEquals(Verdict.NOT_LINEARIZABLE, wrong.verdict());
        assertEquals(List.of(b("l")), wrong.problems().get(0).keys());

        LinReport right = check(new HistoryBuilder()
                .op(1, 0, 1, redis("rpush", "l", "a", "b"), integer(2))
                .op(2, 2, 3, redis("lpop", "l"), value("a"))
                .op(2, 4, 5, redis("rpop", "l"), value("b"))
                .op(1, 6, 7, redis("lpop", "l"), value(null)));
        assertEquals(Verdict.LINEARIZABLE, right.verdict());
    }

    @Test
    void concurrentPushesMayOrderEitherWayButOnlyOnce() {
        LinReport ok = check(new HistoryBuilder()
                .op(1, 0, 10, redis("rpush", "l", "a"), integer(2))
                .op(2, 0, 10, redis("rpush", "l", "b"), integer(1))
                .op(3, 11, 12, redis("lrange", "l", "0", "-1"), array("b", "a"))
                .op(3, 13, 14, redis("lpop", "l"), value("b")));
        assertEquals(Verdict.LINEARIZABLE, ok.verdict());

        LinReport flip = check(new HistoryBuilder()
                .op(1, 0, 10, redis("rpush", "l", "a"), integer(2))
                .op(2, 0, 10, redis("rpush", "l", "b"), integer(1))
                .op(3, 11, 12, redis("lrange", "l", "0", "-1"), array("b", "a"))
                .op(3, 13, 14, redis("lpop", "l"), value("a")));
        assertEquals(Verdict.NOT_LINEARIZABLE, flip.verdict());
    }

    @Test
    void rejectsSmembersMissingAMember() {
        LinReport wrong = check(new HistoryBuilder()
                .op(1, 0, 1, redis("sadd", "s", "x"), integer(1))
                .op(2, 2, 3, redis("sadd", "s", "y"), integer(1))
                .op(3, 4, 5, redis("smembers", "s"), set("x")));
        assertEquals(Verdict.NOT_LINEARIZABLE, wrong.verdict());

        LinReport concurrent = check(new HistoryBuilder()
                .op(1, 0, 1, redis("sadd", "s", "x"), integer(1))
                .op(2, 2, 10, redis("sadd", "s", "y"), integer(1))
                .op(3, 4, 5, redis("smembers", "s"), set("x"))
                .op(3, 11, 12, redis("smembers", "s"), set("x", "y")));
        assertEquals(Verdict.LINEARIZABLE, concurrent.verdict());

        LinReport flat = check(new HistoryBuilder()
                .op(1, 0, 1, redis("sadd", "s", "x"), integer(1))
                .op(3, 2, 3, redis("smembers", "s"), array("x")));
        assertEquals(Verdict.NOT_LINEARIZABLE, flat.verdict(), "SMEMBERS replies a set, not an array");
    }

    @Test
    void rejectsWrongSortedSetOrderAndScores() {
        HistoryBuilder base = new HistoryBuilder()
                .op(1, 0, 1, redis("zadd", "z", "2", "a", "1", "b"), integer(2))
                .op(1, 2, 3, redis("zincrby", "z", "1.5", "b"), score(2.5));
        assertEquals(Verdict.LINEARIZABLE, check(base).verdict());
        LinReport right = check(new HistoryBuilder()
                .op(1, 0, 1, redis("zadd", "z", "2", "a", "1", "b"), integer(2))
                .op(1, 2, 3, redis("zincrby", "z", "1.5", "b"), score(2.5))
                .op(2, 4, 5, redis("zrange", "z", "0", "-1", "WITHSCORES"), pairs("a", 2, "b", 2.5))
                .op(2, 6, 7, redis("zscore", "z", "b"), score(2.5)));
        assertEquals(Verdict.LINEARIZABLE, right.verdict());
        LinReport order = check(new HistoryBuilder()
                .op(1, 0, 1, redis("zadd", "z", "2", "a", "1", "b"), integer(2))
                .op(1, 2, 3, redis("zincrby", "z", "1.5", "b"), score(2.5))
                .op(2, 4, 5, redis("zrange", "z", "0", "-1", "WITHSCORES"), pairs("b", 2.5, "a", 2)));
        assertEquals(Verdict.NOT_LINEARIZABLE, order.verdict());
        // a score is checked by value (the server formats it): one that missed the increment
        LinReport score = check(new HistoryBuilder()
                .op(1, 0, 1, redis("zadd", "z", "2", "a", "1", "b"), integer(2))
                .op(1, 2, 3, redis("zincrby", "z", "1.5", "b"), score(2.5))
                .op(2, 4, 5, redis("zscore", "z", "b"), score(1)));
        assertEquals(Verdict.NOT_LINEARIZABLE, score.verdict());
        LinReport pairedScore = check(new HistoryBuilder()
                .op(1, 0, 1, redis("zadd", "z", "2", "a", "1", "b"), integer(2))
                .op(1, 2, 3, redis("zincrby", "z", "1.5", "b"), score(2.5))
                .op(2, 4, 5, redis("zrange", "z", "0", "-1", "WITHSCORES"), pairs("a", 2, "b", 1.5)));
        assertEquals(Verdict.NOT_LINEARIZABLE, pairedScore.verdict());
        // and is a double reply, not the string a RESP2 client reads
        LinReport text = check(new HistoryBuilder()
                .op(1, 0, 1, redis("zadd", "z", "2", "a", "1", "b"), integer(2))
                .op(1, 2, 3, redis("zincrby", "z", "1.5", "b"), score(2.5))
                .op(2, 4, 5, redis("zscore", "z", "b"), value("2.5")));
        assertEquals(Verdict.NOT_LINEARIZABLE, text.verdict());
    }

    @Test
    void rejectsTornTransactionAcrossTypes() {
        Command both = new Command.Txn(List.of(), List.of(redis("hset", "h", "f", "1"), redis("sadd", "s", "m"),
                put("x", "1")));
        Result done = new Result.Multi(List.of(integer(1), integer(1), OK));
        LinReport torn = check(new HistoryBuilder()
                .op(1, 0, 10, both, done)
                .op(2, 1, 2, redis("hget", "h", "f"), value("1"))
                .op(2, 3, 4, redis("sismember", "s", "m"), integer(0)));
        assertEquals(Verdict.NOT_LINEARIZABLE, torn.verdict());
        assertEquals(List.of(b("h"), b("s"), b("x")), torn.problems().get(0).keys());

        LinReport atomic = check(new HistoryBuilder()
                .op(1, 0, 10, both, done)
                .op(2, 1, 2, redis("hget", "h", "f"), value(null))
                .op(2, 3, 4, redis("sismember", "s", "m"), integer(1))
                .op(2, 5, 6, get("x"), value("1")));
        assertEquals(Verdict.LINEARIZABLE, atomic.verdict());
    }

    @Test
    void wrongTypeMustFail() {
        LinReport ok = check(new HistoryBuilder()
                .op(1, 0, 1, redis("hset", "k", "f", "v"), integer(1))
                .op(1, 2, 3, get("k"), new Result.Error("WRONGTYPE Operation against a key holding the wrong kind of value"))
                .op(1, 4, 5, cas("k", null, "1"), NOT_APPLIED)
                .op(1, 6, 7, put("k", "s"), OK)
                .op(1, 8, 9, redis("hget", "k", "f"), new Result.Error("WRONGTYPE"))
                .op(1, 10, 11, redis("getdel", "k"), value("s"))
                .op(1, 12, 13, redis("hget", "k", "f"), value(null)));
        assertEquals(Verdict.LINEARIZABLE, ok.verdict());

        LinReport wrong = check(new HistoryBuilder()
                .op(1, 0, 1, redis("hset", "k", "f", "v"), integer(1))
                .op(1, 2, 3, get("k"), value("v")));
        assertEquals(Verdict.NOT_LINEARIZABLE, wrong.verdict());
    }

    // ---------------------------------------------------------------- time and expiry

    private static final long T = 1_700_000_000_000L;

    private static Command at(long now, Command c) {
        return new Command.Timed(now, c);
    }

    private static Command at(long now, String... argv) {
        return new Command.Timed(now, Command.Redis.of(argv));
    }

    @Test
    void rejectsAReadAfterTheExpiryThatReturnsTheValue() {
        LinReport wrong = check(new HistoryBuilder()
                .op(1, 0, 1, at(T, "set", "e", "v", "PX", "100"), OK)
                .op(2, 2, 3, at(T + 150, get("e")), value("v")));
        assertEquals(Verdict.NOT_LINEARIZABLE, wrong.verdict());
        assertEquals(List.of(b("e")), wrong.problems().get(0).keys());
        // no order explains it, even with the SET's outcome forgotten: the value expired at T + 100 either way
        assertEquals(List.of(1), wrong.problems().get(0).explanation().stream().map(Operation::id).toList());

        LinReport expired = check(new HistoryBuilder()
                .op(1, 0, 1, at(T, "set", "e", "v", "PX", "100"), OK)
                .op(2, 2, 3, at(T + 150, get("e")), value(null))
                .op(2, 4, 5, at(T + 150, "pttl", "e"), integer(-2)));
        assertEquals(Verdict.LINEARIZABLE, expired.verdict());

        LinReport live = check(new HistoryBuilder()
                .op(1, 0, 1, at(T, "set", "e", "v", "PX", "100"), OK)
                .op(2, 2, 3, at(T + 99, get("e")), value("v"))
                .op(2, 4, 5, at(T + 99, "pttl", "e"), integer(1)));
        assertEquals(Verdict.LINEARIZABLE, live.verdict());

        LinReport wrongTtl = check(new HistoryBuilder()
                .op(1, 0, 1, at(T, "set", "e", "v", "PX", "100"), OK)
                .op(2, 2, 3, at(T + 30, "pttl", "e"), integer(80)));
        assertEquals(Verdict.NOT_LINEARIZABLE, wrongTtl.verdict());

        LinReport persisted = check(new HistoryBuilder()
                .op(1, 0, 1, at(T, "set", "e", "v", "PX", "100"), OK)
                .op(1, 2, 3, at(T + 10, "persist", "e"), integer(1))
                .op(2, 4, 5, at(T + 500, get("e")), value("v")));
        assertEquals(Verdict.LINEARIZABLE, persisted.verdict());
    }

    /**
     * A request stamped before the expiry may be applied after a command stamped after it. A
     * write that met the expired key deleted it, so the late request must see it absent.
     */
    @Test
    void lazyExpiryByAWriteIsVisibleToALaterRequestStampedEarlier() {
        LinReport concurrent = check(new HistoryBuilder()
                .op(1, 0, 1, at(T, "set", "e", "v", "PX", "100"), OK)
                .op(2, 2, 20, at(T + 90, get("e")), value("v"))
                .op(3, 5, 6, at(T + 150, get("e")), value(null)));
        assertEquals(Verdict.LINEARIZABLE, concurrent.verdict());

        LinReport afterWrite = check(new HistoryBuilder()
                .op(1, 0, 1, at(T, "set", "e", "v", "PX", "100"), OK)
                .op(3, 5, 6, at(T + 150, "persist", "e"), integer(0))
                .op(2, 7, 8, at(T + 90, get("e")), value("v")));
        assertEquals(Verdict.NOT_LINEARIZABLE, afterWrite.verdict(), "the write deleted the expired key");

        LinReport absentAfterWrite = check(new HistoryBuilder()
                .op(1, 0, 1, at(T, "set", "e", "v", "PX", "100"), OK)
                .op(3, 5, 6, at(T + 150, "persist", "e"), integer(0))
                .op(2, 7, 8, at(T + 90, get("e")), value(null))
                .op(2, 9, 10, at(T + 95, "pttl", "e"), integer(-2)));
        assertEquals(Verdict.LINEARIZABLE, absentAfterWrite.verdict(), absentAfterWrite.describe());
    }

    /**
     * A read-only command never deletes an expired key, however the protocol served it, so a
     * later read stamped before the expiry still sees the value; once a write has met the key
     * (here PERSIST, or a GET inside a transaction that also writes), it is gone for good.
     */
    @Test
    void aReadNeverDeletesAnExpiredKey() {
        LinReport afterRead = check(new HistoryBuilder()
                .op(1, 0, 1, at(T, "set", "e", "v", "PX", "100"), OK)
                .op(3, 5, 6, at(T + 150, get("e")), value(null))
                .op(2, 7, 8, at(T + 90, get("e")), value("v"))
                .op(2, 9, 10, at(T + 95, "pttl", "e"), integer(5)));
        assertEquals(Verdict.LINEARIZABLE, afterRead.verdict(), afterRead.describe());

        LinReport deletedByRead = check(new HistoryBuilder()
                .op(1, 0, 1, at(T, "set", "e", "v", "PX", "100"), OK)
                .op(3, 5, 6, at(T + 150, get("e")), value(null))
                .op(2, 7, 8, at(T + 90, get("e")), value(null)));
        assertEquals(Verdict.NOT_LINEARIZABLE, deletedByRead.verdict(), "a read does not delete the expired key");

        Command readTxn = at(T + 150, new Command.Txn(List.of(), List.of(get("e"), get("k"))));
        LinReport afterReadTxn = check(new HistoryBuilder()
                .op(1, 0, 1, at(T, "set", "e", "v", "PX", "100"), OK)
                .op(3, 5, 6, readTxn, new Result.Multi(List.of(value(null), value(null))))
                .op(2, 7, 8, at(T + 90, get("e")), value("v")));
        assertEquals(Verdict.LINEARIZABLE, afterReadTxn.verdict(), "a transaction of reads deletes nothing");

        for (Result late : List.of(value("v"), value(null))) {
            LinReport afterReadAndWrite = check(new HistoryBuilder()
                    .op(1, 0, 1, at(T, "set", "e", "v", "PX", "100"), OK)
                    .op(3, 5, 6, at(T + 150, get("e")), value(null))
                    .op(3, 7, 8, at(T + 160, "persist", "e"), integer(0))
                    .op(2, 9, 10, at(T + 90, get("e")), late));
            assertEquals(late.equals(value(null)) ? Verdict.LINEARIZABLE : Verdict.NOT_LINEARIZABLE,
                    afterReadAndWrite.verdict(), "the write in between deleted it: " + late);

            Command writeTxn = at(T + 150, new Command.Txn(List.of(), List.of(get("e"), put("k", "x"))));
            LinReport afterWriteTxn = check(new HistoryBuilder()
                    .op(1, 0, 1, at(T, "set", "e", "v", "PX", "100"), OK)
                    .op(3, 5, 6, writeTxn, new Result.Multi(List.of(value(null), OK)))
                    .op(2, 7, 8, at(T + 90, get("e")), late));
            assertEquals(late.equals(value(null)) ? Verdict.LINEARIZABLE : Verdict.NOT_LINEARIZABLE,
                    afterWriteTxn.verdict(), "a GET inside a writing transaction deletes it: " + late);
        }
    }
}
