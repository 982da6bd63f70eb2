----------------------- MODULE MCMultiPaxosSkipRecovery -----------------------
(***************************************************************************)
(* A new leader that skips phase-1 recovery ([PMS] 2.2 phase 2a requires   *)
(* proposing the value of the highest-numbered proposal among the          *)
(* promises): in each open slot it re-proposes its own accepted value, or  *)
(* a no-op, ignoring what its promises reported.  A value chosen in a      *)
(* lower ballot by a quorum that excludes the new leader is then replaced  *)
(* by a second chosen value (ChosenUnique).  The Java core's broken twin   *)
(* is BrokenMultiPaxosVariants.skipRecoveryLeader.                         *)
(***************************************************************************)
EXTENDS MCMultiPaxos

\* BUG: the proposal ignores recovered[i]; only i's own log counts.
OwnProposal(i, s) ==
    IF s <= Len(log[i]) /\ log[i][s].kind # "none"
    THEN [log[i][s] EXCEPT !.bal = promised[i]]
    ELSE Noop(promised[i])

BecomeLeaderSkippingRecovery(i) ==
    /\ role[i] = "Preparing"
    /\ IsQuorum(promises[i])
    /\ LeadWith(i, Max(commitIndex[i], MaxSlot(recovered[i])),
                LAMBDA s : OwnProposal(i, s))
    /\ UNCHANGED spent

SkipRecoveryNext ==
    \/ MCReceiveNext \/ MCNetworkNext \/ MCRestartNext \/ MCOtherNext
    \/ \E i \in Server : BecomeLeaderSkippingRecovery(i)

SkipRecoverySpec == MCInit /\ [][SkipRecoveryNext]_mcVars

=============================================================================
