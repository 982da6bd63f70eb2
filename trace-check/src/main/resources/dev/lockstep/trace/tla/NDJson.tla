------------------------------- MODULE NDJson -------------------------------
(***************************************************************************)
(* Reading NDJSON files (one JSON object per line) in TLC.                 *)
(*                                                                         *)
(* NDJsonRead(path) is the file's lines as a sequence of records: a JSON   *)
(* object is a record, an array a sequence, a string a string, an integer  *)
(* an integer (32-bit), true/false a boolean.  null, fractions and larger  *)
(* integers are rejected with the line number and field.                   *)
(*                                                                         *)
(* TLC evaluates it with the Java override                                 *)
(* dev.lockstep.trace.tlc.NDJsonOverride (Lockstep's trace-check module    *)
(* must be on TLC's class path).  The body below only runs when the        *)
(* override is missing, and stops TLC with a message saying so.            *)
(***************************************************************************)
EXTENDS TLC

NDJsonRead(path) ==
    Assert(FALSE, "NDJsonRead has no TLA+ definition: put Lockstep's trace-check classes (tlc2.overrides.TLCOverrides) on TLC's class path")

=============================================================================
