------------------------------ MODULE TlaJson -------------------------------
(***************************************************************************)
(* ToJson(v): the JSON text of a TLA+ value, so that a behaviour TLC       *)
(* generates can be read back outside TLA+ (the spec-driven conformance   *)
(* test, docs/verification.md).  Records become objects, sequences arrays, *)
(* sets arrays sorted by text, other functions objects keyed by their     *)
(* printed values, model values their names.                              *)
(*                                                                         *)
(* TLC evaluates it with the Java override                                 *)
(* dev.lockstep.trace.tlc.TlaJsonOverride (Lockstep's trace-check module  *)
(* must be on TLC's class path).  The body below only runs when the        *)
(* override is missing, and stops TLC with a message saying so.            *)
(***************************************************************************)
EXTENDS TLC

ToJson(v) ==
    Assert(FALSE, "ToJson has no TLA+ definition: put Lockstep's trace-check classes (tlc2.overrides.TLCOverrides) on TLC's class path")

=============================================================================
