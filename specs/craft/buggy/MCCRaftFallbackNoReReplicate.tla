-------------------- MODULE MCCRaftFallbackNoReReplicate --------------------
(***************************************************************************)
(* A leader that, in full mode, commits with a majority of acks whatever   *)
(* the acked appends carried: it never re-replicates its uncommitted       *)
(* shard-mode entries as full copies (Summerset's fallback re-sends        *)
(* nothing and counts match indexes).  An entry replicated as a shard to   *)
(* one follower before the fallback is then committed on the leader's full *)
(* copy and that follower's shard: the read quorum of that follower and    *)
(* the third server holds one shard of it (CommittedRecoverable).          *)
(***************************************************************************)
EXTENDS MCCRaft

\* BUG: counts matchIndex (any ack) instead of fullMatch (acks of full
\* copies of every entry after the commit index).
FullRuleCountingAnyAck(i, n) ==
    /\ mode[i] = "full"
    /\ IsMajority({i} \cup {j \in Server \ {i} : matchIndex[i][j] >= n})

=============================================================================
