------------------------ MODULE MCCRaftDropWithShards ------------------------
(***************************************************************************)
(* A new leader that drops an entry although the shards it gathered from a *)
(* read quorum rebuild it: it asks for q_w distinct shards (the commit     *)
(* quorum) where d suffice.  With q_r < q_w (here 2 < 3) it can never      *)
(* rebuild an entry it holds a shard of from one answer, so, like a leader *)
(* that skips recovery and drops what it cannot decode alone, it truncates *)
(* a committed entry it did not know was committed: Leader Completeness    *)
(* fails as soon as it leads.  The analogue of RSPaxos's                   *)
(* buggy/MCRSPaxosFreeSlotWithShards.                                      *)
(***************************************************************************)
EXTENDS MCCRaft

\* BUG: compares the distinct shards gathered with q_w, not d.
WriteQuorumShards(shards) == Cardinality({sh.idx : sh \in shards}) >= WriteQuorum

=============================================================================
