------------------------ MODULE MCCRaftMajorityCommit ------------------------
(***************************************************************************)
(* A leader that commits with a plain majority of servers storing an entry *)
(* while they store only shards (Raft's rule, as if every copy were full). *)
(* The quorum constants still satisfy q_w + q_r - N >= d; only the shard   *)
(* rule is wrong.  With N = 3 and d = 2, an entry committed on the shards  *)
(* of two servers leaves a read quorum (one of them and the third server)  *)
(* with a single shard of it: it cannot be rebuilt from there              *)
(* (CommittedRecoverable), and a new leader reading that quorum may drop   *)
(* it.                                                                     *)
(***************************************************************************)
EXTENDS MCCRaft

\* BUG: a majority of the servers, not q_w of them.
MajorityShardRuleOK(i, n) ==
    IsMajority({i} \cup {j \in Server \ {i} : matchIndex[i][j] >= n})

=============================================================================
