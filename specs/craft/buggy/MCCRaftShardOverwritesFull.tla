--------------------- MODULE MCCRaftShardOverwritesFull ---------------------
(***************************************************************************)
(* A server that stores what an append carries for an entry it has already *)
(* (same index and term), instead of keeping every shard of both: a shard  *)
(* replaces a full copy.  A shard of an entry reaches a server holding its *)
(* full copy when an append sent before a fallback arrives late, when a    *)
(* leader re-sends after switching back to shards, or when the next        *)
(* leader re-sends the entry in shard mode.  An entry committed by the     *)
(* full rule on two servers then has a single full copy left, and the read *)
(* quorum without it holds one shard (CommittedRecoverable).  This is what *)
(* a switch back to shard mode must not do to earlier full-mode entries.   *)
(***************************************************************************)
EXTENDS MCCRaft

\* BUG: the new copy replaces the old one.
TakeNewShards(old, new) == new

=============================================================================
