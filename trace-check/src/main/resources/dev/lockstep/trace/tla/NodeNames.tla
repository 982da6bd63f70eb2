------------------------------ MODULE NodeNames ------------------------------
(***************************************************************************)
(* Node names in traces are strings "n1", "n2", ... (docs/runtime-       *)
(* contract.md).  TLA+ cannot read a number out of a string, and a spec    *)
(* that orders nodes (EPaxos's execution tie-break) needs one:             *)
(* NodeNumber("n12") = 12.  Any other string stops TLC with a message.     *)
(*                                                                         *)
(* TLC evaluates it with the Java override                                 *)
(* dev.lockstep.trace.tlc.NodeNameOverride (Lockstep's trace-check module *)
(* must be on TLC's class path).  The body below only runs when the        *)
(* override is missing, and stops TLC with a message saying so.            *)
(***************************************************************************)
EXTENDS TLC

NodeNumber(name) ==
    Assert(FALSE, "NodeNumber has no TLA+ definition: put Lockstep's trace-check classes (tlc2.overrides.TLCOverrides) on TLC's class path")

=============================================================================
