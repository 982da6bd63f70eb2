--------------------- MODULE MCMultiPaxosForgetfulAcceptor ---------------------
(***************************************************************************)
(* An acceptor that keeps its promise in volatile memory only ([PMS] 2.3:  *)
(* an acceptor must remember its promises even if it fails and restarts). *)
(* After a restart it promises, and accepts in, a ballot below one it had  *)
(* promised, so a lower ballot's leader, unaware of the higher ballot,     *)
(* gets a second value chosen (ChosenUnique).  The Java core's broken twin *)
(* is BrokenMultiPaxosVariants.forgetfulAcceptor.                          *)
(***************************************************************************)
EXTENDS MCMultiPaxos

\* BUG: Restart also resets the promise.
RestartForgettingPromise(i) ==
    /\ StepDown(i)
    /\ promised' = [promised EXCEPT ![i] = 0]
    /\ commitIndex' = [commitIndex EXCEPT ![i] = 0]
    /\ UNCHANGED <<log, messages, ghostVars>>
    /\ Spend("restarts")

ForgetfulNext ==
    \/ MCReceiveNext \/ MCNetworkNext \/ MCLeaderNext \/ MCOtherNext
    \/ \E i \in Server : RestartForgettingPromise(i)

ForgetfulSpec == MCInit /\ [][ForgetfulNext]_mcVars

=============================================================================
