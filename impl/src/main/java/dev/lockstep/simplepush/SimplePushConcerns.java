package dev.lockstep.simplepush;

/**
 * Builds the concern objects of a replica. The production core uses {@link #DEFAULT}; a test in
 * this package can replace one concern by a deliberately broken subclass.
 */
interface SimplePushConcerns {

    SimplePushConcerns DEFAULT = new SimplePushConcerns() {};

    default Durability durability(SimplePushContext ctx) {
        return new Durability(ctx);
    }

    default Replication replication(SimplePushContext ctx) {
        return new Replication(ctx);
    }

    default Execution execution(SimplePushContext ctx) {
        return new Execution(ctx);
    }

    default Reads reads(SimplePushContext ctx) {
        return new Reads(ctx);
    }

    default Snapshot snapshot(SimplePushContext ctx) {
        return new Snapshot(ctx);
    }
}
