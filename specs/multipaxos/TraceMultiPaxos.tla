-------------------------- MODULE TraceMultiPaxos --------------------------
(***************************************************************************)
(* Trace validation of the Java MultiPaxos core against MultiPaxos.tla.    *)
(*                                                                         *)
(* The trace is the core's NDJSON log (docs/protocols/multipaxos-contract  *)
(* .md, "Trace lines"; docs/verification.md).  Line l is matched by the    *)
(* one MultiPaxos action it names, called with the logged node, parameters *)
(* and received message (found in the bag by its logged fields); the step  *)
(* must then produce the logged post-values of the acting node ("state")   *)
(* and add exactly the logged messages to the bag ("sent").  What the      *)
(* trace does not log (whole logs, other nodes, recovered entries, acks,   *)
(* the ghost history, the commit index a Restart restores) follows from    *)
(* MultiPaxos's actions; where the spec is nondeterministic TLC's          *)
(* breadth-first search keeps every choice the later lines allow.  The     *)
(* cursor l is the next line to match: the trace is accepted iff some      *)
(* behaviour reaches l = Len(Trace) + 1, which the validator learns from   *)
(* TraceProgress.  MultiPaxos's invariants are checked along the way: the  *)
(* cheap ones in every state, the costly ones as action properties on the  *)
(* steps that can change them, exactly as strongly (see below).           *)
(***************************************************************************)
EXTENDS MultiPaxos, TraceCommon

traceVars == <<vars, l, specSent>>

\* MultiPaxos's constants that a trace does not fix (bound in the .cfg):
\* any request id; MaxBatch is a tuning knob of the core.
TraceMaxBatch == TraceUnbounded

-----------------------------------------------------------------------------
(* Messages.  A logged message has the contract's fields; the spec's       *)
(* InstallSnapshotRequest also carries the ghost field entries (the core's *)
(* untraced snapshot bytes and lastBal stand for it).                      *)

Logged(m) ==
    IF m.type = "InstallSnapshotRequest"
    THEN [type |-> m.type, from |-> m.from, to |-> m.to, ballot |-> m.ballot,
          lastSlot |-> m.lastSlot]
    ELSE m

\* The messages in flight that the logged message lm stands for.
InFlight(lm) ==
    IF lm.type = "InstallSnapshotRequest"
    THEN {m \in DOMAIN messages : Logged(m) = lm}
    ELSE {lm} \cap DOMAIN messages

-----------------------------------------------------------------------------
(* Lines to actions.                                                       *)

LineStep(ln) ==
    LET i == ln.node IN
    \/ ln.action = "Prepare" /\ Prepare(i)
    \/ ln.action = "HandlePrepareRequest" /\
         \E m \in InFlight(ln.msg) : HandlePrepareRequest(i, m)
    \/ ln.action = "HandlePrepareResponse" /\
         \E m \in InFlight(ln.msg) : HandlePrepareResponse(i, m)
    \/ ln.action = "BecomeLeader" /\ BecomeLeader(i)
    \/ ln.action = "ObserveBallot" /\ \E m \in InFlight(ln.msg) : ObserveBallot(i, m)
    \/ ln.action = "ClientRequest" /\ ClientRequest(i, ln.params.id)
    \/ ln.action = "Accept" /\
         Accept(i, ln.params.peer, ln.params.slot, ln.params.count)
    \/ ln.action = "HandleAcceptRequest" /\
         \E m \in InFlight(ln.msg) : HandleAcceptRequest(i, m)
    \/ ln.action = "HandleAcceptResponse" /\
         \E m \in InFlight(ln.msg) : HandleAcceptResponse(i, m)
    \/ ln.action = "AdvanceCommit" /\ AdvanceCommit(i, ln.params.n)
    \/ ln.action = "CatchUp" /\
         CatchUp(i, ln.params.peer, ln.params.slot, ln.params.count)
    \/ ln.action = "HandleCatchUpRequest" /\
         \E m \in InFlight(ln.msg) : HandleCatchUpRequest(i, m)
    \/ ln.action = "InstallSnapshot" /\
         InstallSnapshot(i, ln.params.peer, ln.params.lastSlot)
    \/ ln.action = "HandleInstallSnapshotRequest" /\
         \E m \in InFlight(ln.msg) : HandleInstallSnapshotRequest(i, m)
    \/ ln.action = "Restart" /\ Restart(i)
    \/ ln.action = "DuplicateMessage" /\ \E m \in InFlight(ln.msg) : DuplicateMessage(m)
    \/ ln.action = "DropMessage" /\ \E m \in InFlight(ln.msg) : DropMessage(m)

-----------------------------------------------------------------------------
(* The logged "state" fields of node ln.node, as the spec has them in the  *)
(* given variable values: the one place that says which spec expression a  *)
(* trace field stands for.  firstSlot/lastSlot are the slots BecomeLeader  *)
(* (commitIndex + 1 .. the highest recovered slot; recovered is kept until *)
(* the next Prepare or step-down) or ClientRequest (the appended slot)     *)
(* wrote.  An unknown field name yields a string that no logged value      *)
(* equals, so such a line is rejected.                                     *)

SpecField(ln, f, pm, rl, ci, lg, ps, rc) ==
    LET i == ln.node IN
    CASE f = "promised"    -> pm[i]
      [] f = "role"        -> rl[i]
      [] f = "commitIndex" -> ci[i]
      [] f = "logLen"      -> Len(lg[i])
      [] f = "logLastBal"  -> LastBal(lg[i])
      [] f = "promises"    -> ps[i]
      [] f = "firstSlot" /\ ln.action = "BecomeLeader" -> ci[i] + 1
      [] f = "lastSlot" /\ ln.action = "BecomeLeader"  -> Max(ci[i], MaxSlot(rc[i]))
      [] f \in {"firstSlot", "lastSlot"} /\ ln.action = "ClientRequest" -> Len(lg[i])
      [] OTHER -> "<no spec variable for the trace field " \o f \o ">"

\* A spec value agrees with the logged one.  promises is a set in the spec
\* and a sorted list in the trace.
FieldAgrees(f, specValue, loggedValue) ==
    IF f = "promises" THEN specValue = Range(loggedValue)
    ELSE specValue = loggedValue

SpecFields(ln, pm, rl, ci, lg, ps, rc) ==
    [f \in DOMAIN ln.state |-> SpecField(ln, f, pm, rl, ci, lg, ps, rc)]

StateAgrees(ln) ==
    \A f \in DOMAIN ln.state :
        FieldAgrees(f, SpecField(ln, f, promised', role', commitIndex', log',
                                 promises', recovered'),
                    ln.state[f])


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
(* MultiPaxos's invariants whose cost grows with the log length (times the *)
(* number of servers or of acceptances), checked only where a step can     *)
(* change them.  This is exactly as strong as checking them in every       *)
(* state: they hold in Init, the ghost votes only grow (so a value once    *)
(* chosen stays chosen, and ChosenValues(s) changes only when votes[s]     *)
(* does), and each is a conjunction over slots, servers or pairs of        *)
(* servers whose conjuncts (MultiPaxos's <Name>At) read only the changed   *)
(* slots' votes, or the changed servers' committed values.                 *)
(* TraceMultiPaxos.cfg lists these as PROPERTIES in place of the           *)
(* invariants; a violation is reported as "Action property                 *)
(* <Name>OnChange is violated".                                            *)

\* The slots whose acceptances the step changed.
VotedSlots == {s \in DOMAIN votes' : s \notin DOMAIN votes \/ votes'[s] # votes[s]}

\* The committed slots of i that are new or whose value the step changed.
NewlyCommitted(i) ==
    {s \in 1..commitIndex'[i] :
        s > commitIndex[i] \/ Value(log'[i][s]) # Value(log[i][s])}

OneValuePerBallotOnChange ==
    [][\A s \in VotedSlots : OneValuePerBallotAt(s)']_traceVars

ChosenUniqueOnChange ==
    [][\A s \in VotedSlots : ChosenUniqueAt(s)']_traceVars

CommittedChosenOnChange ==
    [][\A i \in Server : \A s \in NewlyCommitted(i) : CommittedChosenAt(i, s)']_traceVars

CommittedPrefixesAgreeOnChange ==
    [][\A i \in Server : \A s \in NewlyCommitted(i) : \A j \in Server :
          s <= commitIndex'[j] => CommittedAgreeAt(i, j, s)']_traceVars

-----------------------------------------------------------------------------
(* The diagnostic view of a rejection run (TraceCommon's ProgressViewOf):  *)
(* before = the spec's values of the fields that line l logs, now (before  *)
(* line l); after = those of line l - 1 (the post-state it produced); sent *)
(* = what line l - 1 sent in the spec; msgInFlight = whether line l's      *)
(* received message is in flight.                                          *)

FieldsNow(k) ==
    IF k \in 1..Len(Trace) /\ "state" \in DOMAIN Trace[k]
    THEN SpecFields(Trace[k], promised, role, commitIndex, log, promises,
                    recovered)
    ELSE NoFields

DiagnosticView ==
    [before      |-> FieldsNow(l),
     after       |-> FieldsNow(l - 1),
     sent        |-> specSent,
     msgInFlight |-> IF l <= Len(Trace) /\ "msg" \in DOMAIN Trace[l]
                     THEN InFlight(Trace[l].msg) # {} ELSE TRUE]

TraceConstraint == TraceConstraintOf(ProgressViewOf(DiagnosticView))

=============================================================================
