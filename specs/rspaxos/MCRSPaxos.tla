----------------------------- MODULE MCRSPaxos -----------------------------
(***************************************************************************)
(* Model-checking bindings for RSPaxos.  The state space is finite without *)
(* bounds (finite Ballots, Slots and Values; msgs only grows, within a     *)
(* finite set of messages), so this module adds only symmetry and MCNext   *)
(* (below).  Every                                                         *)
(* MCRSPaxos*.cfg without its own module runs this one; the buggy variants *)
(* in buggy/ extend it.                                                    *)
(*                                                                         *)
(* SYMMETRY: acceptors are interchangeable (a ballot stands for its        *)
(* leader, so no acceptor owns a ballot, and acceptor a's shard index is a *)
(* itself, renamed with it), and so are values (no value is special; the   *)
(* recovery rule may propose any of them in a free slot).  Ballots and     *)
(* slots are ordered and are not permuted.  Only safety is checked, so the *)
(* symmetry reduction is sound.                                            *)
(***************************************************************************)
EXTENDS RSPaxos, TLC

MCSymmetry == Permutations(Acceptors) \cup Permutations(Values)

(* MCNext is Next without JoinBallot, which only doubles the interleavings: *)
(* JoinBallot(a) changes maxBal[a] exactly as HandlePrepare(a) on the same *)
(* Prepare does and sends nothing, so replacing each JoinBallot step of a  *)
(* behaviour by that HandlePrepare step gives a behaviour of MCNext with   *)
(* the same acceptor states and more Promise messages, which only give     *)
(* leaders more choices.  No invariant checked here reads Promise messages *)
(* (TypeOK only types them), so every violation reachable with JoinBallot  *)
(* is reachable without it.  Trace validation exercises JoinBallot itself. *)
MCNext ==
    \/ \E b \in Ballots : Prepare(b)
    \/ \E a \in Acceptors : HandlePrepare(a) \/ HandleAccept(a)
    \/ \E b \in Ballots, s \in Slots : Propose(b, s) \/ Commit(b, s)

MCSpec == Init /\ [][MCNext]_vars

=============================================================================
