-------------------------------- MODULE Toy --------------------------------
(* A toy protocol for testing the trace-validation machinery: a server     *)
(* raises its term and tells the others; a receiver adopts a higher term.  *)
(* Messages are a bag.  TermBelowLimit is an invariant that traces can     *)
(* break on purpose.                                                       *)
EXTENDS Naturals, Bags

CONSTANTS Server, TermLimit

VARIABLES term, msgs
vars == <<term, msgs>>

Init == term = [s \in Server |-> 0] /\ msgs = EmptyBag

Bump(i) ==
    /\ term' = [term EXCEPT ![i] = @ + 1]
    /\ msgs' = msgs (+) SetToBag({[from |-> i, to |-> j, term |-> term[i] + 1] : j \in Server \ {i}})

Receive(i, m) ==
    /\ m.to = i
    /\ BagIn(m, msgs)
    /\ term' = [term EXCEPT ![i] = IF m.term > @ THEN m.term ELSE @]
    /\ msgs' = msgs (-) SetToBag({m})

Next ==
    \/ \E i \in Server : Bump(i)
    \/ \E m \in DOMAIN msgs : Receive(m.to, m)

TermBelowLimit == \A i \in Server : term[i] < TermLimit

=============================================================================
