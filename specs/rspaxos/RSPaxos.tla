------------------------------ MODULE RSPaxos ------------------------------
(***************************************************************************)
(* RSPaxos: MultiPaxos in which an acceptor stores one erasure-code shard  *)
(* of each value it accepts instead of a full copy.  A value is coded into *)
(* N shards (N = the number of acceptors), any DataShards (d) of which     *)
(* rebuild it; acceptor a stores shard number a.  The price is in the      *)
(* quorums: a leader commits a slot only after WriteQuorum (q_w) acceptors *)
(* stored their shards in its ballot, and a new leader reads ReadQuorum    *)
(* (q_r) promises, with                                                    *)
(*                                                                         *)
(*     q_w + q_r - N >= d                                                  *)
(*                                                                         *)
(* so that any read quorum meets any write quorum in at least d acceptors: *)
(* enough shards to rebuild whatever was committed.                        *)
(*                                                                         *)
(* The algorithm is Paxos over slots (Lamport's Paxos.tla style: every     *)
(* message ever sent stays in the set msgs, so a message can be received   *)
(* any number of times, late, or never: the network reorders, duplicates   *)
(* and loses messages).  A ballot stands for its leader (one leader per    *)
(* ballot, as MultiPaxos.tla's round*256+id ballots guarantee): Prepare,   *)
(* then one Promise per acceptor reporting its shard of every slot, then   *)
(* per slot an Accept carrying each acceptor its own shard, Accepted       *)
(* replies, and a Commit notice.                                           *)
(*                                                                         *)
(* The recovery rule (Phase 2a): among the promises of a read quorum, take *)
(* for slot s the highest accepted ballot and its value v; if the promises *)
(* hold at least d distinct shards of v (at any ballot: the same value     *)
(* re-proposed in a later ballot is coded into the same shards), the       *)
(* leader rebuilds v and must propose it; otherwise the slot is free and   *)
(* the leader may propose any value (a new command or a no-op).  Shards of *)
(* one value are recognised by the value they belong to: in the model a   *)
(* shard is [val |-> v, idx |-> i]; a real shard must carry an identity of *)
(* its value (e.g. a digest).  Counting only the shards of exactly the     *)
(* highest ballot is NOT safe: buggy/MCRSPaxosSameBallotShards.            *)
(*                                                                         *)
(* Why it is safe: if v was chosen in ballot c (q_w acceptors W accepted   *)
(* v's shards in c) and a leader of ballot b > c holds promises from P,    *)
(* |P| >= q_r, then |P \cap W| >= d; each acceptor of P \cap W accepted in *)
(* c before it promised b, so it reports a ballot in c..b-1, and (by       *)
(* induction on ballots) every proposal of those ballots is v.  So the     *)
(* highest reported ballot is >= c, its value is v, and P holds >= d       *)
(* shards of v: the leader rebuilds v.  Contrapositive: a slot whose       *)
(* highest value cannot be rebuilt from a read quorum has nothing chosen.  *)
(*                                                                         *)
(* Followers learn a commit from the Commit notice, which names the slot   *)
(* and ballot (the value travels in the model only as a ghost field).  A   *)
(* follower cannot execute from its own shard: it must gather d shards of  *)
(* the committed value from its peers (Reconstruct messages in the Java    *)
(* core) and decode them.  That step is left out of this spec; what it     *)
(* relies on is an invariant here: CommittedRecoverable says that any q_r  *)
(* acceptors hold at least d shards of every committed value, so a         *)
(* follower that can reach any q_r acceptors can rebuild it.               *)
(*                                                                         *)
(* Crash and restart: an acceptor's promise and shards are durable, so a   *)
(* restarted acceptor is one that took no steps for a while (no action     *)
(* needed); a leader's state is the messages it received, and a restarted *)
(* leader starts a new ballot (its old ballot simply stops).  Losing an    *)
(* acceptor's durable state is a bug (MultiPaxos's forgetful acceptor),    *)
(* not modelled here.                                                      *)
(*                                                                         *)
(* References: [RSP] Mu, Chen, Zhao, "Gaining Efficiency from              *)
(* Erasure-Coded Replication" (RS-Paxos), HPDC 2014: quorums with          *)
(* Q_R + Q_W - N >= X (X = data shards); Summerset (josehu07/summerset),   *)
(* src/protocols/rspaxos: d = majority, q_w = majority + f, q_r = N - f;   *)
(* its tla+/crossword/Crossword.tla counts the shards of a value over all  *)
(* ballots, as this spec does; [PMS] Lamport, "Paxos Made Simple", 2001,   *)
(* and Lamport's Paxos.tla for the message-set style and "chosen".         *)
(***************************************************************************)
EXTENDS Integers, FiniteSets, TLC

CONSTANTS
    Acceptors,    \* the acceptors; acceptor a stores shard number a
    DataShards,   \* d: any d distinct shards of a value rebuild it
    WriteQuorum,  \* q_w: Accepted replies a commit needs
    ReadQuorum,   \* q_r: promises a new leader needs
    Values,       \* the values clients propose (abstract: commands or no-ops)
    Ballots,      \* the ballots, natural numbers; a ballot stands for its leader
    Slots,        \* the log slots
    NoValue       \* what an acceptor holds in a slot where it accepted nothing

N == Cardinality(Acceptors)

\* Ballots are natural numbers and Slots positive ones (TypeOK); they and
\* Values are finite sets in model checking and Nat, Nat and STRING in
\* trace validation (TraceRSPaxos.cfg), so they are not assumed finite.
ASSUME /\ IsFiniteSet(Acceptors) /\ Acceptors # {}
       /\ DataShards \in 1..N
       /\ WriteQuorum \in 1..N
       /\ ReadQuorum \in 1..N
       \* The RSPaxos quorum rule ([RSP]): a read quorum and a write quorum
       \* share at least d acceptors, hence d shards.
       /\ WriteQuorum + ReadQuorum - N >= DataShards
       /\ NoValue \notin Values

-----------------------------------------------------------------------------
(* Acceptor state, all durable.                                            *)
VARIABLES
    maxBal,    \* maxBal[a]: highest ballot a promised or accepted in (-1: none)
    accepted   \* accepted[a]: a function from the slots where a accepted
               \* something to [bal, shard]: the shard a stores there and the
               \* ballot it accepted it in (a slot outside its domain: none;
               \* sparse, so that a trace with many slots stays small)
(* The network: every message ever sent (never removed).  Also the         *)
(* history the invariants read: "Accepted" messages are Lamport's votes.   *)
VARIABLE msgs

vars == <<maxBal, accepted, msgs>>

-----------------------------------------------------------------------------
(* Shards                                                                  *)

\* Shard number i of value v.  Values are abstract: a shard is known by
\* the value it codes and its index, not by its bytes.
Shard(v, i) == [val |-> v, idx |-> i]

Nothing(a) == [bal |-> -1, shard |-> Shard(NoValue, a)]

\* What the accepted-function f of acceptor a holds for slot s.
AccOf(f, a, s) == IF s \in DOMAIN f THEN f[s] ELSE Nothing(a)

Acc(a, s) == AccOf(accepted[a], a, s)

\* Any d distinct shards of one value rebuild it ([RSP]: Reed-Solomon).
Rebuilds(shards) == Cardinality({sh.idx : sh \in shards}) >= DataShards

IsWriteQuorum(S) == Cardinality(S) >= WriteQuorum

Send(ms) == msgs' = msgs \cup ms

-----------------------------------------------------------------------------
(* The recovery rule, over a set of reports [acc, bal, shard] (one per     *)
(* acceptor, for one slot).                                                *)

MaxOf(S) == CHOOSE x \in S : \A y \in S : y <= x

\* The highest ballot reported (-1: nothing was accepted).
TopBal(reports) == MaxOf({r.bal : r \in reports} \cup {-1})

\* The value of that ballot (unique: OneValuePerBallot).
TopValue(reports) ==
    IF TopBal(reports) = -1 THEN NoValue
    ELSE (CHOOSE r \in reports : r.bal = TopBal(reports)).shard.val

\* The shards of v among the reports, whatever their ballots.
ShardsOf(reports, v) == {r.shard : r \in {r \in reports : r.bal >= 0 /\ r.shard.val = v}}

\* What a leader may propose given these reports from a read quorum: the
\* highest ballot's value if its shards rebuild it, else anything.
Proposable(reports) ==
    IF TopBal(reports) >= 0 /\ Rebuilds(ShardsOf(reports, TopValue(reports)))
    THEN {TopValue(reports)}
    ELSE Values

\* The reports of a set P of promises for slot s.
Reports(P, s) ==
    {[acc |-> m.from, bal |-> AccOf(m.accepted, m.from, s).bal,
      shard |-> AccOf(m.accepted, m.from, s).shard] : m \in P}

-----------------------------------------------------------------------------
Init ==
    /\ maxBal = [a \in Acceptors |-> -1]
    /\ accepted = [a \in Acceptors |-> [s \in {} |-> Nothing(a)]]
    /\ msgs = {}

\* Phase 1a: the leader of ballot b asks every acceptor for a promise, for
\* every slot at once (MultiPaxos: one phase 1 per ballot, [PMS] 3).
Prepare(b) ==
    /\ Send({[type |-> "Prepare", bal |-> b]})
    /\ UNCHANGED <<maxBal, accepted>>

\* Phase 1b: promise a ballot above every one promised or accepted so far,
\* reporting the shard stored for every slot and its ballot.
HandlePrepare(a) ==
    \E m \in msgs :
        /\ m.type = "Prepare"
        /\ m.bal > maxBal[a]
        /\ maxBal' = [maxBal EXCEPT ![a] = m.bal]
        /\ Send({[type |-> "Promise", from |-> a, bal |-> m.bal,
                  accepted |-> accepted[a]]})
        /\ UNCHANGED accepted

\* An acceptor hears from the leader of a ballot above its promise (the core:
\* a heartbeat) and promises that ballot without reporting anything.  Only
\* restricts what it accepts later; no message.
JoinBallot(a) ==
    \E m \in msgs :
        /\ m.type = "Prepare"
        /\ m.bal > maxBal[a]
        /\ maxBal' = [maxBal EXCEPT ![a] = m.bal]
        /\ UNCHANGED <<accepted, msgs>>

\* Phase 2a for slot s, with the rule Rule(reports) of what may be proposed
\* (shared with the buggy variants): the leader of b holds promises from
\* at least q_r acceptors (any such set it may have received), and sends
\* each acceptor its own shard of one value.  Once per ballot and slot.
ProposeWith(b, s, Rule(_)) ==
    /\ ~\E m \in msgs : m.type = "Accept" /\ m.bal = b /\ m.slot = s
    /\ \E P \in SUBSET {m \in msgs : m.type = "Promise" /\ m.bal = b} :
          /\ Cardinality(P) >= ReadQuorum
          /\ \E v \in Rule(Reports(P, s)) :
                Send({[type |-> "Accept", to |-> a, bal |-> b, slot |-> s,
                       shard |-> Shard(v, a)] : a \in Acceptors})
    /\ UNCHANGED <<maxBal, accepted>>

\* (One conjunct, so that tools that list the spec's actions see Propose as
\* an action and not as a mere alias.)
Propose(b, s) ==
    /\ ProposeWith(b, s, Proposable)

\* Phase 2b: store the shard of a ballot at least as high as the promise.
HandleAccept(a) ==
    \E m \in msgs :
        /\ m.type = "Accept"
        /\ m.to = a
        /\ m.bal >= maxBal[a]
        /\ maxBal' = [maxBal EXCEPT ![a] = m.bal]
        /\ accepted' = [accepted EXCEPT ![a] = (m.slot :> [bal |-> m.bal, shard |-> m.shard]) @@ @]
        /\ Send({[type |-> "Accepted", from |-> a, bal |-> m.bal, slot |-> m.slot,
                  val |-> m.shard.val]})

\* The leader of b commits slot s once the acceptors in a set IsQ accepts
\* stored their shards of its value (shared with the buggy variants).  The
\* notice names slot and ballot; val is a ghost field (a follower rebuilds
\* the value from shards).
CommitWith(b, s, IsQ(_)) ==
    \E v \in Values :
        /\ IsQ({m.from : m \in {m \in msgs : m.type = "Accepted" /\ m.bal = b
                                              /\ m.slot = s /\ m.val = v}})
        /\ Send({[type |-> "Commit", bal |-> b, slot |-> s, val |-> v]})
        /\ UNCHANGED <<maxBal, accepted>>

Commit(b, s) ==
    /\ CommitWith(b, s, IsWriteQuorum)

\* The next-state relation with the recovery rule and the commit quorum as
\* parameters, so that a buggy variant can swap one of them.
NextWith(Rule(_), IsQ(_)) ==
    \/ \E b \in Ballots : Prepare(b)
    \/ \E a \in Acceptors : HandlePrepare(a) \/ JoinBallot(a) \/ HandleAccept(a)
    \/ \E b \in Ballots, s \in Slots : ProposeWith(b, s, Rule) \/ CommitWith(b, s, IsQ)

Next ==
    \/ \E b \in Ballots : Prepare(b)
    \/ \E a \in Acceptors : HandlePrepare(a) \/ JoinBallot(a) \/ HandleAccept(a)
    \/ \E b \in Ballots, s \in Slots : Propose(b, s) \/ Commit(b, s)

Spec == Init /\ [][Next]_vars

-----------------------------------------------------------------------------
(* Types                                                                   *)

NoneOr(S) == S \cup {-1}

Message ==
         [type: {"Prepare"}, bal: Ballots]
    \cup [type: {"Promise"}, from: Acceptors, bal: Ballots,
          accepted: UNION {[S -> [bal: Ballots, shard: [val: Values, idx: Acceptors]]] :
                           S \in SUBSET Slots}]
    \cup [type: {"Accept"}, to: Acceptors, bal: Ballots, slot: Slots,
          shard: [val: Values, idx: Acceptors]]
    \cup [type: {"Accepted"}, from: Acceptors, bal: Ballots, slot: Slots, val: Values]
    \cup [type: {"Commit"}, bal: Ballots, slot: Slots, val: Values]

TypeOK ==
    /\ maxBal \in [Acceptors -> NoneOr(Ballots)]
    /\ \A a \in Acceptors :
          /\ DOMAIN accepted[a] \subseteq Slots
          \* acceptor a stores only shard number a, of a value, in a ballot
          \* it promised
          /\ \A s \in DOMAIN accepted[a] :
                /\ Acc(a, s).bal \in Ballots
                /\ Acc(a, s).shard \in [val: Values, idx: {a}]
                /\ Acc(a, s).bal <= maxBal[a]
    /\ msgs \subseteq Message
    /\ \A m \in msgs : m.type = "Accept" => m.shard.idx = m.to

-----------------------------------------------------------------------------
(* Safety invariants                                                       *)

\* The acceptors that stored their shard of v in slot s and ballot b.
Voters(s, b, v) ==
    {m.from : m \in {m \in msgs : m.type = "Accepted" /\ m.slot = s /\ m.bal = b /\ m.val = v}}

\* v is chosen in s: q_w acceptors stored shards of v in s in one ballot
\* (Lamport's Paxos.tla "chosen", with the write quorum).  Read from the
\* message history, so it stays true after those acceptors move on.
\* (Ballots without messages have no voters: quantifying over the ballots
\* in msgs is the same and keeps the definition finite when Ballots is Nat.)
Chosen(s, v) ==
    \E b \in {m.bal : m \in msgs} : Cardinality(Voters(s, b, v)) >= WriteQuorum

\* v is committed in s: a Commit notice for it was sent (a follower that
\* receives it learns the slot).
Committed(s, v) == \E m \in msgs : m.type = "Commit" /\ m.slot = s /\ m.val = v

\* A ballot's leader proposes one value per slot ([PMS] 2.2); agreement
\* rests on it, and TopValue relies on it.
OneValuePerBallot ==
    \A m1, m2 \in msgs :
        (/\ m1.type = "Accept" /\ m2.type = "Accept"
         /\ m1.bal = m2.bal /\ m1.slot = m2.slot) => m1.shard.val = m2.shard.val

\* Agreement ([PMS] 2.1 "only a single value is chosen"): at most one value
\* is chosen per slot.
Agreement ==
    \A s \in Slots : \A v, w \in Values : Chosen(s, v) /\ Chosen(s, w) => v = w

\* Learners learn only chosen values ([PMS] 2.1).
CommittedChosen ==
    \A s \in Slots, v \in Values : Committed(s, v) => Chosen(s, v)

\* State machine safety: two commit notices of one slot never disagree
\* (what replicas execute; stated without "chosen", so it keeps its meaning
\* when the commit quorum is wrong).
CommittedAgreement ==
    \A s \in Slots : \A v, w \in Values : Committed(s, v) /\ Committed(s, w) => v = w

(***************************************************************************)
(* Recoverability.  RecoverableFrom(Q, s, v): the acceptors Q, as they     *)
(* stand now, give back v for slot s, namely                               *)
(*   (1) some acceptor of Q accepted something in s, and every acceptor of *)
(*       Q holding the highest ballot accepted in s among Q holds a shard  *)
(*       of v (so the recovery rule's TopValue is v), and                  *)
(*   (2) Q holds at least d distinct shards of v, at any ballots (so they  *)
(*       rebuild v).                                                       *)
(* That is exactly the case in which the recovery rule (Proposable),       *)
(* applied to promises carrying Q's current shards, rebuilds v and forces  *)
(* the leader to propose it; it is also what a follower needs to rebuild v *)
(* from the shards of Q.                                                   *)
(*                                                                         *)
(* The stronger reading "d shards of the highest ballot itself" does not   *)
(* hold even for correct RSPaxos: a later leader re-proposes a chosen v in *)
(* its own ballot and may reach a single acceptor before it is replaced;   *)
(* the read quorums that include that acceptor then hold one shard of the  *)
(* highest ballot and d shards of v only over two ballots.                 *)
(***************************************************************************)
RecoverableFrom(Q, s, v) ==
    LET top == MaxOf({Acc(a, s).bal : a \in Q} \cup {-1})
    IN /\ top >= 0
       /\ \A a \in Q : Acc(a, s).bal = top => Acc(a, s).shard.val = v
       /\ Rebuilds({Acc(a, s).shard :
                      a \in {a \in Q : Acc(a, s).bal >= 0 /\ Acc(a, s).shard.val = v}})

ReadQuorums == {Q \in SUBSET Acceptors : Cardinality(Q) = ReadQuorum}

\* Every chosen value is recoverable from ANY q_r acceptors ([RSP]; the
\* issue's "every committed entry is recoverable from any recovery quorum").
Recoverability ==
    \A s \in Slots, v \in Values :
        Chosen(s, v) => \A Q \in ReadQuorums : RecoverableFrom(Q, s, v)

\* The same for every value a leader committed: the guarantee a client and
\* a follower rely on, stated without "chosen" (a commit with too small a
\* quorum breaks it at once: buggy/MCRSPaxosMajorityCommit).
CommittedRecoverable ==
    \A s \in Slots, v \in Values :
        Committed(s, v) => \A Q \in ReadQuorums : RecoverableFrom(Q, s, v)

=============================================================================
