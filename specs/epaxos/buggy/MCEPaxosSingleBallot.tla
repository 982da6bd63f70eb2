----------------------- MODULE MCEPaxosSingleBallot -----------------------
(***************************************************************************)
(* One ballot variable per instance for both "promised" and "accepted"     *)
(* ([S20]: EPaxos's TLA+ spec and Go code; EPaxos* keeps bal and abal      *)
(* apart, l. 26-33 and 46-49).  Promising a recovery ballot then also      *)
(* relabels the attributes a replica accepted earlier as accepted at that  *)
(* ballot, so a recovery can no longer tell the newest accepted attributes *)
(* from stale ones: a replica that accepted a candidate in an abandoned    *)
(* recovery and one that accepted the Nop a later recovery committed both  *)
(* answer a third recovery "accepted at my ballot", and the candidate is   *)
(* committed beside the Nop (CommittedOnce).                               *)
(***************************************************************************)
EXTENDS MCEPaxos

\* BUG: the promise is written to the one ballot variable, abal as well.
StartRecoverySingleBallot(p, i) ==
    LET b == NextBallot(p, BalOf(p, i))
        own == [Answer(RecoverReplyMsg(p, p, i, b)) EXCEPT !.abal = b]
    IN
    /\ IsHeardOf(p, i)
    /\ ~Committed(p, i)
    /\ bal' = Set(bal, 0, p, i, b)
    /\ abal' = Set(abal, 0, p, i, b)
    /\ preAccepts' = Drop(preAccepts, p, i)
    /\ accepts' = Drop(accepts, p, i)
    /\ recovery' = Put(recovery, p, i, NewRecovery(own))
    /\ Send({RecoverMsg(p, q, i, b) : q \in Others(p)})
    /\ UNCHANGED <<phase, cmd, deps, seq, initCmd, initDeps, initSeq,
                   next, waits, known, executed, ghostVars>>

HandleRecoverSingleBallot(q, m) ==
    LET i == m.inst IN
    /\ Receivable(q, m, "Recover")
    /\ BalOf(q, i) < m.bal
    /\ bal' = Set(bal, 0, q, i, m.bal)
    /\ abal' = Set(abal, 0, q, i, m.bal)
    /\ ForgetCoord(q, i)
    /\ Deliver(m, {[RecoverReplyMsg(q, m.from, i, m.bal) EXCEPT !.abal = m.bal]})
    /\ UNCHANGED <<phase, cmd, deps, seq, initCmd, initDeps, initSeq,
                   next, waits, known, executed, ghostVars>>

MCStartRecoverySingleBallot == CanSpend("recoveries") /\
    \E p \in Server : \E i \in HeardOf(p) :
        /\ NextBallot(p, BalOf(p, i)) < (MaxRound + 1) * 256
        /\ StartRecoverySingleBallot(p, i)
        /\ Spent("recoveries")

MCHandleRecoverSingleBallot ==
    \E m \in DOMAIN messages : HandleRecoverSingleBallot(m.to, m) /\ Step

SingleBallotNext ==
    \/ MCLocalNext \/ MCCommitReceiveNext \/ MCValidateReceiveNext
    \/ MCHandleRecoverSingleBallot \/ MCHandleRecoverReply
    \/ MCPropose \/ MCRequestCommit \/ MCStartRecoverySingleBallot
    \/ MCFaultNext

SingleBallotSpec == MCInit /\ [][SingleBallotNext]_mcVars

=============================================================================
