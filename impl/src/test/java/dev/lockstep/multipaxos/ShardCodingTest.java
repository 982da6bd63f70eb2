package dev.lockstep.multipaxos;

import dev.lockstep.common.erasure.Shard;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.base.Bytes;
import dev.lockstep.kv.Command;
import dev.lockstep.kv.RequestId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * RSPaxos's shard coding on its own: what a proposer stores and sends, and the recovery rule of
 * RSPaxos.tla ({@code Proposable}) on a new leader's reports, for 3 replicas (d = 2) and 5 (d = 3).
 */
class ShardCodingTest {
    private static final PaxosEntry PUT = PaxosEntry.cmd(258, new RequestId(7, 1),
            new Command.Put(Bytes.utf8("k"), Bytes.wrap(new byte[4096])));

    /** The n shards of {@code full} at ballot {@code bal}, as the n acceptors store them. */
    private static List<PaxosEntry> shardsOf(int n, PaxosEntry full, long bal) {
        ShardCoding proposer = new ShardCoding(n, Quorums.rsPaxos(n).dataShards(), 0);
        PaxosEntry own = proposer.store(1, full.withBal(bal));
        List<PaxosEntry> all = new ArrayList<>(List.of(own));
        for (int p = 1; p < n; p++) {
            all.add(proposer.forPeer(1, List.of(own), p).get(0));
        }
        return all;
    }

    @Test
    void eachAcceptorGetsItsOwnShardOfAboutOneDthOfTheValue() {
        List<PaxosEntry> shards = shardsOf(3, PUT, 258);
        for (int p = 0; p < 3; p++) {
            PaxosEntry e = shards.get(p);
            assertTrue(e.isCoded());
            assertEquals(p, e.shard().index());
            assertTrue(e.shard().bytes().length() <= 4096 / 2 + 64, "shard of " + e.shard().bytes().length() + " bytes");
            assertTrue(e.sameValue(shards.get(0)));
        }
        assertEquals(shards.get(0).valueId(), shards.get(2).valueId());
    }

    @Test
    void aNewLeaderRebuildsFromDShardsAtAnyBallots() {
        List<PaxosEntry> first = shardsOf(3, PUT, 258);
        List<PaxosEntry> again = shardsOf(3, PUT, 513);
        ShardCoding leader = new ShardCoding(3, 2, 2);
        // acceptor 0 holds the value re-proposed in 513, acceptor 1 its shard of 258
        PaxosEntry rebuilt = leader.recover(1, again.get(0), List.of(again.get(0), first.get(1)));
        assertEquals(PUT.command(), rebuilt.command());
        assertEquals(PUT.id(), rebuilt.id());
    }

    @Test
    void fewerThanDDistinctShardsLeaveTheSlotFree() {
        List<PaxosEntry> shards = shardsOf(5, PUT, 258);
        ShardCoding leader = new ShardCoding(5, 3, 4);
        assertNull(leader.recover(1, shards.get(0), List.of(shards.get(0), shards.get(1))));
        assertNull(leader.recover(1, shards.get(0), List.of(shards.get(0), shards.get(1), shards.get(1))),
                "a shard counts once");
        assertEquals(PUT.command(), leader.recover(1, shards.get(0), shards.subList(0, 3)).command());
    }

    @Test
    void shardsOfAnotherValueDoNotCount() {
        PaxosEntry other = PaxosEntry.cmd(258, new RequestId(7, 1), new Command.Put(Bytes.utf8("k"), Bytes.utf8("v2")));
        List<PaxosEntry> mine = shardsOf(3, PUT, 258);
        List<PaxosEntry> theirs = shardsOf(3, other, 258);
        assertNotEquals(mine.get(0).valueId(), theirs.get(1).valueId(), "same request id, other bytes: another value");
        ShardCoding leader = new ShardCoding(3, 2, 2);
        assertNull(leader.recover(1, mine.get(0), List.of(mine.get(0), theirs.get(1))));
    }

    @Test
    void aCorruptShardIsRefusedByTheDigest() {
        List<PaxosEntry> shards = shardsOf(3, PUT, 258);
        byte[] bad = shards.get(1).shard().bytes().toByteArray();
        bad[10] ^= 1;
        PaxosEntry corrupt = PaxosEntry.coded(258, PUT.id(), new Shard(1, shards.get(1).shard().digest(), Bytes.wrap(bad)));
        ShardCoding leader = new ShardCoding(3, 2, 2);
        assertNull(leader.recover(1, shards.get(0), List.of(shards.get(0), corrupt)));
    }

    @Test
    void quorumsMeetInDShards() {
        for (int n = 1; n <= 9; n++) {
            Quorums q = Quorums.rsPaxos(n);
            assertTrue(q.write() + q.read() - n >= q.dataShards(), "n = " + n + ": " + q);
            assertTrue(q.write() <= n && q.read() <= n, "n = " + n + ": " + q);
        }
        assertEquals(new Quorums(3, 2, 2), Quorums.rsPaxos(3));
        assertEquals(new Quorums(4, 4, 3), Quorums.rsPaxos(5));
    }
}
