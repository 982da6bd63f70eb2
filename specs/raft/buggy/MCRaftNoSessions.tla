-------------------------- MODULE MCRaftNoSessions --------------------------
(***************************************************************************)
(* A state machine without client sessions ([Thesis] 6.3) executes every   *)
(* committed command, including a retry of a request that is already in    *)
(* the log.  Retries do reach the committed log twice, so such a state     *)
(* machine runs a request twice: the session invariant, stated for         *)
(* execution without the dedup rule, fails.  This is what the dedup rule   *)
(* in SessionExactlyOnce protects.                                         *)
(***************************************************************************)
EXTENDS MCRaft

\* BUG: every committed command executes, duplicates included.
ExecutesWithoutSessions(s, k) == s[k].kind = "cmd"

SessionExactlyOnceWithoutSessions ==
    SessionExactlyOnceUnder(ExecutesWithoutSessions)

=============================================================================
