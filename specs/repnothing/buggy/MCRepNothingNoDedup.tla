------------------------ MODULE MCRepNothingNoDedup ------------------------
(***************************************************************************)
(* A state machine without client sessions ([Raft] 6.3): a retried write,  *)
(* appended to the log a second time, is executed a second time            *)
(* (ExecutedOnce).                                                         *)
(***************************************************************************)
EXTENDS MCRepNothing

\* BUG: the id joins sm[i] even if it is already there.
ExecuteWithoutSessions(i) ==
    /\ applied[i] < Len(disk[i])
    /\ LET id == disk[i][applied[i] + 1].id
       IN /\ sm' = [sm EXCEPT ![i] = Append(@, id)]
          /\ applied' = [applied EXCEPT ![i] = @ + 1]
          /\ answered' = answered \cup {id}
    /\ UNCHANGED <<mem, disk>>

NoDedupSpec ==
    Init /\ [][MCOtherNext \/ \E i \in Server : ExecuteWithoutSessions(i)]_vars

=============================================================================
