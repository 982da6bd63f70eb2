package dev.lockstep.repnothing;

/**
 * Builds the concern objects of a replica. The production core uses {@link #DEFAULT}; a test in
 * this package can replace one concern by a deliberately broken subclass.
 */
interface RepNothingConcerns {

    RepNothingConcerns DEFAULT = new RepNothingConcerns() {};

    default Durability durability(RepNothingContext ctx) {
        return new Durability(ctx);
    }

    default Execution execution(RepNothingContext ctx) {
        return new Execution(ctx);
    }

    default Reads reads(RepNothingContext ctx) {
        return new Reads(ctx);
    }

    default Snapshot snapshot(RepNothingContext ctx) {
        return new Snapshot(ctx);
    }
}
