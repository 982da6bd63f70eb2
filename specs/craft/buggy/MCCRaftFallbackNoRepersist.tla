--------------------- MODULE MCCRaftFallbackNoRepersist ---------------------
(***************************************************************************)
(* A leader that falls back to full copies without re-persisting its own   *)
(* uncommitted entries as full copies (Summerset skips this step: "should  *)
(* re-persist all data shards ... skipped"), yet counts itself in the full *)
(* rule as holding a full copy.  An entry is committed on the leader's     *)
(* shard and one follower's full copy: the read quorum of the leader and   *)
(* the third server holds one shard of it (CommittedRecoverable).          *)
(* LeaderFullInFullMode fails at the switch itself.                        *)
(***************************************************************************)
EXTENDS MCCRaft

\* BUG: the log as it is, not re-persisted.
LogAsIs(i) == log[i]

=============================================================================
