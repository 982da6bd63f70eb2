------------------- MODULE MCRepNothingAnswerBeforeSync -------------------
(***************************************************************************)
(* A replica that executes and answers a write as soon as it is in memory, *)
(* before the fsync (Summerset's durability.rs executes an instance only   *)
(* once its WAL append is durable).  The client has its answer while the   *)
(* write is on no disk, and a crash then loses it (AckedWritesDurable).    *)
(***************************************************************************)
EXTENDS MCRepNothing

\* BUG: enabled on mem instead of disk.
ExecuteBeforeSync(i) ==
    /\ applied[i] < Len(mem[i])
    /\ LET id == mem[i][applied[i] + 1].id
       IN /\ sm' = [sm EXCEPT ![i] = RunOnce(@, id)]
          /\ applied' = [applied EXCEPT ![i] = @ + 1]
          /\ answered' = answered \cup {id}
    /\ UNCHANGED <<mem, disk>>

AnswerBeforeSyncSpec ==
    Init /\ [][MCOtherNext \/ \E i \in Server : ExecuteBeforeSync(i)]_vars

=============================================================================
