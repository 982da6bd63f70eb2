package dev.lockstep.core;

import dev.lockstep.base.Prng;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.lockstep.base.Bytes;
import dev.lockstep.base.NodeId;
import dev.lockstep.common.LeaderTuning;
import dev.lockstep.kv.Command;
import dev.lockstep.kv.KvStateMachine;
import dev.lockstep.kv.RequestId;
import dev.lockstep.kv.Result;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Seeded random schedules over a protocol's {@link ScriptedCluster}: reordering, loss,
 * duplication, partitions, crashes with restart, late persist acknowledgements, client retries
 * with the same id. Safety (the invariants after every step, applied-log agreement, exactly-once
 * increments) throughout; liveness (a leader and every client answered) once the faults stop;
 * and determinism (a seed repeats effect for effect). Each seed prints its options; rerun one by
 * putting its number in the {@code @ValueSource}. A protocol's test package extends this with
 * the few facts only it knows.
 */
public abstract class RandomizedClusterContract<R extends Replica, M extends Message> {
    private static final Bytes COUNTER = Bytes.utf8("ctr");

    /** The protocol's scripted cluster. */
    protected abstract ScriptedCluster<R, M> cluster(int size, UnaryOperator<ReplicaConfig> tune);

    /** Its term or ballot. */
    protected abstract long termOf(R replica);

    /** Its state machine. */
    protected abstract KvStateMachine machineOf(R replica);

