-------------------------- MODULE MCRaftVoteAmnesia --------------------------
(***************************************************************************)
(* A server that keeps votedFor in volatile memory only ([Raft] Figure 2   *)
(* lists it as persistent state).  After a restart it can vote a second    *)
(* time in the same term, so two candidates both win it (ElectionSafety).  *)
(***************************************************************************)
EXTENDS MCRaft

\* BUG: Restart also forgets votedFor.
RestartForgettingVote(i) ==
    /\ votedFor' = [votedFor EXCEPT ![i] = Nil]
    /\ state' = [state EXCEPT ![i] = "Follower"]
    /\ votesGranted' = [votesGranted EXCEPT ![i] = {}]
    /\ matchIndex' = [matchIndex EXCEPT ![i] = [j \in Server |-> 0]]
    /\ pendingReads' = [pendingReads EXCEPT ![i] = <<>>]
    /\ lastReadId' = [lastReadId EXCEPT ![i] = 0]
    /\ \E c \in 0..commitIndex[i] : commitIndex' = [commitIndex EXCEPT ![i] = c]
    /\ readStart' = [readStart EXCEPT ![i] = {}]
    /\ UNCHANGED <<currentTerm, log, messages, committed, elections,
                   lastServedRead>>
    /\ spent' = [spent EXCEPT !.restarts = @ + 1]

AmnesiaNext ==
    \/ MCReceiveNext \/ MCNetworkNext \/ MCCommitNext \/ MCOtherNext
    \/ \E i \in Server : RestartForgettingVote(i)

AmnesiaSpec == MCInit /\ [][AmnesiaNext]_mcVars

=============================================================================
