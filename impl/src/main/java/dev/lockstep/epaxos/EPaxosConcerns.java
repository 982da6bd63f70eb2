package dev.lockstep.epaxos;

/**
 * Builds the concern objects of a replica. The production core uses {@link #DEFAULT}; a test in
 * this package can replace one concern by a subclass (a deliberately broken variant) and build a
 * replica with {@code new EPaxosReplica(config, seed, concerns)}.
 */
interface EPaxosConcerns {

    EPaxosConcerns DEFAULT = new EPaxosConcerns() {};

    default Proposals proposals(EPaxosContext ctx) {
        return new Proposals(ctx);
    }

    default Replication replication(EPaxosContext ctx) {
        return new Replication(ctx);
    }

    default Recovery recovery(EPaxosContext ctx) {
        return new Recovery(ctx);
    }

    default Execution execution(EPaxosContext ctx) {
        return new Execution(ctx);
    }

    default Durability durability(EPaxosContext ctx) {
        return new Durability(ctx);
    }

    default Snapshot snapshot(EPaxosContext ctx) {
        return new Snapshot(ctx);
    }

    default Forgetting forgetting(EPaxosContext ctx) {
        return new Forgetting(ctx);
    }
}
