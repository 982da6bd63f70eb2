--------------------------- MODULE MCRaftEarlyRead ---------------------------
(***************************************************************************)
(* ReadIndex without its first step ([Thesis] 6.4): a new leader takes a   *)
(* read before it has committed an entry of its own term, so its commit    *)
(* index may still lag what the previous leader committed.  Confirming     *)
(* leadership with a heartbeat quorum does not help: the read misses an    *)
(* acknowledged write (ReadLinearizable).                                   *)
(***************************************************************************)
EXTENDS MCRaft

\* BUG: no "log[i][commitIndex[i]].term = currentTerm[i]" guard.
ClientReadEarly(i, id) ==
    /\ state[i] = "Leader"
    /\ id > lastReadId[i]
    /\ pendingReads' = [pendingReads EXCEPT ![i] =
          Append(@, [id |-> id, index |-> commitIndex[i],
                     term |-> currentTerm[i], acks |-> {i}])]
    /\ lastReadId' = [lastReadId EXCEPT ![i] = id]
    /\ readStart' = [readStart EXCEPT ![i] =
                       @ \cup {[id |-> id, start |-> Len(committed)]}]
    /\ UNCHANGED <<durableVars, state, commitIndex, votesGranted, matchIndex,
                   messages, committed, elections, lastServedRead, spent>>

MCClientReadEarly(i) == ClientReadEarly(i, lastReadId[i] + 1)

EarlyReadNext == MCNext \/ \E i \in Server : MCClientReadEarly(i)

EarlyReadSpec == MCInit /\ [][EarlyReadNext]_mcVars

=============================================================================
