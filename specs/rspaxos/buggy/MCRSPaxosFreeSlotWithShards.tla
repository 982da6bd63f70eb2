-------------------- MODULE MCRSPaxosFreeSlotWithShards --------------------
(***************************************************************************)
(* A new leader that treats a slot as free although its promises hold      *)
(* enough shards of the highest ballot's value to rebuild it: it asks for  *)
(* q_w shards (the commit quorum) where d suffice, so a slot with d to     *)
(* q_w - 1 shards of its highest value is taken for free.  With q_r < q_w  *)
(* (here 2 < 3) it can never rebuild anything, like a leader that skips    *)
(* recovery: a value chosen in a lower ballot is replaced by a second      *)
(* chosen value (Agreement).                                               *)
(***************************************************************************)
EXTENDS MCRSPaxos

\* BUG: compares the shards of the highest ballot's value with q_w, not d.
ProposableWithWriteQuorum(reports) ==
    IF /\ TopBal(reports) >= 0
       /\ Cardinality({sh.idx : sh \in ShardsOf(reports, TopValue(reports))}) >= WriteQuorum
    THEN {TopValue(reports)}
    ELSE Values

FreeSlotSpec == Init /\ [][NextWith(ProposableWithWriteQuorum, IsWriteQuorum)]_vars

=============================================================================
