----------------------------- MODULE MCRSPaxos -----------------------------
(***************************************************************************)
(* Model-checking bindings for RSPaxos.  The state space is finite without *)
(* bounds (finite Ballots, Slots and Values; msgs only grows, within a     *)
(* finite set of messages), so this module adds only symmetry.  Every      *)
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

MCSpec == Spec

=============================================================================
