package dev.lockstep.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.base.NodeId;
import dev.lockstep.core.DurableRecord;
import dev.lockstep.core.Effect;
import dev.lockstep.core.Event;
import dev.lockstep.core.Message;
import dev.lockstep.base.Prng;
import dev.lockstep.core.Replica;
import dev.lockstep.core.ReplicaStatus;
import dev.lockstep.core.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The host's execution rules: effects in order, Persist as a barrier, and on a crash the
 * raft-contract "Runtime semantics" for trace lines: lines up to the last surviving write are
 * kept (their sends lost), lines after the first lost write are dropped.
 */
class SimHostCrashTest {
    record Rec(int n) implements DurableRecord {}

    record Msg(int n) implements Message {
        public long term() {
            return 0;
        }
    }

    /** Each client request k: Persist(k), Trace("A<k>") naming one sent message, Send. */
    static final class Scripted implements Replica {
        long seq;
        final List<Event> seen = new ArrayList<>();

        public NodeId id() {
            return NodeId.of(1);
        }

        public Step step(Event e) {
            seen.add(e);
            if (!(e instanceof Event.ClientRequest)) {
                return Step.EMPTY;
            }
            long k = ++seq;
            Map<String, Object> sent = Map.of("type", "Msg", "to", "n2");
            return new Step(List.of(new Effect.Persist(k, List.of(new Rec((int) k))),
                    new Effect.Trace("A" + k, Map.of("sent", List.of(sent))),
                    new Effect.Send(NodeId.of(2), new Msg((int) k))));
        }

        public ReplicaStatus status() {
            return new ReplicaStatus(id(), "Follower", Optional.empty(), java.util.Map.of());
        }
    }

    static final class Recording implements HostOutput {
        final List<String> lines = new ArrayList<>();
        final List<Integer> sent = new ArrayList<>();
        final List<String> problems = new ArrayList<>();

        public void send(int from, Effect.Send send, Map<String, Object> traceMessage) {
            sent.add(((Msg) send.message()).n());
        }

        public void apply(int node, int incarnation, Effect.Apply apply) {}

        public void reply(int node, Effect.Reply reply) {}

        public void trace(Effect.Trace trace) {
            lines.add(trace.action());
        }

        public void traceProblem(int node, String detail) {
            problems.add(detail);
        }

        public void effectProblem(int node, String detail) {
            problems.add(detail);
        }
    }

    private static Event request() {
        return new Event.ClientRequest(new dev.lockstep.kv.RequestId(1, 1), dev.lockstep.kv.Command.Noop.INSTANCE);
    }

    @Test
    void persistIsABarrierAndGroupCommitReleasesInOrder() {
        SimTime time = new SimTime();
        Recording out = new Recording();
        SimDisk disk = new SimDisk(0, new Profiles.Disk(5, 5, 0), new Prng(1), time, r -> {});
        SimHost host = new SimHost(0, new Scripted(), disk, new SimClock(0, 0, java.util.List.of()), out, true);
        host.step(request(), null);
        host.step(request(), null);
        assertEquals(List.of(), out.lines, "nothing runs before the first write is durable");
        SimEvent.DiskSynced first = (SimEvent.DiskSynced) time.next();
        assertEquals(1, first.upTo(), "the first fsync covers the first write");
        disk.synced(first.upTo());
        host.durable(first.upTo());
        assertEquals(List.of("A1"), out.lines);
        assertEquals(List.of(1), out.sent);
        SimEvent.DiskSynced second = (SimEvent.DiskSynced) time.next();
        disk.synced(second.upTo());
        host.durable(second.upTo());
        assertEquals(List.of("A1", "A2"), out.lines);
        assertEquals(List.of(1, 2), out.sent);
        assertTrue(out.problems.isEmpty(), out.problems.toString());
    }

    @Test
    void crashKeepsLinesUpToTheLastSurvivingWriteAndLosesTheirSends() {
        int[] seenSurvivors = new int[4];
        for (long seed = 1; seed <= 60; seed++) {
            SimTime time = new SimTime();
            Recording out = new Recording();
            SimDisk disk = new SimDisk(0, new Profiles.Disk(5, 5, 0), new Prng(seed), time, r -> {});
            Scripted replica = new Scripted();
            SimHost host = new SimHost(0, replica, disk, new SimClock(0, 0, java.util.List.of()), out, true);
            host.step(request(), null);
            host.step(request(), null);
            host.step(request(), null);
            host.crash();
            int survivors = disk.records().size();
            seenSurvivors[survivors]++;
            List<String> expected = new ArrayList<>();
            for (int k = 1; k <= survivors; k++) {
                expected.add("A" + k);
            }
            assertEquals(expected, out.lines, "seed " + seed + ": lines of surviving writes only");
            assertEquals(List.of(), out.sent, "seed " + seed + ": no send of an unacknowledged write");
            Scripted fresh = new Scripted();
            host.restart(fresh);
            assertEquals(new Event.Recover(disk.records()), fresh.seen.get(0));
        }
        for (int n = 0; n <= 3; n++) {
            assertTrue(seenSurvivors[n] > 0, "every prefix length happens for some seed: " + n);
        }
    }
}
