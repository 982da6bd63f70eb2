package dev.lockstep.multipaxos;

import dev.lockstep.base.NodeId;
import dev.lockstep.core.Event.ClientRequest;
import dev.lockstep.core.Protocol;
import java.util.List;

/**
 * Deliberately broken MultiPaxos cores, each the real core with one concern replaced by a
 * subclass, for proving that checkers (this module's tests, the simulator and trace validation
 * in other modules) catch real bugs. Each comes as a {@link Protocol} descriptor like
 * {@link MultiPaxosProtocol#descriptor()}.
 */
public final class BrokenMultiPaxosVariants {
    private BrokenMultiPaxosVariants() {}

    /**
     * A new leader that skips phase-1 recovery: in each open slot it proposes its own accepted
     * value, or a no-op, instead of the highest-ballot value its promises reported.
     */
    public static Protocol skipRecoveryLeader() {
        return descriptor("multipaxos-skip-recovery-leader", SKIP_RECOVERY_LEADER);
    }

    /** An acceptor that never writes its promise to storage: after a restart it promises lower ballots again. */
    public static Protocol forgetfulAcceptor() {
        return descriptor("multipaxos-forgetful-acceptor", FORGETFUL_ACCEPTOR);
    }

    /** A follower that answers reads from its own, possibly stale, state machine. */
    public static Protocol localReadFollower() {
        return descriptor("multipaxos-local-read-follower", LOCAL_READ_FOLLOWER);
    }

    /**
     * A replica that answers a pre-prepare yes while it still hears a live leader (the check
     * Raft's PreVote makes, thesis §9.6): a replica that rejoins after a partition then deposes a
     * healthy leader. Not a safety bug, so not in {@link #all()}: the stability probe catches it.
     */
    public static Protocol disruptivePrePrepare() {
        return descriptor("multipaxos-disruptive-preprepare", DISRUPTIVE_PREPREPARE);
    }

    /**
     * A proposer that counts promises instead of acceptors, so a duplicated promise counts twice:
     * with four replicas one duplicate makes a false phase-1 quorum of three. The spec-driven
     * conformance test (model-tests) catches it.
     */
    public static Protocol duplicatePromiseCounter() {
        return descriptor("multipaxos-duplicate-promise-counter", DUPLICATE_PROMISE_COUNTER);
    }

    public static List<Protocol> all() {
        return List.of(skipRecoveryLeader(), forgetfulAcceptor(), localReadFollower());
    }

    static final PaxosConcerns SKIP_RECOVERY_LEADER = new PaxosConcerns() {
        @Override
        public Leadership leadership(PaxosContext ctx) {
            return new Leadership(ctx) {
                @Override
                protected PaxosEntry proposalFor(long slot, PaxosEntry highest) {
                    PaxosEntry own = st.log.entryOrNone(slot);
                    return own.isNone() ? PaxosEntry.noop(st.promised) : own.withBal(st.promised);
                }
            };
        }
    };

    static final PaxosConcerns DISRUPTIVE_PREPREPARE = new PaxosConcerns() {
        @Override
        public Leadership leadership(PaxosContext ctx) {
            return new Leadership(ctx) {
                @Override
                boolean hearsLeader() {
                    return st.isLeader();
                }
            };
        }
    };

    static final PaxosConcerns DUPLICATE_PROMISE_COUNTER = new PaxosConcerns() {
        @Override
        public Leadership leadership(PaxosContext ctx) {
            return new Leadership(ctx) {
                private long countedBallot = -1;
                private int count;

                @Override
                void countPromise(NodeId from) {
                    super.countPromise(from);
                    if (countedBallot != st.promised) {
                        countedBallot = st.promised;
                        count = 1;
                    }
                    count++;
                }

                @Override
                boolean wonPhaseOne() {
                    return count * 2 > ctx.members.size();
                }
            };
        }
    };

    static final PaxosConcerns FORGETFUL_ACCEPTOR = new PaxosConcerns() {
        @Override
        public Durability durability(PaxosContext ctx) {
            return new Durability(ctx) {
                @Override
                protected long durablePromise(long promised) {
                    return 0;
                }
            };
        }
    };

    static final PaxosConcerns LOCAL_READ_FOLLOWER = new PaxosConcerns() {
        @Override
        public Reads reads(PaxosContext ctx) {
            return new Reads(ctx) {
                @Override
                protected void submitToFollower(ClientRequest request) {
                    ctx.out.reply(request.id(), st.machine.read(request.command()));
                }
            };
        }
    };

    private static Protocol descriptor(String name, PaxosConcerns concerns) {
        return MultiPaxosProtocol.descriptor().named(name)
                .withFactory((config, seed) -> new MultiPaxosReplica(config, seed, concerns));
    }
}
