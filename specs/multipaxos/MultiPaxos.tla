----------------------------- MODULE MultiPaxos -----------------------------
(***************************************************************************)
(* MultiPaxos with a stable leader, as Lockstep implements it: phase 1     *)
(* once per ballot over every slot above the proposer's commit index, with  *)
(* recovery of the highest-ballot accepted value per slot and no-ops for    *)
(* holes; phase 2 per slot, pipelined and batched; commit by a quorum of    *)
(* acceptances, commit notices piggybacked on accept requests (a heartbeat  *)
(* is an accept request without entries); catch-up of chosen slots and      *)
(* InstallSnapshot for lagging replicas; crash and restart; a network that  *)
(* loses, duplicates and reorders messages (a bag).                         *)
(*                                                                         *)
(* Names of actions, parameters, variables and message fields are those of *)
(* docs/protocols/multipaxos-contract.md: every action is one trace line   *)
(* of the Java core, and every parameter is an explicit action argument so *)
(* TraceMultiPaxos.tla can call it with values read from the trace.  No    *)
(* action bounds the state space; MCMultiPaxos.tla does that with state    *)
(* constraints.                                                            *)
(*                                                                         *)
(* References: [PMS] Lamport, "Paxos Made Simple", 2001 (section 2: the    *)
(* synod algorithm; section 3: state machines, a stable leader, no-ops for  *)
(* gaps); [PMMC] Van Renesse & Altinbuken, "Paxos Made Moderately Complex", *)
(* 2015 (scouts = phase 1 over all slots, commanders = phase 2 per slot,   *)
(* pvalues, state transfer).                                               *)
(***************************************************************************)
EXTENDS Naturals, Sequences, FiniteSets, Bags, TLC

CONSTANTS
    Server,      \* the replicas "n1", "n2", ... (strings: a ballot names its owner's number)
    MaxBatch,    \* most entries one AcceptRequest carries (maxBatchEntries)
    RequestIds   \* client request ids "<client>:<seq>"

ASSUME /\ Server \subseteq STRING
       /\ MaxBatch \in Nat \ {0}
       /\ "" \notin RequestIds

-----------------------------------------------------------------------------
(* Durable state: survives Restart (an acceptor's promise and its accepted *)
(* values must survive a crash: [PMS] 2.3).                                *)
VARIABLES promised, log
(* Volatile state: lost on Restart.                                        *)
VARIABLES role, commitIndex, promises, recovered, acks
(* The network: a bag (multiset) of messages in flight.                    *)
VARIABLE messages
(* Ghost variables: history, read only by invariants, never by guards.     *)
VARIABLES
    votes,    \* votes[s]: every acceptance ever made in slot s, as records
              \* [acc, bal, kind, id] (Lamport's "voted" relation; survives
              \* restarts and later overwrites of the log)
    leaders   \* every [bal, leader] pair BecomeLeader produced

durableVars  == <<promised, log>>
proposerVars == <<promises, recovered, acks>>
ghostVars    == <<votes, leaders>>
vars == <<durableVars, role, commitIndex, proposerVars, messages, ghostVars>>

-----------------------------------------------------------------------------
(* Ballots: round * 256 + id, where id is the owner's number ("n3" -> 3).  *)
(* Distinct servers never share a ballot ([PMS] 2.3: disjoint sets of      *)
(* proposal numbers).  0 is "none".                                        *)

Owners == 256

Id(i) == CHOOSE k \in 1..(Owners - 1) : i = "n" \o ToString(k)

\* The smallest ballot i owns above its promise.
NextBallot(i) == (promised[i] \div Owners + 1) * Owners + Id(i)

\* The server that owns ballot b (b > 0).
Owner(b) == CHOOSE i \in Server : Id(i) = b % Owners

-----------------------------------------------------------------------------
(* Helpers                                                                 *)

Min(a, b) == IF a <= b THEN a ELSE b
Max(a, b) == IF a >= b THEN a ELSE b
MaxOf(S)  == CHOOSE x \in S : \A y \in S : y <= x

IsQuorum(S) == Cardinality(S) * 2 > Cardinality(Server)

\* A slot where nothing was accepted (below the end of a log).
Hole == [bal |-> 0, kind |-> "none", id |-> ""]
Noop(b) == [bal |-> b, kind |-> "noop", id |-> ""]
Cmd(b, id) == [bal |-> b, kind |-> "cmd", id |-> id]

\* The value of an entry: what state machines apply, whatever the ballot.
Value(e) == [kind |-> e.kind, id |-> e.id]

LastBal(xlog) == IF Len(xlog) = 0 THEN 0 ELSE xlog[Len(xlog)].bal

\* xlog with es[1], es[2], ... written at slots first, first+1, ...; a write
\* beyond the end pads with holes.  es holds no holes, so the last entry of
\* the result is never a hole.
WriteEntries(xlog, first, es) ==
    IF es = <<>> THEN xlog
    ELSE LET last == first + Len(es) - 1
         IN [s \in 1..Max(Len(xlog), last) |->
               IF s >= first /\ s <= last THEN es[s - first + 1]
               ELSE IF s <= Len(xlog) THEN xlog[s] ELSE Hole]

\* What acceptor i reports in a promise: every slot above c that holds an
\* accepted value, as [slot, bal, kind, id], in slot order ([PMS] 2.2 phase
\* 1b, [PMMC] the acceptor's pvalues).
AcceptedAbove(xlog, c) ==
    SelectSeq([k \in 1..Max(0, Len(xlog) - c) |->
                 [slot |-> c + k, bal |-> xlog[c + k].bal,
                  kind |-> xlog[c + k].kind, id |-> xlog[c + k].id]],
              LAMBDA e : e.kind # "none")

\* recovered[i] is a function from slots to entries.  The proposer's own
\* accepted entries above c start it.
OwnAccepted(xlog, c) ==
    [s \in {t \in (c + 1)..Len(xlog) : xlog[t].kind # "none"} |-> xlog[s]]

\* Merge a promise's reported entries: per slot the entry of the highest
\* ballot ([PMS] 2.2 phase 2a; [PMMC] pmax).  Equal ballots hold equal
\* values (OneValuePerBallot), so ties keep the entry already there.
MergeRecovered(rec, reported) ==
    LET slots == {reported[k].slot : k \in 1..Len(reported)}
        At(s) == reported[CHOOSE k \in 1..Len(reported) : reported[k].slot = s]
        AsEntry(r) == [bal |-> r.bal, kind |-> r.kind, id |-> r.id]
    IN [s \in DOMAIN rec \cup slots |->
          IF s \notin slots THEN rec[s]
          ELSE IF s \notin DOMAIN rec \/ At(s).bal > rec[s].bal THEN AsEntry(At(s))
          ELSE rec[s]]

MaxSlot(rec) == IF DOMAIN rec = {} THEN 0 ELSE MaxOf(DOMAIN rec)

\* The largest c in lo..hi such that every slot in lo+1..c of xlog was
\* accepted in ballot b (lo if hi < lo).
AcceptedRun(xlog, lo, hi, b) ==
    IF hi <= lo THEN lo
    ELSE CHOOSE c \in lo..hi :
            /\ \A s \in (lo + 1)..c : xlog[s].bal = b
            /\ c = hi \/ xlog[c + 1].bal # b

\* votes with acceptor a's acceptance of es (entries) at slots first, ...
AddVotes(vs, a, first, es) ==
    LET new == {first + k - 1 : k \in 1..Len(es)}
        Vote(s) == [acc |-> a, bal |-> es[s - first + 1].bal,
                    kind |-> es[s - first + 1].kind, id |-> es[s - first + 1].id]
    IN [s \in DOMAIN vs \cup new |->
          (IF s \in DOMAIN vs THEN vs[s] ELSE {}) \cup (IF s \in new THEN {Vote(s)} ELSE {})]

\* Network: a send adds one copy of each message; a receive consumes one.
Send(ms) == messages' = messages (+) SetToBag(ms)
Discard(m) == messages' = messages (-) SetToBag({m})
Reply(response, request) ==
    messages' = (messages (-) SetToBag({request})) (+) SetToBag({response})

\* Message m of this type, addressed to i, is in flight.
Receivable(i, m, type) == m.type = type /\ m.to = i /\ BagIn(m, messages)

\* A proposer or leader stops being one: its proposer state is dropped.
StepDown(i) ==
    /\ role' = [role EXCEPT ![i] = "Follower"]
    /\ promises' = [promises EXCEPT ![i] = {}]
    /\ recovered' = [recovered EXCEPT ![i] = <<>>]
    /\ acks' = [acks EXCEPT ![i] = <<>>]

-----------------------------------------------------------------------------
Init ==
    /\ promised    = [i \in Server |-> 0]
    /\ log         = [i \in Server |-> <<>>]
    /\ role        = [i \in Server |-> "Follower"]
    /\ commitIndex = [i \in Server |-> 0]
    /\ promises    = [i \in Server |-> {}]
    /\ recovered   = [i \in Server |-> <<>>]
    /\ acks        = [i \in Server |-> <<>>]
    /\ messages    = EmptyBag
    /\ votes       = <<>>
    /\ leaders     = {}

-----------------------------------------------------------------------------
(* Phase 1: leader election ([PMS] 2.2 and 3; [PMMC] 3, the scout)         *)

\* The election timer of i fired: take the next ballot i owns, promise it
\* to itself, and ask everyone for a promise and for what they accepted
\* above i's commit index (one phase 1 for all those slots: [PMS] 3).
Prepare(i) ==
    /\ role[i] # "Leader"
    /\ promised' = [promised EXCEPT ![i] = NextBallot(i)]
    /\ role' = [role EXCEPT ![i] = "Preparing"]
    /\ promises' = [promises EXCEPT ![i] = {i}]
    /\ recovered' = [recovered EXCEPT ![i] = OwnAccepted(log[i], commitIndex[i])]
    /\ acks' = [acks EXCEPT ![i] = <<>>]
    /\ Send({[type |-> "PrepareRequest", from |-> i, to |-> j,
              ballot |-> NextBallot(i), commit |-> commitIndex[i]] :
             j \in Server \ {i}})
    /\ UNCHANGED <<log, commitIndex, ghostVars>>

\* Promise a ballot at least as high as every ballot promised so far (a
\* duplicate prepare is answered again) and report what was accepted above
\* the proposer's commit index; or refuse, naming the higher promise.
HandlePrepareRequest(i, m) ==
    /\ Receivable(i, m, "PrepareRequest")
    /\ IF m.ballot >= promised[i]
       THEN /\ promised' = [promised EXCEPT ![i] = m.ballot]
            /\ StepDown(i)
            /\ Reply([type |-> "PrepareResponse", from |-> i, to |-> m.from,
                      ballot |-> m.ballot, ok |-> TRUE, commit |-> commitIndex[i],
                      entries |-> AcceptedAbove(log[i], m.commit)], m)
       ELSE /\ Reply([type |-> "PrepareResponse", from |-> i, to |-> m.from,
                      ballot |-> promised[i], ok |-> FALSE,
                      commit |-> commitIndex[i], entries |-> <<>>], m)
            /\ UNCHANGED <<promised, role, proposerVars>>
    /\ UNCHANGED <<log, commitIndex, ghostVars>>

HandlePrepareResponse(i, m) ==
    /\ Receivable(i, m, "PrepareResponse")
    /\ role[i] = "Preparing"
    /\ m.ballot = promised[i]
    /\ m.ok
    /\ promises' = [promises EXCEPT ![i] = @ \cup {m.from}]
    /\ recovered' = [recovered EXCEPT ![i] = MergeRecovered(@, m.entries)]
    /\ Discard(m)
    /\ UNCHANGED <<durableVars, role, commitIndex, acks, ghostVars>>

\* The value a new leader proposes in slot s: the recovered value of the
\* highest ballot, in its own ballot b, or a no-op for a hole ([PMS] 3:
\* "fill the gaps with no-ops").
Proposal(rec, s, b) ==
    IF s \in DOMAIN rec THEN [rec[s] EXCEPT !.bal = b] ELSE Noop(b)

\* The state change of BecomeLeader given the proposals for slots
\* commitIndex[i]+1 .. last; shared with the buggy variants.
LeadWith(i, last, Propose(_)) ==
    LET first == commitIndex[i] + 1
        es == [k \in 1..(last - first + 1) |-> Propose(first + k - 1)]
    IN /\ role' = [role EXCEPT ![i] = "Leader"]
       /\ log' = [log EXCEPT ![i] = WriteEntries(@, first, es)]
       /\ acks' = [acks EXCEPT ![i] = [s \in first..last |-> {i}]]
       /\ votes' = AddVotes(votes, i, first, es)
       /\ leaders' = leaders \cup {[bal |-> promised[i], leader |-> i]}
       /\ UNCHANGED <<promised, commitIndex, promises, recovered, messages>>

\* A quorum promised: lead, proposing for every open slot up to the highest
\* one recovered.  recovered[i] is kept until the next Prepare or step-down
\* (the trace logs the slots written: lastSlot = MaxSlot(recovered[i])).
BecomeLeader(i) ==
    /\ role[i] = "Preparing"
    /\ IsQuorum(promises[i])
    /\ LeadWith(i, Max(commitIndex[i], MaxSlot(recovered[i])),
                LAMBDA s : Proposal(recovered[i], s, promised[i]))

\* A response, catch-up or snapshot shows a ballot above i's promise: a
\* proposer or leader steps down ([PMMC] 3, "preempted").  The promise is
\* not raised, and m stays in the bag for its Handle action.
ObserveBallot(i, m) ==
    /\ m.to = i
    /\ BagIn(m, messages)
    /\ m.type \in {"PrepareResponse", "AcceptResponse", "CatchUpRequest",
                   "InstallSnapshotRequest"}
    /\ m.ballot > promised[i]
    /\ role[i] # "Follower"
    /\ StepDown(i)
    /\ UNCHANGED <<durableVars, commitIndex, messages, ghostVars>>

-----------------------------------------------------------------------------
(* Phase 2 with a stable leader ([PMS] 3; [PMMC] 3, the commanders)        *)

\* The leader proposes a client command in the next free slot.  A retry may
\* propose an id that already has a slot; the state machine's sessions run
\* it once.
ClientRequest(i, id) ==
    LET s == Len(log[i]) + 1
        e == Cmd(promised[i], id)
    IN /\ role[i] = "Leader"
       /\ log' = [log EXCEPT ![i] = Append(@, e)]
       /\ acks' = [acks EXCEPT ![i] = (s :> {i}) @@ @]
       /\ votes' = AddVotes(votes, i, s, <<e>>)
       /\ UNCHANGED <<promised, role, commitIndex, promises, recovered,
                      messages, leaders>>

\* The leader sends slots slot..slot+count-1, all proposed in its ballot,
\* to j, with its commit index (the commit notice).  count = 0 is the
\* heartbeat.  Which ranges are sent when (pipelining, batching, resending
\* after loss) is the implementation's choice.
Accept(i, j, slot, count) ==
    /\ role[i] = "Leader"
    /\ j \in Server \ {i}
    /\ count \in 0..MaxBatch
    /\ slot \in 1..(Len(log[i]) + 1)
    /\ slot + count - 1 <= Len(log[i])
    /\ \A s \in slot..(slot + count - 1) : log[i][s].bal = promised[i]
    /\ Send({[type |-> "AcceptRequest", from |-> i, to |-> j,
              ballot |-> promised[i], slot |-> slot,
              entries |-> [k \in 1..count |-> Value(log[i][slot + k - 1])],
              commit |-> commitIndex[i]]})
    /\ UNCHANGED <<durableVars, role, commitIndex, proposerVars, ghostVars>>

\* Accept the values of a ballot at least as high as the promise ([PMS] 2.2
\* phase 2b), and learn from the commit notice which slots are chosen: those
\* up to m.commit that hold this ballot's value (the leader of a ballot
\* proposes one value per slot, and commits only chosen ones).  Or refuse,
\* naming the higher promise.
HandleAcceptRequest(i, m) ==
    /\ Receivable(i, m, "AcceptRequest")
    /\ IF m.ballot >= promised[i]
       THEN LET es == [k \in 1..Len(m.entries) |->
                         [bal |-> m.ballot, kind |-> m.entries[k].kind,
                          id |-> m.entries[k].id]]
                newLog == WriteEntries(log[i], m.slot, es)
                newCommit == AcceptedRun(newLog, commitIndex[i],
                                         Min(m.commit, Len(newLog)), m.ballot)
            IN /\ promised' = [promised EXCEPT ![i] = m.ballot]
               /\ StepDown(i)
               /\ log' = [log EXCEPT ![i] = newLog]
               /\ commitIndex' = [commitIndex EXCEPT ![i] = newCommit]
               /\ votes' = AddVotes(votes, i, m.slot, es)
               /\ Reply([type |-> "AcceptResponse", from |-> i, to |-> m.from,
                         ballot |-> m.ballot, ok |-> TRUE, slot |-> m.slot,
                         count |-> Len(m.entries), commit |-> newCommit], m)
       ELSE /\ Reply([type |-> "AcceptResponse", from |-> i, to |-> m.from,
                      ballot |-> promised[i], ok |-> FALSE, slot |-> m.slot,
                      count |-> 0, commit |-> commitIndex[i]], m)
            /\ UNCHANGED <<durableVars, role, commitIndex, proposerVars, votes>>
    /\ UNCHANGED leaders

HandleAcceptResponse(i, m) ==
    /\ Receivable(i, m, "AcceptResponse")
    /\ role[i] = "Leader"
    /\ m.ballot = promised[i]
    /\ m.ok
    /\ acks' = [acks EXCEPT ![i] =
                  [s \in DOMAIN @ |->
                     IF s >= m.slot /\ s < m.slot + m.count
                     THEN @[s] \cup {m.from} ELSE @[s]]]
    /\ Discard(m)
    /\ UNCHANGED <<durableVars, role, commitIndex, promises, recovered,
                   ghostVars>>

\* Slots up to n are chosen: every slot above the commit index up to n was
\* accepted by a quorum in the leader's ballot ([PMS] 2.3, learning a
\* chosen value).  Any such n, not only the largest (the implementation
\* counts its own acceptance only once it is durable).
AdvanceCommit(i, n) ==
    /\ role[i] = "Leader"
    /\ n \in (commitIndex[i] + 1)..Len(log[i])
    /\ \A s \in (commitIndex[i] + 1)..n : s \in DOMAIN acks[i] /\ IsQuorum(acks[i][s])
    /\ commitIndex' = [commitIndex EXCEPT ![i] = n]
    /\ UNCHANGED <<durableVars, role, proposerVars, messages, ghostVars>>

-----------------------------------------------------------------------------
(* Catch-up and snapshots ([PMMC] 4, state transfer)                       *)

\* Chosen slots slot..slot+count-1 as they stand in i's log (their own
\* ballots) for a replica that lacks them.
CatchUp(i, j, slot, count) ==
    /\ j \in Server \ {i}
    /\ slot >= 1
    /\ count >= 1
    /\ slot + count - 1 <= commitIndex[i]
    /\ Send({[type |-> "CatchUpRequest", from |-> i, to |-> j,
              ballot |-> promised[i], slot |-> slot,
              entries |-> SubSeq(log[i], slot, slot + count - 1)]})
    /\ UNCHANGED <<durableVars, role, commitIndex, proposerVars, ghostVars>>

\* Write the chosen values as they are; the commit index extends over them
\* only when they continue it.  A leader ignores catch-ups (every open slot
\* of its ballot must keep its ballot), and any replica those wholly within
\* its commit index.  No reply.
HandleCatchUpRequest(i, m) ==
    LET last == m.slot + Len(m.entries) - 1
    IN /\ Receivable(i, m, "CatchUpRequest")
       /\ role[i] # "Leader"
       /\ last > commitIndex[i]
       /\ log' = [log EXCEPT ![i] = WriteEntries(@, m.slot, m.entries)]
       /\ commitIndex' = [commitIndex EXCEPT ![i] =
                            IF m.slot <= @ + 1 THEN last ELSE @]
       /\ Discard(m)
       /\ UNCHANGED <<promised, role, proposerVars, ghostVars>>

\* i sends a snapshot of slots 1..lastSlot (all chosen).  The ghost field
\* entries stands for the snapshot (state machine and sessions).
InstallSnapshot(i, j, lastSlot) ==
    /\ j \in Server \ {i}
    /\ lastSlot \in 1..commitIndex[i]
    /\ Send({[type |-> "InstallSnapshotRequest", from |-> i, to |-> j,
              ballot |-> promised[i], lastSlot |-> lastSlot,
              entries |-> SubSeq(log[i], 1, lastSlot)]})
    /\ UNCHANGED <<durableVars, role, commitIndex, proposerVars, ghostVars>>

\* A snapshot past i's commit index replaces slots 1..lastSlot; the slots
\* above it stay.  A leader ignores snapshots.  No reply.
HandleInstallSnapshotRequest(i, m) ==
    /\ Receivable(i, m, "InstallSnapshotRequest")
    /\ role[i] # "Leader"
    /\ m.lastSlot > commitIndex[i]
    /\ log' = [log EXCEPT ![i] =
                 m.entries \o SubSeq(@, m.lastSlot + 1, Len(@))]
    /\ commitIndex' = [commitIndex EXCEPT ![i] = m.lastSlot]
    /\ Discard(m)
    /\ UNCHANGED <<promised, role, proposerVars, ghostVars>>

-----------------------------------------------------------------------------
(* Failures                                                                *)

\* Crash and recovery: the promise and the log survive; the commit index
\* restarts anywhere at or below its old value (the snapshot's slot).
Restart(i) ==
    /\ StepDown(i)
    /\ \E c \in 0..commitIndex[i] : commitIndex' = [commitIndex EXCEPT ![i] = c]
    /\ UNCHANGED <<durableVars, messages, ghostVars>>

DuplicateMessage(m) ==
    /\ BagIn(m, messages)
    /\ Send({m})
    /\ UNCHANGED <<durableVars, role, commitIndex, proposerVars, ghostVars>>

DropMessage(m) ==
    /\ BagIn(m, messages)
    /\ Discard(m)
    /\ UNCHANGED <<durableVars, role, commitIndex, proposerVars, ghostVars>>

-----------------------------------------------------------------------------
(* The next-state relation, in groups.                                     *)

\* Every way the addressee of m can take it.
ReceiveMessage(m) ==
    LET i == m.to IN
    \/ ObserveBallot(i, m)
    \/ HandlePrepareRequest(i, m)
    \/ HandlePrepareResponse(i, m)
    \/ HandleAcceptRequest(i, m)
    \/ HandleAcceptResponse(i, m)
    \/ HandleCatchUpRequest(i, m)
    \/ HandleInstallSnapshotRequest(i, m)

ReceiveNext == \E m \in DOMAIN messages : ReceiveMessage(m)

ElectionNext == \E i \in Server : Prepare(i) \/ BecomeLeader(i)

ClientRequestNext == \E i \in Server, id \in RequestIds : ClientRequest(i, id)

ReplicationNext ==
    \E i, j \in Server : \E s \in 1..(Len(log[i]) + 1) : \E c \in 0..MaxBatch :
        Accept(i, j, s, c)

CommitNext == \E i \in Server : \E n \in 1..Len(log[i]) : AdvanceCommit(i, n)

CatchUpNext ==
    \E i, j \in Server : \E s \in 1..commitIndex[i] :
        \E c \in 1..(commitIndex[i] - s + 1) : CatchUp(i, j, s, c)

SnapshotNext ==
    \E i, j \in Server : \E n \in 1..commitIndex[i] : InstallSnapshot(i, j, n)

RestartNext == \E i \in Server : Restart(i)

NetworkFaultNext ==
    \E m \in DOMAIN messages : DuplicateMessage(m) \/ DropMessage(m)

Next ==
    \/ ReceiveNext \/ ElectionNext \/ ClientRequestNext \/ ReplicationNext
    \/ CommitNext \/ CatchUpNext \/ SnapshotNext \/ RestartNext
    \/ NetworkFaultNext

Spec == Init /\ [][Next]_vars

-----------------------------------------------------------------------------
(* Types                                                                   *)

Ids == RequestIds \cup {""}

Entry == [bal: Nat, kind: {"none", "noop", "cmd"}, id: Ids]

Message ==
         [type: {"PrepareRequest"}, from: Server, to: Server, ballot: Nat,
          commit: Nat]
    \cup [type: {"PrepareResponse"}, from: Server, to: Server, ballot: Nat,
          ok: BOOLEAN, commit: Nat,
          entries: Seq([slot: Nat, bal: Nat, kind: {"noop", "cmd"}, id: Ids])]
    \cup [type: {"AcceptRequest"}, from: Server, to: Server, ballot: Nat,
          slot: Nat, entries: Seq([kind: {"noop", "cmd"}, id: Ids]),
          commit: Nat]
    \cup [type: {"AcceptResponse"}, from: Server, to: Server, ballot: Nat,
          ok: BOOLEAN, slot: Nat, count: Nat, commit: Nat]
    \cup [type: {"CatchUpRequest"}, from: Server, to: Server, ballot: Nat,
          slot: Nat, entries: Seq(Entry)]
    \cup [type: {"InstallSnapshotRequest"}, from: Server, to: Server,
          ballot: Nat, lastSlot: Nat, entries: Seq(Entry)]

IsFiniteFcn(f, Range) == \A s \in DOMAIN f : s \in Nat \ {0} /\ f[s] \in Range

TypeOK ==
    /\ promised \in [Server -> Nat]
    /\ log \in [Server -> Seq(Entry)]
    /\ \A i \in Server : Len(log[i]) > 0 => log[i][Len(log[i])].kind # "none"
    /\ role \in [Server -> {"Follower", "Preparing", "Leader"}]
    /\ \A i \in Server : commitIndex[i] \in 0..Len(log[i])
    /\ promises \in [Server -> SUBSET Server]
    /\ \A i \in Server : IsFiniteFcn(recovered[i], Entry)
    /\ \A i \in Server : IsFiniteFcn(acks[i], SUBSET Server)
    /\ \A m \in DOMAIN messages : m \in Message /\ messages[m] \in Nat \ {0}
    /\ IsFiniteFcn(votes, SUBSET [acc: Server, bal: Nat, kind: {"noop", "cmd"}, id: Ids])
    /\ leaders \subseteq [bal: Nat, leader: Server]

-----------------------------------------------------------------------------
(* Safety invariants, each a conjunction of per-slot (per-server) parts    *)
(* <Name>At that TraceMultiPaxos.tla checks only where a step changes them. *)
(* A value v is chosen in slot s when a quorum of                          *)
(* acceptors accepted v in s in one ballot ([PMS] 2.1-2.2; Lamport's       *)
(* Paxos.tla defines chosen from the votes the same way).  Chosen is read  *)
(* from the ghost history votes, so it stays true after those acceptors    *)
(* restarted or overwrote the slot.                                        *)

Slots == DOMAIN votes

\* The values chosen in slot s, as [kind, id].
ChosenValues(s) ==
    IF s \notin DOMAIN votes THEN {}
    ELSE {Value(v) : v \in {v \in votes[s] :
             IsQuorum({w.acc : w \in {w \in votes[s] :
                          w.bal = v.bal /\ Value(w) = Value(v)}})}}

Chosen(s, val) == val \in ChosenValues(s)

\* A ballot's leader proposes one value per slot, so acceptors never accept
\* two values in one slot and ballot ([PMS] 2.2: a proposal number names one
\* proposal; [PMMC] invariant A5 on pvalues).  Uniqueness rests on it.
OneValuePerBallotAt(s) ==
    \A v, w \in votes[s] : v.bal = w.bal => Value(v) = Value(w)
OneValuePerBallot == \A s \in Slots : OneValuePerBallotAt(s)

\* Consistency ([PMS] 2.1 "only a single value is chosen"; [PMMC]
\* invariant R1/"at most one command per slot is decided"): at most one
\* value is ever chosen per slot.
ChosenUniqueAt(s) == Cardinality(ChosenValues(s)) <= 1
ChosenUnique == \A s \in Slots : ChosenUniqueAt(s)

\* Learners learn only chosen values ([PMS] 2.1 "a process never learns
\* that a value has been chosen unless it actually has been"): every entry
\* a replica counts as committed holds a chosen value.
CommittedChosenAt(i, s) == Chosen(s, Value(log[i][s]))
CommittedChosen ==
    \A i \in Server : \A s \in 1..commitIndex[i] : CommittedChosenAt(i, s)

\* State machine safety ([PMS] 3; [PMMC] invariant R1): two replicas never
\* commit, hence apply, different commands in one slot.
CommittedAgreeAt(i, j, s) == Value(log[i][s]) = Value(log[j][s])
CommittedPrefixesAgree ==
    \A i, j \in Server :
        \A s \in 1..Min(commitIndex[i], commitIndex[j]) : CommittedAgreeAt(i, j, s)

\* At most one leader per ballot, over the whole history, and only the
\* ballot's owner ([PMS] 2.3 disjoint proposal numbers; [PMMC] a ballot
\* names its leader).
OneLeaderPerBallot ==
    \A e, f \in leaders : e.bal = f.bal => e.leader = f.leader /\ Owner(e.bal) = e.leader

\* A chosen value never changes: once a slot has a chosen value, every later
\* state has the same set of chosen values there ([PMS] 2.1).  An action
\* property.
ChosenNeverChanges ==
    [][\A s \in Slots : ChosenValues(s) # {} => ChosenValues(s)' = ChosenValues(s)]_vars

\* A commit index never moves back and a committed slot's value never
\* changes, except that Restart may restore a lower commit index with the
\* log unchanged.  An action property.
CommittedValues(i) == [s \in 1..commitIndex[i] |-> Value(log[i][s])]
CommitIndexMonotonic ==
    [][\A i \in Server :
         \/ /\ commitIndex'[i] >= commitIndex[i]
            /\ \A s \in 1..commitIndex[i] : Value(log'[i][s]) = Value(log[i][s])
         \/ Restart(i)]_vars

=============================================================================
