-------------------------- MODULE TraceRepNothing --------------------------
(***************************************************************************)
(* Trace validation of the Java RepNothing core against RepNothing.tla.    *)
(*                                                                         *)
(* The trace is the core's NDJSON log (docs/protocols/repnothing-contract  *)
(* .md, "Trace lines"; docs/verification.md).  Line l is matched by the    *)
(* one RepNothing action it names, called with the logged node and         *)
(* parameters; the step must then produce the logged post-values of the    *)
(* acting node ("state") and send nothing ("sent" is always empty:         *)
(* RepNothing has no messages).  What the trace does not log (the logs     *)
(* themselves, the ghost history) follows from RepNothing's actions.  The  *)
(* cursor l is the next line to match: the trace is accepted iff some      *)
(* behaviour reaches l = Len(Trace) + 1, which the validator learns from   *)
(* TraceProgress.  RepNothing's invariants are checked along the way: the  *)
(* cheap ones in every state, the costly ones as action properties on the  *)
(* steps that can change them, exactly as strongly (see below).            *)
(***************************************************************************)
EXTENDS RepNothing, TraceCommon

traceVars == <<vars, l, specSent>>

-----------------------------------------------------------------------------
(* Messages: RepNothing sends none, so no logged message is ever in flight *)
(* and a line that receives one is rejected.                               *)

Logged(m) == m

InFlight(lm) == {}

-----------------------------------------------------------------------------
(* Lines to actions.  A client write is three lines, released together     *)
(* once its persist is durable: ClientRequest, Sync, Execute.              *)

LineStep(ln) ==
    LET i == ln.node IN
    \/ ln.action = "ClientRequest" /\ ClientRequest(i, ln.params.id)
    \/ ln.action = "Sync" /\ Sync(i)
    \/ ln.action = "Execute" /\ Execute(i)
    \/ ln.action = "Restart" /\ Restart(i)

-----------------------------------------------------------------------------
(* The logged "state" fields of node ln.node, as the spec has them in the  *)
(* given variable values: the one place that says which spec expression a  *)
(* trace field stands for.  An unknown field name yields a string that no  *)
(* logged value equals, so such a line is rejected.                        *)

SpecField(ln, f, mm, dk, ap) ==
    LET i == ln.node IN
    CASE f = "memLen"  -> Len(mm[i])
      [] f = "diskLen" -> Len(dk[i])
      [] f = "applied" -> ap[i]
      [] OTHER -> "<no spec variable for the trace field " \o f \o ">"

SpecFields(ln, mm, dk, ap) ==
    [f \in DOMAIN ln.state |-> SpecField(ln, f, mm, dk, ap)]

StateAgrees(ln) ==
    \A f \in DOMAIN ln.state : SpecField(ln, f, mem', disk', applied') = ln.state[f]

-----------------------------------------------------------------------------

TraceInit ==
    /\ Init
    /\ l = 1
    /\ specSent = EmptyBag

TraceNext ==
    /\ l <= Len(Trace)
    /\ LET ln == Trace[l] IN
          /\ LineStep(ln)
          /\ specSent' = EmptyBag
          /\ Checked(ln, LineChecked(ln, StateAgrees(ln), SentMatches(Logged, ln)))
    /\ l' = l + 1

-----------------------------------------------------------------------------
(* RepNothing's invariants whose cost grows with the logs, checked only on *)
(* what a step changed.  This is exactly as strong as checking them in     *)
(* every state, by induction over the steps: OnChangeBase checks them in   *)
(* the initial state, and each property below is the invariant in the      *)
(* post-state of a step given that it held in the pre-state.               *)
(* TraceRepNothing.cfg lists these as PROPERTIES in place of the           *)
(* invariants; a violation is reported as "Action property <Name>OnChange  *)
(* is violated".                                                           *)

OnChangeBase == l = 1 => AckedWritesDurable /\ ExecutedFromDisk

\* The durable log of i only grew: a step keeps every durable id there.
DiskGrew(i) ==
    Len(disk'[i]) >= Len(disk[i]) /\ SubSeq(disk'[i], 1, Len(disk[i])) = disk[i]

\* AckedWritesDurable: while no disk loses an entry, only the newly
\* answered ids need checking.
AckedWritesDurableOnChange ==
    [][IF \A i \in Server : DiskGrew(i)
       THEN \A id \in answered' \ answered : IsDurable(id)'
       ELSE AckedWritesDurable']_traceVars

\* ExecutedFromDisk of i: a step that keeps the executed prefix of the disk
\* and executes at most the next entry keeps sm = the prefix's ids iff sm
\* is unchanged, resp. handed the next entry's id; any other step of i is
\* checked with the definition.
ExecutedFromDiskOnChange ==
    [][\A i \in Server :
          <<disk[i], applied[i], sm[i]>>' # <<disk[i], applied[i], sm[i]>> =>
             IF /\ applied'[i] \in {applied[i], applied[i] + 1}
                /\ applied'[i] <= Len(disk'[i])
                /\ SubSeq(disk'[i], 1, applied[i]) = SubSeq(disk[i], 1, applied[i])
             THEN sm'[i] = IF applied'[i] = applied[i] THEN sm[i]
                           ELSE RunOnce(sm[i], disk'[i][applied'[i]].id)
             ELSE ExecutedFromDiskAt(i)']_traceVars

-----------------------------------------------------------------------------
(* The diagnostic view of a rejection run (TraceCommon's ProgressViewOf):  *)
(* before = the spec's values of the fields that line l logs, now (before  *)
(* line l); after = those of line l - 1 (the post-state it produced); sent *)
(* = what line l - 1 sent in the spec; msgInFlight = whether line l's      *)
(* received message is in flight.                                          *)

FieldsNow(k) ==
    IF k \in 1..Len(Trace) /\ "state" \in DOMAIN Trace[k]
    THEN SpecFields(Trace[k], mem, disk, applied)
    ELSE NoFields

DiagnosticView ==
    [before      |-> FieldsNow(l),
     after       |-> FieldsNow(l - 1),
     sent        |-> specSent,
     msgInFlight |-> IF l <= Len(Trace) /\ "msg" \in DOMAIN Trace[l]
                     THEN InFlight(Trace[l].msg) # {} ELSE TRUE]

TraceConstraint == TraceConstraintOf(ProgressViewOf(DiagnosticView))

=============================================================================
