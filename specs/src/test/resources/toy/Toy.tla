---------------------------- MODULE Toy ----------------------------
(* A toy message-passing spec for the runner's tests: nodes send numbered  *)
(* messages into a bag; delivering one appends its value to a shared log.  *)
EXTENDS Naturals, Sequences, Bags, FiniteSets

CONSTANTS Node, MaxVal, LogLimit

VARIABLES counter, inbox, log, seen

vars == <<counter, inbox, log, seen>>

Init ==
    /\ counter = [n \in Node |-> 0]
    /\ inbox = EmptyBag
    /\ log = <<>>
    /\ seen = {}

Send(n) ==
    /\ counter[n] < MaxVal
    /\ counter' = [counter EXCEPT ![n] = @ + 1]
    /\ inbox' = inbox (+) SetToBag({[from |-> n, val |-> counter[n] + 1]})
    /\ UNCHANGED <<log, seen>>

Deliver(m) ==
    /\ BagIn(m, inbox)
    /\ inbox' = inbox (-) SetToBag({m})
    /\ log' = Append(log, m.val)
    /\ seen' = seen \cup {m.from}
    /\ UNCHANGED counter

\* Named, so that TLC reports this action as DeliverSome rather than Next (the set
\* it quantifies over depends on the state, so TLC cannot split it further).
DeliverSome == \E m \in BagToSet(inbox) : Deliver(m)

Next ==
    \/ \E n \in Node : Send(n)
    \/ DeliverSome

TypeOK ==
    /\ counter \in [Node -> 0..MaxVal]
    /\ seen \subseteq Node

\* Violated as soon as the log reaches LogLimit entries.
LogBounded == Len(log) < LogLimit

\* Counters never decrease.
Monotonic == [][\A n \in Node : counter'[n] >= counter[n]]_vars
=============================================================================
