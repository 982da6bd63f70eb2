package dev.lockstep.sim.toy;

/** Bugs planted in the toy protocol to prove each checker catches its kind of failure. */
public enum ToyBug {
    NONE,
    /** The leader answers before its write is durable: a crash loses acknowledged writes. */
    REPLY_BEFORE_PERSIST,
    /** Every node accepts writes as if it led (but reports FOLLOWER): applied logs diverge. */
    EVERYONE_LEADS,
    /** The leader never answers writes: clients wait forever. */
    NEVER_ANSWERS,
    /** The leader's trace line lists one message fewer than it sends. */
    LYING_TRACE
}
