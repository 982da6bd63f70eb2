---------------------------- MODULE MCRepNothing ----------------------------
(***************************************************************************)
(* Model-checking bindings for RepNothing: the bound of the state space, a *)
(* state constraint, never a guard of RepNothing's actions.  Every         *)
(* MCRepNothing*.cfg runs this module; the buggy variants in buggy/ extend *)
(* it and swap Execute.                                                    *)
(*                                                                         *)
(* The log length is the only bound the model needs: memory and disk are   *)
(* bounded by it, applied by the disk, sm and answered by RequestIds, so   *)
(* every number of restarts is explored (a restart only shrinks memory to  *)
(* the disk) with no restart budget.  Two request ids give retries (an id  *)
(* appended twice) and interleaved clients.  No SYMMETRY: one server, and  *)
(* the state space is small.                                               *)
(***************************************************************************)
EXTENDS RepNothing

CONSTANT MaxLogLen   \* no log in memory grows beyond this many entries

\* Every action but Execute, so that a buggy variant can swap Execute.
MCOtherNext ==
    \/ \E i \in Server, id \in RequestIds : ClientRequest(i, id)
    \/ \E i \in Server : Sync(i) \/ Restart(i)

MCNext == MCOtherNext \/ \E i \in Server : Execute(i)

MCSpec == Init /\ [][MCNext]_vars

\* The bound.  A state outside it is not explored further.
MCConstraint == \A i \in Server : Len(mem[i]) <= MaxLogLen

=============================================================================
