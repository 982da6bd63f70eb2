----------------------------- MODULE MCRaftFig8 -----------------------------
(***************************************************************************)
(* The bug of [Raft] Figure 8: a leader commits an entry of an earlier     *)
(* term as soon as a quorum stores it.  A server whose log lacks the entry *)
(* but ends in a newer term can still win the next election, so the       *)
(* "committed" entry is not in the new leader's log (LeaderCompleteness)   *)
(* and is later overwritten.  The correct rule (AdvanceCommitIndex) counts *)
(* replicas only for entries of the leader's own term.                     *)
(***************************************************************************)
EXTENDS MCRaft

\* BUG: no "log[i][n].term = currentTerm[i]" conjunct.
AdvanceCommitIndexFig8(i, n) ==
    /\ state[i] = "Leader"
    /\ n \in (commitIndex[i] + 1)..Len(log[i])
    /\ IsQuorum({i} \cup {k \in Server \ {i} : matchIndex[i][k] >= n})
    /\ CommitTo(i, n)
    /\ UNCHANGED spent

MCAdvanceCommitIndexFig8(i) ==
    \E n \in 1..Len(log[i]) : AdvanceCommitIndexFig8(i, n)

Fig8Next ==
    \/ MCReceiveNext \/ MCNetworkNext \/ MCRestartNext \/ MCOtherNext
    \/ \E i \in Server : MCAdvanceCommitIndexFig8(i)

Fig8Spec == MCInit /\ [][Fig8Next]_mcVars

=============================================================================
