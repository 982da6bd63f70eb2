package dev.lockstep.raft;

import dev.lockstep.base.NodeId;
import dev.lockstep.core.Event.ClientRequest;
import dev.lockstep.core.Protocol;
import java.util.List;

/**
 * Deliberately broken Raft cores, each the real core with one concern replaced by a subclass,
 * for proving that checkers (this module's tests, the simulator in model-tests) catch real bugs.
 * Each comes as a {@link Protocol} descriptor like {@link RaftProtocol#descriptor()}.
 */
public final class BrokenRaftVariants {
    private BrokenRaftVariants() {}

    /** A voter that never writes its vote to storage: after a restart it can vote twice in a term. */
    public static Protocol forgetfulVoter() {
        return descriptor("raft-forgetful-voter", FORGETFUL_VOTER);
    }

    /** A leader that commits an entry of an earlier term by counting replicas (Raft Figure 8). */
    public static Protocol figure8Leader() {
        return descriptor("raft-figure8-leader", FIGURE8_LEADER);
    }

    /** A follower that answers reads from its own, possibly stale, state machine. */
    public static Protocol localReadFollower() {
        return descriptor("raft-local-read-follower", LOCAL_READ_FOLLOWER);
    }

    /**
     * A voter that grants a pre-vote while it still hears a live leader (thesis §9.6 asks it to
     * refuse): a node that rejoins after a partition can then depose a healthy leader. Not a
     * safety bug, so not in {@link #all()}: the simulator's stability probe catches it.
     */
    public static Protocol disruptivePreVote() {
        return descriptor("raft-disruptive-prevote", DISRUPTIVE_PREVOTE);
    }

    /**
     * A candidate that counts votes instead of voters, so a duplicated grant counts twice: with
     * four nodes, one duplicate makes a false quorum of three. The simulator rarely duplicates a
     * grant a candidate still needs; the spec-driven conformance test (model-tests) catches it.
     */
    public static Protocol duplicateVoteCounter() {
        return descriptor("raft-duplicate-vote-counter", DUPLICATE_VOTE_COUNTER);
    }

    public static List<Protocol> all() {
        return List.of(forgetfulVoter(), figure8Leader(), localReadFollower());
    }

    static final RaftConcerns FORGETFUL_VOTER = new RaftConcerns() {
        @Override
        public Durability durability(RaftContext ctx) {
            return new Durability(ctx) {
                @Override
                protected NodeId durableVote(NodeId votedFor) {
                    return null;
                }
            };
        }
    };

    static final RaftConcerns DISRUPTIVE_PREVOTE = new RaftConcerns() {
        @Override
        public Leadership leadership(RaftContext ctx) {
            return new Leadership(ctx) {
                @Override
                boolean heardFromLeaderRecently() {
                    return ctx.state.isLeader();
                }
            };
        }
    };

    static final RaftConcerns DUPLICATE_VOTE_COUNTER = new RaftConcerns() {
        @Override
        public Leadership leadership(RaftContext ctx) {
            return new Leadership(ctx) {
                private long countedTerm = -1;
                private int votes;

                @Override
                void countVote(NodeId from) {
                    super.countVote(from);
                    if (countedTerm != ctx.state.currentTerm) {
                        countedTerm = ctx.state.currentTerm;
                        votes = 1;
                    }
                    votes++;
                }

                @Override
                boolean wonElection() {
                    return votes * 2 > ctx.members.size();
                }
            };
        }
    };

    static final RaftConcerns FIGURE8_LEADER = new RaftConcerns() {
        @Override
        public Replication replication(RaftContext ctx) {
            return new Replication(ctx) {
                @Override
                protected boolean mayCommit(long index) {
                    return true;
                }
            };
        }
    };

    static final RaftConcerns LOCAL_READ_FOLLOWER = new RaftConcerns() {
        @Override
        public Reads reads(RaftContext ctx) {
            return new Reads(ctx) {
                @Override
                protected void submitToFollower(ClientRequest request) {
                    ctx.out.reply(request.id(), st.machine.read(request.command()));
                }
            };
        }
    };

    private static Protocol descriptor(String name, RaftConcerns concerns) {
        return RaftProtocol.descriptor().named(name).withFactory((config, seed) -> new RaftReplica(config, seed, concerns));
    }
}