    /** True once it compacted its log (then the applied effects no longer cover the state). */
    protected abstract boolean compacted(R replica);

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20,
        21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40})
    protected void safeUnderFaultsAndLiveAfterwards(long seed) {
        new Run(seed).run();
    }

    /** Same seed and same events give equal effects (compared as values: every Step record). */
    @Test
    protected void aSeededRunRepeatsEffectForEffect() {
        for (long seed : new long[] {3, 34}) {
            Run a = recorded(seed);
            Run b = recorded(seed);
            assertTrue(a.c.steps.size() > 1000);
            assertEquals(a.c.steps, b.c.steps, "seed " + seed);
        }
    }

    @Test
    protected void anotherSeedGivesAnotherRun() {
        assertNotEquals(recorded(5).c.steps, recorded(6).c.steps);
    }

    private Run recorded(long seed) {
        Run r = new Run(seed);
        r.c.recordSteps = true;
        r.run();
        return r;
    }

    /** One randomized run. */
    final class Run {
        final Prng prng;
        final ScriptedCluster<R, M> c;
        final Set<NodeId> crashed = new HashSet<>();
        final List<NodeId> ids;
        final Map<RequestId, NodeId> outstanding = new TreeMap<>();
        long nextSeq;
        int restarts;
        Set<NodeId> partitionSide = Set.of();
        final String options;

        Run(long seed) {
            this.prng = new Prng(seed);
            int size = prng.chance(0.5) ? 3 : 5;
            int batch = new int[] {1, 4, 64}[prng.nextInt(3)];
            int inflight = new int[] {1, 2, 8}[prng.nextInt(3)];
            int snapshot = new int[] {0, 5, 20}[prng.nextInt(3)];
            boolean tracing = prng.chance(0.5);
            this.c = cluster(size, cfg -> new LeaderTuning(10, 20, 2, batch, inflight, snapshot).config(cfg.self(), cfg.members(), tracing));
            c.autoPersist = false;
            c.viaCodec = prng.chance(0.5);
            this.ids = List.copyOf(c.ids);
            this.options = "seed=" + seed + " size=" + size + " batch=" + batch + " inflight=" + inflight
                    + " snapshotEvery=" + snapshot + " tracing=" + tracing + " codec=" + c.viaCodec;
            System.out.println(RandomizedClusterContract.this.getClass().getName() + " " + options);
        }

        void run() {
            for (int k = 0; k < 4000; k++) {
                faultyStep();
                check();
            }
            heal();
            for (int k = 0; k < 400 && !(c.leader().isPresent() && outstanding.isEmpty()); k++) {
                c.tickAll();
                persistEverything();
                c.deliverAll();
                retryOutstanding();
                check();
            }
            assertTrue(c.leader().isPresent(), options + ": no leader after healing");
            assertTrue(outstanding.isEmpty(), options + ": unanswered requests " + outstanding.keySet());
            checkApplied();
            checkCounter();
            System.out.println("  " + summary());
        }

        private String summary() {
            long definite = c.replies.values().stream().flatMap(List::stream).filter(Result::isDefinite).count();
            long unknown = c.replies.values().stream().flatMap(List::stream).filter(r -> r instanceof Result.Unknown).count();
            long maxTerm = c.live.values().stream().mapToLong(RandomizedClusterContract.this::termOf).max().orElse(0);
            long installs = c.traces.stream().filter(t -> t.action().equals("HandleInstallSnapshotRequest")).count();
            long catchUps = c.traces.stream().filter(t -> t.action().equals("HandleCatchUpRequest")).count();
            long commit = c.live.values().stream().mapToLong(r -> r.status().counter("commitIndex")).max().orElse(0);
            return "definite=" + definite + " unknown=" + unknown + " maxTermOrBallot=" + maxTerm + " commit=" + commit
                    + " restarts=" + restarts + " installs(traced)=" + installs + " catchUps(traced)=" + catchUps;
        }

        private void faultyStep() {
            int dice = prng.nextInt(100);
            if (dice < 45) {
                deliverRandom();
            } else if (dice < 50) {
                dropRandom();
            } else if (dice < 53) {
                duplicateRandom();
            } else if (dice < 68) {
                c.tick(randomLive());
            } else if (dice < 78) {
                c.persistAll(randomLive());
            } else if (dice < 88) {
                clientRequest();
            } else if (dice < 91) {
                crashOrRestart();
            } else if (dice < 93) {
                partitionOrHeal();
            } else {
                retryOutstanding();
            }
        }

        private NodeId randomLive() {
            List<NodeId> live = new ArrayList<>(c.live.keySet());
            return live.get(prng.nextInt(live.size()));
        }

        private void deliverRandom() {
            if (!c.network.isEmpty()) {
                c.deliver(c.network.remove(prng.nextInt(c.network.size())));
            }
        }

        private void dropRandom() {
            if (!c.network.isEmpty()) {
                c.network.remove(prng.nextInt(c.network.size()));
            }
        }

        private void duplicateRandom() {
            if (!c.network.isEmpty()) {
                c.network.add(c.network.get(prng.nextInt(c.network.size())));
            }
        }

        private void persistEverything() {
            for (NodeId id : List.copyOf(c.live.keySet())) {
                c.persistAll(id);
            }
        }

        private void clientRequest() {
            RequestId id = new RequestId(1 + prng.nextInt(3), ++nextSeq);
            NodeId at = c.leader().filter(l -> prng.chance(0.8)).orElse(randomLive());
            outstanding.put(id, at);
            c.submit(at, id, commandFor(id));
        }

        private Command commandFor(RequestId id) {
            return id.seq() % 4 == 0 ? new Command.Get(COUNTER) : new Command.Incr(COUNTER, 1);
        }

        /** A client whose request got no definite answer retries it (same id) at the leader. */
        private void retryOutstanding() {
            for (RequestId id : List.copyOf(outstanding.keySet())) {
                Result r = c.replyTo(id);
                if (r != null && r.isDefinite()) {
                    outstanding.remove(id);
                } else if (r != null || prng.chance(0.1)) {
                    c.replies.remove(id);
                    NodeId at = c.leader().orElse(randomLive());
                    outstanding.put(id, at);
                    c.submit(at, id, commandFor(id));
                }
            }
        }

        private void crashOrRestart() {
            if (!crashed.isEmpty() && prng.chance(0.6)) {
                NodeId back = crashed.iterator().next();
                crashed.remove(back);
                c.restart(back);
                restarts++;
            } else if (crashed.size() < (ids.size() - 1) / 2) {
                NodeId victim = randomLive();
                crashed.add(victim);
                c.crash(victim);
            }
        }

        private void partitionOrHeal() {
            if (!partitionSide.isEmpty() || prng.chance(0.3)) {
                partitionSide = Set.of();
            } else {
                partitionSide = Set.of(ids.get(prng.nextInt(ids.size())));
            }
            Set<NodeId> side = partitionSide;
            c.dropRule = e -> side.contains(e.from()) != side.contains(e.to());
        }

        private void heal() {
            partitionSide = Set.of();
            c.dropRule = e -> false;
            for (NodeId id : List.copyOf(crashed)) {
                c.restart(id);
            }
            crashed.clear();
        }

        private void check() {
            if (c.firstViolation.isPresent()) {
                fail(options + ": " + c.firstViolation.get());
            }
        }

        /** Every replica applied the same entry at each index (re-applies after restarts included). */
        private void checkApplied() {
            Map<Long, Effect.Apply> first = new TreeMap<>();
            for (List<Effect.Apply> applies : c.applied.values()) {
                for (Effect.Apply a : applies) {
                    Effect.Apply seen = first.putIfAbsent(a.slot(), a);
                    if (seen != null && !(seen.command().equals(a.command()) && Objects.equals(seen.id(), a.id())
                            && seen.result().equals(a.result()))) {
                        fail(options + ": index " + a.slot() + " applied as " + seen + " and " + a);
                    }
                }
            }
        }

        /** Each increment ran once: the counter equals the number of distinct increments applied. */
        private void checkCounter() {
            NodeId leader = c.leader().orElseThrow();
            Set<RequestId> incrs = new HashSet<>();
            for (Effect.Apply a : c.applied.get(leader)) {
                if (a.command() instanceof Command.Incr) {
                    incrs.add(a.id());
                }
            }
            R r = c.live.get(leader);
            long counter = machineOf(r).store().get(COUNTER).map(b -> Long.parseLong(b.utf8())).orElse(0L);
            if (!compacted(r)) {
                assertEquals(incrs.size(), counter, options + ": increments applied more than once");
            }
            assertEquals(Optional.empty(), c.firstViolation);
        }
    }
}
