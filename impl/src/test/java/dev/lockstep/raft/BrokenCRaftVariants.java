package dev.lockstep.raft;

import dev.lockstep.core.Protocol;
import java.util.List;

/**
 * Deliberately broken CRaft cores, each the real core ({@link RaftConcerns#CRAFT}) with one rule
 * of CRaft.tla's buggy variants changed, for proving that the simulator catches them. Each comes as
 * a {@link Protocol} descriptor like {@link CRaftProtocol#descriptor()}.
 */
public final class BrokenCRaftVariants {
    private BrokenCRaftVariants() {}

    /** Commits in shard mode with a plain majority storing an entry (buggy/MCCRaftMajorityCommit). */
    public static Protocol majorityCommit() {
        return descriptor("craft-majority-commit", ctx -> new CRaft(ctx) {
            @Override
            protected int commitQuorum() {
                return ctx.members.quorum();
            }
        });
    }

    /**
     * A recovering leader that needs q_w shards where d suffice, so it truncates committed
     * entries (buggy/MCCRaftDropWithShards).
     */
    public static Protocol dropWithShards() {
        return descriptor("craft-drop-with-shards", ctx -> new CRaft(ctx) {
            @Override
            protected int shardsToRebuild() {
                return writeQuorum;
            }
        });
    }

    public static List<Protocol> all() {
        return List.of(majorityCommit(), dropWithShards());
    }

    private interface CRaftFactory {
        CRaft make(RaftContext ctx);
    }

    private static Protocol descriptor(String name, CRaftFactory factory) {
        RaftConcerns concerns = new RaftConcerns() {
            @Override
            public boolean erasureCoded() {
                return true;
            }

            @Override
            public CRaft craft(RaftContext ctx) {
                return factory.make(ctx);
            }
        };
        return CRaftProtocol.descriptor().named(name)
                .withFactory((config, seed) -> new RaftReplica(config, seed, concerns));
    }
}
