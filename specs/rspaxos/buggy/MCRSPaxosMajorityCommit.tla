---------------------- MODULE MCRSPaxosMajorityCommit ----------------------
(***************************************************************************)
(* A leader that commits with a plain majority of Accepted replies, as     *)
(* MultiPaxos does with full copies, while acceptors store only shards.    *)
(* The quorum constants still satisfy q_w + q_r - N >= d; only the commit  *)
(* rule is wrong.  With N = 3 and d = 2, a slot committed on the shards of *)
(* two acceptors has a read quorum (one of them and the third acceptor)    *)
(* holding a single shard of it: the committed value cannot be rebuilt     *)
(* from there (CommittedRecoverable), and a later leader reading that      *)
(* quorum finds the slot free and gets a second value committed            *)
(* (CommittedAgreement).                                                   *)
(***************************************************************************)
EXTENDS MCRSPaxos

\* BUG: a majority of the acceptors, not q_w of them.
IsMajority(S) == 2 * Cardinality(S) > N

MajorityCommitSpec == Init /\ [][NextWith(Proposable, IsMajority)]_vars

=============================================================================
