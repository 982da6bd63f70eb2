-------------------------- MODULE MCRaftFig8Cause --------------------------
(***************************************************************************)
(* The Figure 8 bug of MCRaftFig8, caught at its cause: the buggy leader's *)
(* commit of an earlier term's entry breaks LeaderCommitsOwnTerm at once,  *)
(* long before the schedule in which the entry is lost.  The simulator     *)
(* checks the same property on the Java core.                              *)
(***************************************************************************)
EXTENDS MCRaftFig8
=============================================================================
