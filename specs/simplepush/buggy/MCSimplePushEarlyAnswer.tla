---------------------- MODULE MCSimplePushEarlyAnswer ----------------------
(***************************************************************************)
(* A replica that answers a write once it is durable (and executed)        *)
(* locally, without waiting for its K peers' acknowledgements: the client  *)
(* has its answer while the write is on fewer than K + 1 logs, and a crash *)
(* of that one replica would lose it (AckedWritesDurable).  Summerset's    *)
(* messages.rs waits for every pushed peer's reply.                        *)
(***************************************************************************)
EXTENDS MCSimplePush

\* BUG: no "every peer acknowledged" condition.
AnswerEarly(i, id) ==
    /\ id \in DOMAIN pending[i]
    /\ Executed(i, id)
    /\ answered' = answered \cup {id}
    /\ pending' = [pending EXCEPT ![i] =
                     [r \in DOMAIN pending[i] \ {id} |-> pending[i][r]]]
    /\ UNCHANGED <<log, applied, messages, sm, invoked, reads, spent>>

EarlyAnswerNext ==
    \/ MCOtherNext
    \/ \E i \in Server : \E id \in DOMAIN pending[i] : AnswerEarly(i, id)

EarlyAnswerSpec == MCInit /\ [][EarlyAnswerNext]_mcVars

=============================================================================
