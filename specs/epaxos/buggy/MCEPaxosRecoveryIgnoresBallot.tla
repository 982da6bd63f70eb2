------------------- MODULE MCEPaxosRecoveryIgnoresBallot -------------------
(***************************************************************************)
(* A recovery that takes any accepted answer, not one accepted at the      *)
(* highest abal among its answers ([EP*] l. 52-56, as Paxos's phase 2a).   *)
(* Attributes accepted in an abandoned recovery then replace the Nop that  *)
(* a later recovery committed (CommittedOnce).                             *)
(***************************************************************************)
EXTENDS MCEPaxos

\* BUG: "accepted" is looked for among all answers, not only those at the
\* highest abal.
RecoverAnyAccepted(p, i) ==
    /\ RecoverQuorum(p, i)
    /\ \A a \in RTop(p, i) : a.phase # "committed"
    /\ \E a \in recovery[p][i].answers :
          /\ a.phase = "accepted"
          /\ LeadAccept(p, i, a.cmd, a.deps, a.seq)

MCRecoverAnyAccepted ==
    \E p \in Server : \E i \in DOMAIN recovery[p] :
        RecoverAnyAccepted(p, i) /\ UNCHANGED spent

RecoveryIgnoresBallotNext ==
    \/ MCCommitLocalNext \/ MCValidateLocalNext \/ MCExecute
    \/ MCRecoverCommitted \/ MCRecoverAnyAccepted
    \/ MCRecoverNop \/ MCStartValidate
    \/ MCOtherNext

RecoveryIgnoresBallotSpec == MCInit /\ [][RecoveryIgnoresBallotNext]_mcVars

=============================================================================
