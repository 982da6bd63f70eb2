---------------------------- MODULE TraceProgress ----------------------------
(***************************************************************************)
(* How far trace validation got.  A trace spec calls                       *)
(*     TraceProgress(l, [var1 |-> var1, ...])                              *)
(* from its state constraint, with l its line cursor: the Java override     *)
(* dev.lockstep.trace.tlc.ProgressOverride remembers the furthest l over    *)
(* every explored state and a few states at that l, and writes them out    *)
(* when TLC exits.  The trace is matched iff the furthest l is Len + 1.    *)
(* Always TRUE, so it never prunes the search.                             *)
(***************************************************************************)
EXTENDS TLC

TraceProgress(line, view) ==
    Assert(FALSE, "TraceProgress has no TLA+ definition: put Lockstep's trace-check classes (tlc2.overrides.TLCOverrides) on TLC's class path")

=============================================================================
