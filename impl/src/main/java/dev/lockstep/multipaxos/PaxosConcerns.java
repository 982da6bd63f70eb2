package dev.lockstep.multipaxos;

/**
 * Builds the concern objects of a replica. The production core uses {@link #DEFAULT}; a test in
 * this package can replace one concern by a subclass (a deliberately broken variant) and build a
 * replica with {@code new MultiPaxosReplica(config, seed, concerns)}.
 */
interface PaxosConcerns {

    PaxosConcerns DEFAULT = new PaxosConcerns() {};

    /** RSPaxos: MultiPaxos with one Reed-Solomon shard per acceptor (specs/rspaxos/RSPaxos.tla). */
    PaxosConcerns RSPAXOS = new PaxosConcerns() {
        @Override
        public Quorums quorums(int members) {
            return Quorums.rsPaxos(members);
        }

        @Override
        public Coding coding(int members, Quorums quorums, int selfPos) {
            return new ShardCoding(members, quorums.dataShards(), selfPos);
        }
    };

    /** The quorum sizes for a group of {@code members}. */
    default Quorums quorums(int members) {
        return Quorums.majority(members);
    }

    /** How values are held: full copies (MultiPaxos) or shards (RSPaxos). */
    default Coding coding(int members, Quorums quorums, int selfPos) {
        return Coding.FULL_COPIES;
    }

    default Leadership leadership(PaxosContext ctx) {
        return new Leadership(ctx);
    }

    default Replication replication(PaxosContext ctx) {
        return new Replication(ctx);
    }

    default CatchUp catchUp(PaxosContext ctx) {
        return new CatchUp(ctx);
    }

    default Durability durability(PaxosContext ctx) {
        return new Durability(ctx);
    }

    default Execution execution(PaxosContext ctx) {
        return new Execution(ctx);
    }

    default Reads reads(PaxosContext ctx) {
        return new Reads(ctx);
    }

    default Snapshot snapshot(PaxosContext ctx) {
        return new Snapshot(ctx);
    }

    default Reconstruction reconstruction(PaxosContext ctx) {
        return new Reconstruction(ctx);
    }
}
