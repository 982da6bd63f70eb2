package dev.lockstep.epaxos;

import dev.lockstep.core.Protocol;
import java.util.List;

/**
 * Deliberately broken EPaxos cores, each the real core with one concern replaced by a subclass,
 * for proving that the checkers (the simulator's invariants and order checkers, trace validation)
 * catch the bugs EPaxos is known for. Each comes as a {@link Protocol} descriptor like
 * {@link EPaxosProtocol#descriptor()}.
 */
public final class BrokenEPaxosVariants {
    private BrokenEPaxosVariants() {}

    /**
     * One ballot variable per instance (Sutra, "On the correctness of Egalitarian Paxos", IPL
     * 2020; the original TLA+ spec and Go code): promising a recovery's ballot also stamps it on
     * whatever the replica holds, so a later recovery mistakes a pre-accepted command for one
     * accepted at a high ballot, and prefers it to a value really accepted at a lower one.
     */
    public static Protocol singleBallot() {
        return descriptor("epaxos-single-ballot", SINGLE_BALLOT);
    }

    /** The fast path taken whenever a fast quorum answered, whether or not the answers agree. */
    public static Protocol fastPathUnequal() {
        return descriptor("epaxos-fast-path-unequal", FAST_PATH_UNEQUAL);
    }

    /** A recovery that re-accepts any accepted answer, not one accepted at the highest ballot. */
    public static Protocol recoveryIgnoresBallot() {
        return descriptor("epaxos-recovery-ignores-ballot", RECOVERY_IGNORES_BALLOT);
    }

    /** A waiting recovery that decides after it promised a newer recovery's ballot (found by the simulator). */
    public static Protocol waitingIgnoresPromise() {
        return descriptor("epaxos-waiting-ignores-promise", WAITING_IGNORES_PROMISE);
    }

    /**
     * EPaxos*'s Validate handler as published (only {@code bal = b}): a duplicated Validate that
     * arrives after the recovery's Accept overwrites the accepted command (found by the simulator).
     */
    public static Protocol lateValidateOverwrites() {
        return descriptor("epaxos-late-validate-overwrites", LATE_VALIDATE_OVERWRITES);
    }

    /**
     * Forgetting what this replica executed without waiting for every other replica to execute it:
     * a replica that missed a commit asks for it and nobody answers.
     */
    public static Protocol forgetsTooEarly() {
        return descriptor("epaxos-forgets-too-early", FORGETS_TOO_EARLY);
    }

    public static List<Protocol> all() {
        return List.of(singleBallot(), fastPathUnequal(), recoveryIgnoresBallot(), waitingIgnoresPromise(),
                lateValidateOverwrites(), forgetsTooEarly());
    }

    static final EPaxosConcerns FORGETS_TOO_EARLY = new EPaxosConcerns() {
        @Override
        public Forgetting forgetting(EPaxosContext ctx) {
            return new Forgetting(ctx) {
                @Override
                protected long[] executedEverywhere() {
                    return ctx.state.executedFloor.clone();
                }
            };
        }
    };

    static final EPaxosConcerns LATE_VALIDATE_OVERWRITES = new EPaxosConcerns() {
        @Override
        public Recovery recovery(EPaxosContext ctx) {
            return new Recovery(ctx) {
                @Override
                protected void takeCandidate(Instance x, Payload c, Deps d, long s) {
                    x.cmd = c;
                    x.holdInitial(c, d, s);
                    ctx.replication.remember(x);
                    ctx.durability.changed(x);
                }
            };
        }
    };

    static final EPaxosConcerns SINGLE_BALLOT = new EPaxosConcerns() {
        @Override
        public Recovery recovery(EPaxosContext ctx) {
            return new Recovery(ctx) {
                @Override
                protected void promise(Instance x, long b) {
                    x.bal = b;
                    x.abal = b;
                }
            };
        }
    };

    static final EPaxosConcerns FAST_PATH_UNEQUAL = new EPaxosConcerns() {
        @Override
        public Replication replication(EPaxosContext ctx) {
            return new Replication(ctx) {
                @Override
                protected boolean fastPathAllowed(Round.PreAccepting r, int equalAnswers) {
                    return r.answers() >= ctx.quorums.fast();
                }
            };
        }
    };

    static final EPaxosConcerns RECOVERY_IGNORES_BALLOT = new EPaxosConcerns() {
        @Override
        public Recovery recovery(EPaxosContext ctx) {
            return new Recovery(ctx) {
                @Override
                protected EPaxosMessage.RecoverReply acceptedToKeep(List<EPaxosMessage.RecoverReply> answers,
                        List<EPaxosMessage.RecoverReply> highest) {
                    return answers.stream().filter(a -> a.phase() == Phase.ACCEPTED)
                            .min(java.util.Comparator.comparingLong(EPaxosMessage.RecoverReply::abal)).orElse(null);
                }
            };
        }
    };

    static final EPaxosConcerns WAITING_IGNORES_PROMISE = new EPaxosConcerns() {
        @Override
        public Recovery recovery(EPaxosContext ctx) {
            return new Recovery(ctx) {
                @Override
                protected boolean stillPromised(Instance x, Round.Recovering r) {
                    return true;
                }
            };
        }
    };

    private static Protocol descriptor(String name, EPaxosConcerns concerns) {
        return EPaxosProtocol.descriptor().named(name)
                .withFactory((config, seed) -> new EPaxosReplica(config, seed, concerns));
    }
}
