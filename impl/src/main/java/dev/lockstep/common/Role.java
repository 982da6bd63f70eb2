package dev.lockstep.common;

/** The coarse role of a replica, common to leader-based protocols. */
public enum Role {
    FOLLOWER,
    /** Raft's PreVote phase, or a Paxos replica running phase 1. */
    PRE_CANDIDATE,
    CANDIDATE,
    LEADER
}
