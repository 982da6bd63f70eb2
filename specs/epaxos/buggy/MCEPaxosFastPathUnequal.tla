---------------------- MODULE MCEPaxosFastPathUnequal ----------------------
(***************************************************************************)
(* The fast path taken on a fast quorum of answers without requiring them  *)
(* to equal the initial attributes ([EP] 4.3 Phase 1 step 11 commits only *)
(* when "all replies are identical"; [EP*] l. 20-21).  A replica that      *)
(* pre-accepted a concurrent conflicting command answers with a larger     *)
(* dependency set; committing the initial (smaller) one anyway leaves two  *)
(* conflicting commands each committed without the other among its deps    *)
(* (Visibility).                                                           *)
(***************************************************************************)
EXTENDS MCEPaxos

\* BUG: any n - e answers will do; their deps and seq are not compared.
FastCommitOnAnyAnswers(p, i) ==
    /\ Collecting(p, i)
    /\ Cardinality({a.from : a \in preAccepts[p][i]}) >= FastQuorum
    /\ CommitAndSend(p, i, CmdOf(p, i), InitDepsOf(p, i), InitSeqOf(p, i))

MCFastCommitOnAnyAnswers ==
    \E p \in Server : \E i \in DOMAIN preAccepts[p] :
        FastCommitOnAnyAnswers(p, i) /\ UNCHANGED spent

FastPathUnequalNext == MCFastCommitOnAnyAnswers \/ MCNext

FastPathUnequalSpec == MCInit /\ [][FastPathUnequalNext]_mcVars

=============================================================================
