-------------------------- MODULE TraceSimplePush --------------------------
(***************************************************************************)
(* Trace validation of the Java SimplePush core against SimplePush.tla.    *)
(*                                                                         *)
(* The trace is the core's NDJSON log (docs/protocols/simplepush-contract  *)
(* .md, "Trace lines"; docs/verification.md).  Line l is matched by the    *)
(* one SimplePush action it names, called with the logged node, parameters *)
(* and received message (found in the bag by its logged fields); the step  *)
(* must then produce the logged post-values of the acting node ("state")   *)
(* and add exactly the logged messages to the bag ("sent").  What the      *)
(* trace does not log (whole logs, other nodes, pending writes but the     *)
(* acks a HandlePushAck logs, the ghost history) follows from SimplePush's *)
(* actions.  The cursor l is the next line to match: the trace is accepted *)
(* iff some behaviour reaches l = Len(Trace) + 1, which the validator      *)
(* learns from TraceProgress.  SimplePush's invariants are checked along   *)
(* the way: the cheap ones in every state, the costly ones as action       *)
(* properties on the steps that can change them, exactly as strongly (see  *)
(* below).  Read, outside SimplePush's Next, never occurs in a trace.      *)
(***************************************************************************)
EXTENDS SimplePush, TraceCommon

traceVars == <<vars, l, specSent>>

\* K is the core's pushTo, which a trace does not log as such: every write
\* is pushed to K peers, so it is the number of peers of the trace's first
\* ClientRequest line (0 if it has none: then no line reads K).  Bound in
\* TraceSimplePush.cfg.
RECURSIVE FirstPeersFrom(_)
FirstPeersFrom(k) ==
    IF k > Len(Trace) THEN <<>>
    ELSE IF Trace[k].action = "ClientRequest" THEN Trace[k].params.peers
    ELSE FirstPeersFrom(k + 1)

TraceK == Cardinality(Range(FirstPeersFrom(1)))

-----------------------------------------------------------------------------
(* Messages.  A logged message is exactly the spec's record (no ghost      *)
(* fields).                                                                *)

Logged(m) == m

\* The messages in flight that the logged message lm stands for.
InFlight(lm) == {lm} \cap DOMAIN messages

-----------------------------------------------------------------------------
(* Lines to actions.                                                       *)

LineStep(ln) ==
    LET i == ln.node IN
    \/ ln.action = "ClientRequest" /\
         ClientRequest(i, ln.params.id, Range(ln.params.peers))
    \/ ln.action = "Push" /\ Push(i, ln.params.peer, ln.params.id)
    \/ ln.action = "HandlePush" /\ \E m \in InFlight(ln.msg) : HandlePush(i, m)
    \/ ln.action = "HandlePushAck" /\
         \E m \in InFlight(ln.msg) : HandlePushAck(i, m)
    \/ ln.action = "Answer" /\ Answer(i, ln.params.id)
    \/ ln.action = "Execute" /\ Execute(i)
    \/ ln.action = "Restart" /\ Restart(i)
    \/ ln.action = "DuplicateMessage" /\ \E m \in InFlight(ln.msg) : DuplicateMessage(m)
    \/ ln.action = "DropMessage" /\ \E m \in InFlight(ln.msg) : DropMessage(m)

-----------------------------------------------------------------------------
(* The logged "state" fields of node ln.node, as the spec has them in the  *)
(* given variable values: the one place that says which spec expression a  *)
(* trace field stands for.  acks (HandlePushAck only) are those of the     *)
(* received message's id; {} when that id is not pending (shown only by a  *)
(* diagnostic view: the action requires it pending).  An unknown field     *)
(* name yields a string that no logged value equals, so such a line is     *)
(* rejected.                                                               *)

SpecField(ln, f, lg, ap, pd) ==
    LET i == ln.node IN
    CASE f = "logLen"  -> Len(lg[i])
      [] f = "applied" -> ap[i]
      [] f = "acks" /\ ln.action = "HandlePushAck" ->
            IF ln.msg.id \in DOMAIN pd[i] THEN pd[i][ln.msg.id].acks ELSE {}
      [] OTHER -> "<no spec variable for the trace field " \o f \o ">"

\* A spec value agrees with the logged one.  acks is a set in the spec and
\* a sorted list in the trace.
FieldAgrees(f, specValue, loggedValue) ==
    IF f = "acks" THEN specValue = Range(loggedValue)
    ELSE specValue = loggedValue

SpecFields(ln, lg, ap, pd) ==
    [f \in DOMAIN ln.state |-> SpecField(ln, f, lg, ap, pd)]

StateAgrees(ln) ==
    \A f \in DOMAIN ln.state :
        FieldAgrees(f, SpecField(ln, f, log', applied', pending'), ln.state[f])

-----------------------------------------------------------------------------

TraceInit ==
    /\ Init
    /\ l = 1
    /\ specSent = EmptyBag

TraceNext ==
    /\ l <= Len(Trace)
    /\ LET ln == Trace[l] IN
          /\ LineStep(ln)
          /\ specSent' = messages' (-) messages
          /\ Checked(ln, LineChecked(ln, StateAgrees(ln), SentMatches(Logged, ln)))
    /\ l' = l + 1

-----------------------------------------------------------------------------
(* SimplePush's invariants whose cost grows with the logs, checked only on *)
(* what a step changed.  This is exactly as strong as checking them in     *)
(* every state, by induction over the steps: OnChangeBase checks them in   *)
(* the initial state, and each property below is the invariant in the      *)
(* post-state of a step given that it held in the pre-state.               *)
(* TraceSimplePush.cfg lists these as PROPERTIES in place of the           *)
(* invariants; a violation is reported as "Action property <Name>OnChange  *)
(* is violated".                                                           *)

OnChangeBase == l = 1 => AckedWritesDurable /\ ExecutedFromLog

\* The log of i only grew: a step keeps every id it held.
LogGrew(i) ==
    Len(log'[i]) >= Len(log[i]) /\ SubSeq(log'[i], 1, Len(log[i])) = log[i]

\* AckedWritesDurable: while no log loses an entry, the holders of an id
\* only grow, so only the newly answered ids need checking.
AckedWritesDurableOnChange ==
    [][IF \A i \in Server : LogGrew(i)
       THEN \A id \in answered' \ answered : IsDurable(id)'
       ELSE AckedWritesDurable']_traceVars

\* ExecutedFromLog of i: a step that keeps the executed prefix of the log
\* and executes at most the next entry keeps sm = the prefix's ids iff sm
\* is unchanged, resp. handed the next entry's id; any other step of i
\* (Restart) is checked with the definition.
ExecutedFromLogOnChange ==
    [][\A i \in Server :
          <<log[i], applied[i], sm[i]>>' # <<log[i], applied[i], sm[i]>> =>
             IF /\ applied'[i] \in {applied[i], applied[i] + 1}
                /\ applied'[i] <= Len(log'[i])
                /\ SubSeq(log'[i], 1, applied[i]) = SubSeq(log[i], 1, applied[i])
             THEN sm'[i] = IF applied'[i] = applied[i] THEN sm[i]
                           ELSE RunOnce(sm[i], log'[i][applied'[i]].id)
             ELSE ExecutedFromLogAt(i)']_traceVars

-----------------------------------------------------------------------------
(* The diagnostic view of a rejection run (TraceCommon's ProgressViewOf):  *)
(* before = the spec's values of the fields that line l logs, now (before  *)
(* line l); after = those of line l - 1 (the post-state it produced); sent *)
(* = what line l - 1 sent in the spec; msgInFlight = whether line l's      *)
(* received message is in flight.                                          *)

FieldsNow(k) ==
    IF k \in 1..Len(Trace) /\ "state" \in DOMAIN Trace[k]
    THEN SpecFields(Trace[k], log, applied, pending)
    ELSE NoFields

DiagnosticView ==
    [before      |-> FieldsNow(l),
     after       |-> FieldsNow(l - 1),
     sent        |-> specSent,
     msgInFlight |-> IF l <= Len(Trace) /\ "msg" \in DOMAIN Trace[l]
                     THEN InFlight(Trace[l].msg) # {} ELSE TRUE]

TraceConstraint == TraceConstraintOf(ProgressViewOf(DiagnosticView))

=============================================================================
