--------------------- MODULE MCRSPaxosSameBallotShards ---------------------
(***************************************************************************)
(* A new leader that counts only the shards of exactly the highest ballot  *)
(* reported, not every shard of that ballot's value: the reading of        *)
(* Summerset's handle_msg_prepare_reply (src/protocols/rspaxos/messages.rs *)
(* keeps the codeword of the highest ballot and merges only replies of     *)
(* the same ballot; with fewer than d shards and N - f replies it fills    *)
(* the slot with a null batch).  A chosen value that a later leader        *)
(* re-proposed in its own ballot, but got to fewer than d acceptors before *)
(* it was replaced, then has d shards in every read quorum only across two *)
(* ballots; the next leader takes the slot for free and a second value is  *)
(* chosen (Agreement).  RSPaxos.tla counts the shards of the value.        *)
(***************************************************************************)
EXTENDS MCRSPaxos

\* BUG: only the shards accepted in the highest ballot itself count.
ProposableSameBallot(reports) ==
    LET top == {r \in reports : r.bal = TopBal(reports)}
    IN IF TopBal(reports) >= 0 /\ Rebuilds({r.shard : r \in top})
       THEN {TopValue(reports)}
       ELSE Values

SameBallotSpec == Init /\ [][NextWith(ProposableSameBallot, IsWriteQuorum)]_vars

=============================================================================
