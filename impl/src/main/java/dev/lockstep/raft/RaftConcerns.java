package dev.lockstep.raft;

/**
 * Builds the concern objects of a replica. The production core uses {@link #DEFAULT}; a test in
 * this package can replace one concern by a subclass (a deliberately broken variant) and build
 * a replica with {@code new RaftReplica(config, seed, concerns)}.
 */
interface RaftConcerns {

    RaftConcerns DEFAULT = new RaftConcerns() {};

    /** CRaft: Raft with one Reed-Solomon shard per follower (specs/craft/CRaft.tla). */
    RaftConcerns CRAFT = new RaftConcerns() {
        @Override
        public boolean erasureCoded() {
            return true;
        }
    };

    /** True for CRaft's shards, false for Raft's full copies. */
    default boolean erasureCoded() {
        return false;
    }

    /** CRaft's additions, when {@link #erasureCoded}. */
    default CRaft craft(RaftContext ctx) {
        return new CRaft(ctx);
    }

    default Leadership leadership(RaftContext ctx) {
        return new Leadership(ctx);
    }

    default Replication replication(RaftContext ctx) {
        return new Replication(ctx);
    }

    default Durability durability(RaftContext ctx) {
        return new Durability(ctx);
    }

    default Execution execution(RaftContext ctx) {
        return new Execution(ctx);
    }

    default Reads reads(RaftContext ctx) {
        return new Reads(ctx);
    }

    default Snapshot snapshot(RaftContext ctx) {
        return new Snapshot(ctx);
    }
}
