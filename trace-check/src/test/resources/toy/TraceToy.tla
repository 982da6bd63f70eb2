------------------------------ MODULE TraceToy ------------------------------
(* Trace validation of Toy, built like TraceRaft: each line                *)
(* {"action", "node", "msg"?, "state": {"term"}} is one Toy action with    *)
(* the node's logged post-value of term; l is the next line to match.      *)
EXTENDS Toy, NDJson, TraceProgress, Sequences, TLC

CONSTANTS TraceFile, RelaxLine

VARIABLE l

Trace == NDJsonRead(TraceFile)

LineStep(ln) ==
    \/ ln.action = "Bump" /\ Bump(ln.node)
    \/ ln.action = "Receive" /\ Receive(ln.node, ln.msg)

LineChecked(ln) == term'[ln.node] = ln.state.term

TraceInit == Init /\ l = 1

TraceNext ==
    /\ l <= Len(Trace)
    /\ LineStep(Trace[l])
    /\ IF l = RelaxLine THEN TRUE ELSE LineChecked(Trace[l])
    /\ l' = l + 1

FieldsNow(k) ==
    IF k \in 1..Len(Trace) THEN [term |-> term[Trace[k].node]] ELSE [f \in {} |-> 0]

ProgressView ==
    IF RelaxLine > 0 /\ l \in {RelaxLine, RelaxLine + 1}
    THEN [before |-> FieldsNow(l), after |-> FieldsNow(l - 1), sent |-> EmptyBag,
          msgInFlight |-> IF l <= Len(Trace) /\ "msg" \in DOMAIN Trace[l]
                          THEN BagIn(Trace[l].msg, msgs) ELSE TRUE]
    ELSE [f \in {} |-> 0]

TraceConstraint ==
    /\ TraceProgress(l, ProgressView)
    /\ \/ l > Len(Trace)
       \/ RelaxLine > 0 /\ l > RelaxLine + 1
       => TLCSet("exit", TRUE)

=============================================================================
