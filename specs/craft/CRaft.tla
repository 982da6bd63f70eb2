------------------------------- MODULE CRaft -------------------------------
(***************************************************************************)
(* CRaft: Raft in which each server stores one erasure-code shard of a log *)
(* entry instead of a full copy, falling back to full copies when too few  *)
(* servers are alive.  A value is coded into N shards (N = the number of   *)
(* servers), any DataShards (d) of which rebuild it; server i stores shard *)
(* number i.  A shard is [val |-> v, idx |-> i]; a log entry is            *)
(* [term |-> t, shards |-> S], S being the shards of its value the server  *)
(* stores: {Shard(v, i)} or FullCopy(v), all N shards (a full copy         *)
(* rebuilds v on its own).                                                 *)
(*                                                                         *)
(* Quorums: a read quorum (q_r servers) and a write quorum (q_w) share at  *)
(* least d servers, q_w + q_r - N >= d, as in RSPaxos.tla; both are more   *)
(* than half the servers, so each meets every majority.  [CRaft] uses      *)
(* q_w = F + d and q_r = F + 1 for N = 2F + 1; Summerset uses d =          *)
(* majority, q_w = majority + f, q_r = N - f.                              *)
(*                                                                         *)
(* What differs from Raft (as Raft.tla, without PreVote, separate          *)
(* heartbeats, reads, sessions and snapshots):                             *)
(*                                                                         *)
(* 1. Replication.  A leader holds the values of its log in memory and     *)
(*    sends follower j, of each entry, shard j (shard mode) or a full copy *)
(*    (full mode).  A server that receives an entry it has already (same   *)
(*    index and term) keeps every shard of both: a full copy is never      *)
(*    replaced by a shard (buggy/MCCRaftShardOverwritesFull).              *)
(*                                                                         *)
(* 2. Commit: an entry n of the leader's term, by either rule:             *)
(*    - shard rule: q_w servers, the leader included, store entry n in any *)
(*      form.  By Log Matching each stores at least its own shard of every *)
(*      entry up to n, so any q_r servers hold d shards of each.  A plain  *)
(*      majority is not enough (buggy/MCCRaftMajorityCommit).              *)
(*    - full rule, in full mode only: a majority, the leader included,     *)
(*      store FULL COPIES of every entry after the leader's commit index   *)
(*      up to n (those up to it are committed already), so every majority, *)
(*      hence every read quorum, holds a full copy of each newly committed *)
(*      entry.  A follower's ack counts for it (fullMatch) only as far as  *)
(*      its log holds full copies of every entry after the commit index    *)
(*      the append named; an ack of shards does not count                  *)
(*      (buggy/MCCRaftFallbackNoReReplicate).                              *)
(*                                                                         *)
(* 3. Mode switches (SwitchMode; the failure detector is an input, so any  *)
(*    switch may happen at any time).  Falling back to full copies, the    *)
(*    leader re-persists its own uncommitted entries as full copies, as it *)
(*    counts itself in the full rule (Summerset skips this:                *)
(*    buggy/MCCRaftFallbackNoRepersist), and from then on sends full       *)
(*    copies: its uncommitted shard-mode entries are re-replicated in full *)
(*    when it re-sends from its commit index.  Switching back to shards    *)
(*    needs nothing more than rule 1: entries committed by the full rule   *)
(*    keep their full copies on a majority, since a shard sent later never *)
(*    replaces one, and the shard rule holds whatever earlier entries      *)
(*    store.  (Trimming a full copy down to a shard after the switch back  *)
(*    would need the entry on q_w servers first; nothing here trims.)      *)
(*                                                                         *)
(* 4. Recovery by a new leader ([CRaft]).  Raft's election still puts      *)
(*    every committed entry into the new leader's log, but the leader may  *)
(*    hold only its own shard of some.  Elected, it is Recovering: it asks *)
(*    every server (ReconstructRequest, naming the term of each of its     *)
(*    entries) for the shards it holds of those entries (same index and    *)
(*    term); the answers are given in the leader's term.  Recover(i): the  *)
(*    leader rebuilds every entry of which it has d distinct shards; if    *)
(*    some entry cannot be rebuilt, it truncates its log before the first  *)
(*    such entry, but only once it has the shards of q_r servers, itself   *)
(*    included.  Then it leads, holding every value of its log in memory   *)
(*    (not durably: its durable log keeps what it had).                    *)
(*    Why it is safe: a committed entry is held, in the shards counted, by *)
(*    q_w servers or in full by a majority, so any q_r servers give d      *)
(*    shards of it (CommittedRecoverable): an entry the leader cannot      *)
(*    rebuild from q_r servers is not committed, nor is any later one (a   *)
(*    commit covers a prefix).  Nor can the leader of its older term still *)
(*    commit it: the q_r servers answered in the new term and take no      *)
(*    appends of older terms from then on, so at most (d - 1) + (N - q_r)  *)
(*    < q_w servers can store it for that leader, and a majority storing   *)
(*    full copies would meet those q_r.  (A later leader that has the      *)
(*    entry may still rebuild and commit it, as Raft lets any uncommitted  *)
(*    entry be committed by a later leader; then the entry that replaced   *)
(*    it was never committed.)                                             *)
(*    Shards are matched by index and term: Raft never changes an entry's  *)
(*    term, so (unlike RSPaxos, where a value is re-proposed in a new      *)
(*    ballot) the shards of one entry always carry the same identity.      *)
(*    Asking for q_w shards where d suffice drops committed entries        *)
(*    (buggy/MCCRaftDropWithShards).                                       *)
(*                                                                         *)
(* Network: a bag of messages in flight, as in Raft.tla; a receive takes   *)
(* one copy, DuplicateMessage and DropMessage duplicate and lose, and any  *)
(* message may be received next (reordering).  A request of an older term  *)
(* than its receiver's is ignored (Raft answers it with the newer term;    *)
(* the older leader or candidate learns that term from the messages of the *)
(* newer one).  Crash and restart (Restart): currentTerm, votedFor and log *)
(* are durable, the commit index comes back at most as high as it was; a   *)
(* leader's mode, its recovery and the values it held in memory are lost.  *)
(*                                                                         *)
(* Every handler takes the receiving server and the message, and every     *)
(* other action its arguments, as explicit parameters, so that a trace     *)
(* spec can call them with values read from a trace.  No action bounds the *)
(* state space; MCCRaft.tla does that.                                     *)
(*                                                                         *)
(* References: [CRaft] Wang, Li, Wang, Shao, Bai, Cai, Xu, Wang, "CRaft:   *)
(* An Erasure-coding-supported Version of Raft for Reducing Storage Cost   *)
(* and Network Cost", FAST 2020: coded-fragment replication committed by   *)
(* F + k servers, complete-entry replication committed by a majority when  *)
(* fewer are alive, a new leader that gathers the fragments of its         *)
(* unapplied entries and deletes the first one it cannot recover and all   *)
(* after it.  [Raft] Ongaro & Ousterhout, "In Search of an Understandable  *)
(* Consensus Algorithm", 2014.  [RSP] Mu, Chen, Zhao, "Gaining Efficiency  *)
(* from Erasure-Coded Replication", HPDC 2014: the quorum rule.            *)
(* Summerset (josehu07/summerset), src/protocols/craft: d = majority,      *)
(* q_w = majority + f, q_r = N - f; it never switches back to shards, and  *)
(* on a fallback neither re-persists nor re-sends earlier entries.         *)
(***************************************************************************)
EXTENDS Naturals, Sequences, FiniteSets, Bags, TLC

CONSTANTS
    Server,       \* the servers; server i stores shard number i
    Values,       \* the values clients propose (abstract commands)
    DataShards,   \* d: any d distinct shards of a value rebuild it
    WriteQuorum,  \* q_w: servers that must store an entry (shard rule)
    ReadQuorum,   \* q_r: servers a new leader hears before it drops
    Nil           \* "no vote"

N == Cardinality(Server)

ASSUME /\ IsFiniteSet(Server) /\ Server # {}
       /\ DataShards \in 1..N
       /\ WriteQuorum \in 1..N
       /\ ReadQuorum \in 1..N
       \* [RSP]: a read quorum and a write quorum share d servers.
       /\ WriteQuorum + ReadQuorum - N >= DataShards
       \* A write quorum meets every election majority (Leader
       \* Completeness); a read quorum meets every majority (full rule).
       /\ 2 * WriteQuorum > N
       /\ 2 * ReadQuorum > N
       /\ Nil \notin Server

-----------------------------------------------------------------------------
(* Durable state: survives Restart (the commit index up to a lower value). *)
VARIABLES currentTerm, votedFor, log, commitIndex
(* Volatile state: lost on Restart.  All but state and votesGranted are a  *)
(* leader's, cleared whenever a server starts or stops leading.            *)
VARIABLES
    state,        \* "Follower", "Candidate", "Recovering" (elected, not yet
                  \* recovered) or "Leader"
    votesGranted,
    matchIndex,   \* matchIndex[i][j]: j stores entries 1..matchIndex
    fullMatch,    \* fullMatch[i][j]: j stores full copies of every entry
                  \* after commitIndex[i] up to fullMatch
    mode,         \* mode[i]: "shard" or "full": what leader i sends
    reconFrom,    \* reconFrom[i]: the servers whose shards i gathered
    reconShards   \* reconShards[i][k]: the shards of i's entry k gathered
(* The network: a bag (multiset) of messages in flight.                    *)
VARIABLE messages
(* Ghost variables: history, read only by invariants, never by guards.     *)
VARIABLES
    committed,    \* longest log prefix ever committed: <<[entry, cterm,
                  \* rule]>>: entry = [term, val], cterm = the term of the
                  \* leader that first committed it, rule = "shard" | "full"
    elections     \* every [term, leader] pair that BecomeLeader produced

\* (commitIndex is grouped with the durable state: see Restart.)
durableVars == <<currentTerm, votedFor, log, commitIndex>>
leaderVars  == <<matchIndex, fullMatch, mode, reconFrom, reconShards>>
ghostVars   == <<committed, elections>>
vars == <<durableVars, state, votesGranted, leaderVars, messages, ghostVars>>

-----------------------------------------------------------------------------
(* Shards                                                                  *)

\* Shard number j of value v: known by its value and index, not its bytes.
Shard(v, j) == [val |-> v, idx |-> j]

\* A full copy: the value itself, from which every shard follows.  (The
\* core may store the d data shards instead: what counts is Rebuilds.)
FullCopy(v) == {Shard(v, j) : j \in Server}

\* Any d distinct shards of one value rebuild it (Reed-Solomon).
Rebuilds(shards) == Cardinality({sh.idx : sh \in shards}) >= DataShards

ValOf(e)   == (CHOOSE sh \in e.shards : TRUE).val
IsFull(e)  == Rebuilds(e.shards)
Content(e) == [term |-> e.term, val |-> ValOf(e)]

LogContent(xlog) == [k \in 1..Len(xlog) |-> Content(xlog[k])]

-----------------------------------------------------------------------------
(* Helpers                                                                 *)

Min(a, b) == IF a <= b THEN a ELSE b
Max(a, b) == IF a >= b THEN a ELSE b
MinOf(S)  == CHOOSE x \in S : \A y \in S : x <= y

IsMajority(S)    == 2 * Cardinality(S) > N
IsWriteQuorum(S) == Cardinality(S) >= WriteQuorum

LastTerm(xlog)  == IF Len(xlog) = 0 THEN 0 ELSE xlog[Len(xlog)].term
TermAt(xlog, k) == IF k = 0 THEN 0 ELSE xlog[k].term

IsPrefix(s, t) == Len(s) <= Len(t) /\ SubSeq(t, 1, Len(s)) = s

\* The candidate's log in m is at least as up-to-date as i's ([Raft] 5.4.1).
LogUpToDate(i, m) ==
    \/ m.lastLogTerm > LastTerm(log[i])
    \/ /\ m.lastLogTerm = LastTerm(log[i])
       /\ m.lastLogIndex >= Len(log[i])

\* Network: a send adds one copy of each message; a receive takes one.
Send(ms)   == messages' = messages (+) SetToBag(ms)
Discard(m) == messages' = messages (-) SetToBag({m})
Reply(response, request) ==
    messages' = (messages (-) SetToBag({request})) (+) SetToBag({response})

\* Message m, of the receiver's current term, may be received by i.
Receivable(i, m, type) ==
    /\ BagIn(m, messages) /\ m.type = type /\ m.to = i
    /\ m.term = currentTerm[i]

NoMatch == [j \in Server |-> 0]

-----------------------------------------------------------------------------
Init ==
    /\ currentTerm  = [i \in Server |-> 0]
    /\ votedFor     = [i \in Server |-> Nil]
    /\ log          = [i \in Server |-> <<>>]
    /\ commitIndex  = [i \in Server |-> 0]
    /\ state        = [i \in Server |-> "Follower"]
    /\ votesGranted = [i \in Server |-> {}]
    /\ matchIndex   = [i \in Server |-> NoMatch]
    /\ fullMatch    = [i \in Server |-> NoMatch]
    /\ mode         = [i \in Server |-> "shard"]
    /\ reconFrom    = [i \in Server |-> {}]
    /\ reconShards  = [i \in Server |-> <<>>]
    /\ messages     = EmptyBag
    /\ committed    = <<>>
    /\ elections    = {}

\* i does not lead (or starts to): its leader state is cleared.
ClearLeaderState(i) ==
    /\ matchIndex'  = [matchIndex EXCEPT ![i] = NoMatch]
    /\ fullMatch'   = [fullMatch EXCEPT ![i] = NoMatch]
    /\ mode'        = [mode EXCEPT ![i] = "shard"]
    /\ reconFrom'   = [reconFrom EXCEPT ![i] = {}]
    /\ reconShards' = [reconShards EXCEPT ![i] = <<>>]

-----------------------------------------------------------------------------
(* Elections ([Raft] 5.2, 5.4.1), as in Raft                               *)

\* The election timer of i fired: a new term and a vote for itself.  A
\* recovering leader that cannot hear q_r servers gives its term up too.
Timeout(i) ==
    /\ state[i] \in {"Follower", "Candidate", "Recovering"}
    /\ currentTerm' = [currentTerm EXCEPT ![i] = @ + 1]
    /\ votedFor' = [votedFor EXCEPT ![i] = i]
    /\ state' = [state EXCEPT ![i] = "Candidate"]
    /\ votesGranted' = [votesGranted EXCEPT ![i] = {i}]
    /\ Send({[type |-> "RequestVoteRequest", from |-> i, to |-> j,
              term |-> currentTerm[i] + 1, lastLogIndex |-> Len(log[i]),
              lastLogTerm |-> LastTerm(log[i])] : j \in Server \ {i}})
    /\ ClearLeaderState(i)
    /\ UNCHANGED <<log, commitIndex, ghostVars>>

\* Any message of a higher term makes i a follower of that term ([Raft]
\* 5.1).  m stays in the bag: the matching Handle action takes it next.
UpdateTerm(i, m) ==
    /\ BagIn(m, messages)
    /\ m.to = i
    /\ m.term > currentTerm[i]
    /\ currentTerm' = [currentTerm EXCEPT ![i] = m.term]
    /\ state' = [state EXCEPT ![i] = "Follower"]
    /\ votedFor' = [votedFor EXCEPT ![i] = Nil]
    /\ votesGranted' = [votesGranted EXCEPT ![i] = {}]
    /\ ClearLeaderState(i)
    /\ UNCHANGED <<log, commitIndex, messages, ghostVars>>

\* One vote per term, only for an up-to-date log.
HandleRequestVoteRequest(i, m) ==
    /\ Receivable(i, m, "RequestVoteRequest")
    /\ LET grant == LogUpToDate(i, m) /\ votedFor[i] \in {Nil, m.from}
       IN /\ votedFor' = IF grant THEN [votedFor EXCEPT ![i] = m.from]
                                  ELSE votedFor
          /\ Reply([type |-> "RequestVoteResponse", from |-> i, to |-> m.from,
                    term |-> currentTerm[i], granted |-> grant], m)
    /\ UNCHANGED <<currentTerm, log, commitIndex, state, votesGranted,
                   leaderVars, ghostVars>>

HandleRequestVoteResponse(i, m) ==
    /\ Receivable(i, m, "RequestVoteResponse")
    /\ state[i] = "Candidate"
    /\ votesGranted' = [votesGranted EXCEPT ![i] =
                          IF m.granted THEN @ \cup {m.from} ELSE @]
    /\ Discard(m)
    /\ UNCHANGED <<durableVars, state, leaderVars, ghostVars>>

\* What a new leader i asks every other server: the shards of its entries,
\* named by index and term.
ReconstructRequests(i) ==
    {[type |-> "ReconstructRequest", from |-> i, to |-> j, term |-> currentTerm[i],
      terms |-> [k \in 1..Len(log[i]) |-> log[i][k].term]] : j \in Server \ {i}}

\* A majority of votes: i leads its term, but first recovers its log: it
\* asks every server for its shards of i's entries, naming each entry's
\* term ([CRaft]; Summerset's Reconstruct message).
BecomeLeader(i) ==
    /\ state[i] = "Candidate"
    /\ IsMajority(votesGranted[i])
    /\ state' = [state EXCEPT ![i] = "Recovering"]
    /\ matchIndex'  = [matchIndex EXCEPT ![i] = NoMatch]
    /\ fullMatch'   = [fullMatch EXCEPT ![i] = NoMatch]
    /\ mode'        = [mode EXCEPT ![i] = "shard"]
    /\ reconFrom'   = [reconFrom EXCEPT ![i] = {}]
    /\ reconShards' = [reconShards EXCEPT ![i] =
                         [k \in 1..Len(log[i]) |-> log[i][k].shards]]
    /\ Send(ReconstructRequests(i))
    /\ elections' = elections \cup {[term |-> currentTerm[i], leader |-> i]}
    /\ UNCHANGED <<durableVars, votesGranted, committed>>

-----------------------------------------------------------------------------
(* Recovery by a new leader ([CRaft])                                      *)

\* Answer the leader of i's term with the shards i holds of each of its
\* entries: those of the same index and term, {} for the others.  From
\* now on i takes no appends of older terms (its term is the leader's).
HandleReconstructRequest(i, m) ==
    /\ Receivable(i, m, "ReconstructRequest")
    /\ state' = [state EXCEPT ![i] = "Follower"]
    /\ Reply([type |-> "ReconstructResponse", from |-> i, to |-> m.from,
              term |-> currentTerm[i],
              shards |-> [k \in DOMAIN m.terms |->
                            IF k <= Len(log[i]) /\ log[i][k].term = m.terms[k]
                            THEN log[i][k].shards ELSE {}]], m)
    /\ UNCHANGED <<durableVars, votesGranted, leaderVars, ghostVars>>

\* The recovering leader gathers the answer's shards.
HandleReconstructResponse(i, m) ==
    /\ Receivable(i, m, "ReconstructResponse")
    /\ state[i] = "Recovering"
    /\ DOMAIN m.shards = DOMAIN reconShards[i]
    /\ reconFrom' = [reconFrom EXCEPT ![i] = @ \cup {m.from}]
    /\ reconShards' = [reconShards EXCEPT ![i] =
                         [k \in DOMAIN @ |-> @[k] \cup m.shards[k]]]
    /\ Discard(m)
    /\ UNCHANGED <<durableVars, state, votesGranted, matchIndex, fullMatch,
                   mode, ghostVars>>

\* The recovery's test that the shards gathered of an entry rebuild it
\* (a buggy variant overrides it).
EnoughToRebuild(shards) == Rebuilds(shards)

\* If every entry can be rebuilt from what i gathered, i is done, whoever
\* answered; otherwise i and the servers that answered must be q_r, and i
\* truncates its log before the first entry it cannot rebuild.  Then i
\* leads, every value of its log in memory.
Recover(i) ==
    /\ state[i] = "Recovering"
    /\ LET lost == {k \in 1..Len(log[i]) : ~EnoughToRebuild(reconShards[i][k])}
           keep == IF lost = {} THEN Len(log[i]) ELSE MinOf(lost) - 1
       IN /\ lost # {} => Cardinality(reconFrom[i] \cup {i}) >= ReadQuorum
          /\ log' = [log EXCEPT ![i] = SubSeq(@, 1, keep)]
          /\ commitIndex' = [commitIndex EXCEPT ![i] = Min(@, keep)]
    /\ state' = [state EXCEPT ![i] = "Leader"]
    /\ reconFrom' = [reconFrom EXCEPT ![i] = {}]
    /\ reconShards' = [reconShards EXCEPT ![i] = <<>>]
    /\ UNCHANGED <<currentTerm, votedFor, votesGranted, matchIndex, fullMatch,
                   mode, messages, ghostVars>>

-----------------------------------------------------------------------------
(* Client requests, replication and mode switches                          *)

\* The leader appends a client command (once recovered), storing its own
\* shard or, in full mode, a full copy.
ClientRequest(i, v) ==
    /\ state[i] = "Leader"
    /\ log' = [log EXCEPT ![i] =
                 Append(@, [term |-> currentTerm[i],
                            shards |-> IF mode[i] = "full" THEN FullCopy(v)
                                       ELSE {Shard(v, i)}])]
    /\ UNCHANGED <<currentTerm, votedFor, commitIndex, state, votesGranted,
                   leaderVars, messages, ghostVars>>

\* What leader i sends j of entry e: shard j, or a full copy.
ForFollower(i, j, e) ==
    [term |-> e.term,
     shards |-> IF mode[i] = "full" THEN FullCopy(ValOf(e))
                ELSE {Shard(ValOf(e), j)}]

\* The append of log[i][prevLogIndex+1 .. prevLogIndex+count] to j.
AppendRequest(i, j, prevLogIndex, count) ==
    [type |-> "AppendEntriesRequest", from |-> i, to |-> j,
     term |-> currentTerm[i], prevLogIndex |-> prevLogIndex,
     prevLogTerm |-> TermAt(log[i], prevLogIndex),
     entries |-> [k \in 1..count |-> ForFollower(i, j, log[i][prevLogIndex + k])],
     commit |-> Min(commitIndex[i], prevLogIndex + count)]

\* The leader sends log[i][prevLogIndex+1 .. prevLogIndex+count] to j, coded
\* for j.  Any range may be sent at any time (next-index bookkeeping and
\* flow control are the core's); count = 0 is a heartbeat.  After a
\* fallback its earlier entries count for the full rule only once it has
\* re-sent them, from its commit index (FullAck).
AppendEntries(i, j, prevLogIndex, count) ==
    /\ state[i] = "Leader"
    /\ j \in Server \ {i}
    /\ prevLogIndex \in Nat
    /\ count \in Nat
    /\ prevLogIndex + count <= Len(log[i])
    /\ Send({AppendRequest(i, j, prevLogIndex, count)})
    /\ UNCHANGED <<durableVars, state, votesGranted, leaderVars, ghostVars>>

\* The first k such that entry k of m conflicts with (or extends) xlog, or 0
\* when xlog already has an entry of the same term at every index of m.
FirstNewEntry(xlog, m) ==
    LET new == {k \in 1..Len(m.entries) :
                   \/ m.prevLogIndex + k > Len(xlog)
                   \/ xlog[m.prevLogIndex + k].term # m.entries[k].term}
    IN IF new = {} THEN 0 ELSE MinOf(new)

\* What a server keeps when an append carries an entry it has already
\* (same index and term): every shard of both.  A full copy stays full,
\* and a shard that arrives with or after a full copy changes nothing.
KeepShards(old, new) == [old EXCEPT !.shards = @ \cup new.shards]

\* Merge m's entries into xlog ([Raft] Figure 2, AppendEntries steps 3-4):
\* entries it has already are merged by KeepShards, the log is truncated
\* only at the first conflicting index, and new entries are appended.
MergeEntries(xlog, m) ==
    LET p    == m.prevLogIndex
        k    == FirstNewEntry(xlog, m)
        same == IF k = 0 THEN Len(m.entries) ELSE k - 1
        upd  == [x \in 1..Len(xlog) |->
                   IF p < x /\ x <= p + same
                   THEN KeepShards(xlog[x], m.entries[x - p])
                   ELSE xlog[x]]
    IN IF k = 0 THEN upd
       ELSE SubSeq(upd, 1, p + k - 1) \o SubSeq(m.entries, k, Len(m.entries))

\* What the answer to a successful append m tells its leader about full
\* copies: the largest n from m.commit (the leader's commit index when it
\* sent m) up to the end of m such that the follower's log xlog, after
\* merging m, holds full copies of every entry after m.commit up to n.  The
\* leader, whose commit index is at least m.commit, may count the follower
\* for a full-rule commit up to n (the follower never loses a full copy of
\* an entry it keeps, and keeps the leader's entries while the leader
\* leads).  Copies stored before m count too: a follower that took full
\* copies in an earlier full-mode round acknowledges them with any later
\* append of the same leader.
FullAck(xlog, m) ==
    LET last == m.prevLogIndex + Len(m.entries)
    IN CHOOSE n \in m.commit..last :
          /\ \A k \in (m.commit + 1)..n : IsFull(xlog[k])
          /\ n < last => ~IsFull(xlog[n + 1])

AppendResponse(i, m, success, match, full) ==
    [type |-> "AppendEntriesResponse", from |-> i, to |-> m.from,
     term |-> currentTerm[i], success |-> success, matchIndex |-> match,
     fullMatch |-> full]

\* A follower takes an append of its term and answers with the last index
\* m covered (matchIndex) and FullAck of its merged log.
HandleAppendEntriesRequest(i, m) ==
    /\ Receivable(i, m, "AppendEntriesRequest")
    /\ state' = [state EXCEPT ![i] = "Follower"]
    /\ IF \/ m.prevLogIndex = 0
          \/ /\ m.prevLogIndex <= Len(log[i])
             /\ log[i][m.prevLogIndex].term = m.prevLogTerm
       THEN /\ log' = [log EXCEPT ![i] = MergeEntries(@, m)]
            /\ commitIndex' = [commitIndex EXCEPT ![i] = Max(@, m.commit)]
            /\ Reply(AppendResponse(i, m, TRUE, m.prevLogIndex + Len(m.entries),
                                    FullAck(MergeEntries(log[i], m), m)), m)
       ELSE /\ Reply(AppendResponse(i, m, FALSE, 0, 0), m)
            /\ UNCHANGED <<log, commitIndex>>
    /\ UNCHANGED <<currentTerm, votedFor, votesGranted, leaderVars, ghostVars>>

\* On failure the core moves its next index; the spec lets the leader send
\* any range, so a failure only consumes the answer.
HandleAppendEntriesResponse(i, m) ==
    /\ Receivable(i, m, "AppendEntriesResponse")
    /\ state[i] = "Leader"
    /\ matchIndex' = IF m.success
                     THEN [matchIndex EXCEPT ![i][m.from] = Max(@, m.matchIndex)]
                     ELSE matchIndex
    /\ fullMatch' = IF m.success
                    THEN [fullMatch EXCEPT ![i][m.from] = Max(@, m.fullMatch)]
                    ELSE fullMatch
    /\ Discard(m)
    /\ UNCHANGED <<durableVars, state, votesGranted, mode, reconFrom,
                   reconShards, ghostVars>>

\* The two commit rules for entry n of leader i (header, point 2; buggy
\* variants override them).
ShardRuleOK(i, n) ==
    IsWriteQuorum({i} \cup {j \in Server \ {i} : matchIndex[i][j] >= n})
FullRuleOK(i, n) ==
    /\ mode[i] = "full"
    /\ IsMajority({i} \cup {j \in Server \ {i} : fullMatch[i][j] >= n})

\* The state change of a commit; it also extends the ghost history.
CommitTo(i, n, rule) ==
    /\ commitIndex' = [commitIndex EXCEPT ![i] = n]
    /\ committed' =
         IF n <= Len(committed) THEN committed
         ELSE committed \o [k \in 1..(n - Len(committed)) |->
                 [entry |-> Content(log[i][Len(committed) + k]),
                  cterm |-> currentTerm[i], rule |-> rule]]
    /\ UNCHANGED <<currentTerm, votedFor, log, state, votesGranted,
                   leaderVars, messages, elections>>

\* The leader commits index n, an entry of its own term ([Raft] 5.4.2), by
\* either rule.  Any such n, not only the largest.
AdvanceCommitIndex(i, n) ==
    /\ state[i] = "Leader"
    /\ n \in (commitIndex[i] + 1)..Len(log[i])
    /\ log[i][n].term = currentTerm[i]
    /\ ShardRuleOK(i, n) \/ FullRuleOK(i, n)
    /\ CommitTo(i, n, IF FullRuleOK(i, n) THEN "full" ELSE "shard")

\* i's log with every entry after its commit index stored as a full copy:
\* what a leader re-persists when it falls back (header, point 3), from the
\* values it holds in memory.
FullAfterCommit(i) ==
    [k \in 1..Len(log[i]) |->
        IF k > commitIndex[i]
        THEN [term |-> log[i][k].term, shards |-> FullCopy(ValOf(log[i][k]))]
        ELSE log[i][k]]

\* The leader switches what it sends; falling back to full copies, it first
\* re-persists its uncommitted entries in full.
SwitchMode(i, to) ==
    /\ state[i] = "Leader"
    /\ to \in {"shard", "full"}
    /\ mode[i] # to
    /\ mode' = [mode EXCEPT ![i] = to]
    /\ log' = IF to = "full" THEN [log EXCEPT ![i] = FullAfterCommit(i)] ELSE log
    /\ UNCHANGED <<currentTerm, votedFor, commitIndex, state, votesGranted,
                   matchIndex, fullMatch, reconFrom, reconShards, messages,
                   ghostVars>>

-----------------------------------------------------------------------------
(* Failures                                                                *)

\* Crash and recovery: currentTerm, votedFor and log survive; the commit
\* index comes back at any value up to the old one (a snapshot's index, or
\* a persisted one: a lower one only makes the CRaft rules, which read the
\* entries after it, more demanding).  A leader's state, mode and
\* in-memory values are lost.
Restart(i) ==
    /\ state' = [state EXCEPT ![i] = "Follower"]
    /\ votesGranted' = [votesGranted EXCEPT ![i] = {}]
    /\ ClearLeaderState(i)
    /\ \E c \in 0..commitIndex[i] : commitIndex' = [commitIndex EXCEPT ![i] = c]
    /\ UNCHANGED <<currentTerm, votedFor, log, messages, ghostVars>>

DuplicateMessage(m) ==
    /\ BagIn(m, messages)
    /\ Send({m})
    /\ UNCHANGED <<durableVars, state, votesGranted, leaderVars, ghostVars>>

DropMessage(m) ==
    /\ BagIn(m, messages)
    /\ Discard(m)
    /\ UNCHANGED <<durableVars, state, votesGranted, leaderVars, ghostVars>>

-----------------------------------------------------------------------------
(* The next-state relation.  The receives are named so that TLC names them *)
(* in counterexamples.                                                     *)

HandleRequestVoteRequestSome ==
    \E m \in DOMAIN messages : HandleRequestVoteRequest(m.to, m)
HandleRequestVoteResponseSome ==
    \E m \in DOMAIN messages : HandleRequestVoteResponse(m.to, m)
HandleReconstructRequestSome ==
    \E m \in DOMAIN messages : HandleReconstructRequest(m.to, m)
HandleReconstructResponseSome ==
    \E m \in DOMAIN messages : HandleReconstructResponse(m.to, m)
HandleAppendEntriesRequestSome ==
    \E m \in DOMAIN messages : HandleAppendEntriesRequest(m.to, m)
HandleAppendEntriesResponseSome ==
    \E m \in DOMAIN messages : HandleAppendEntriesResponse(m.to, m)
UpdateTermSome == \E m \in DOMAIN messages : UpdateTerm(m.to, m)

Next ==
    \/ UpdateTermSome
    \/ HandleRequestVoteRequestSome \/ HandleRequestVoteResponseSome
    \/ HandleReconstructRequestSome \/ HandleReconstructResponseSome
    \/ HandleAppendEntriesRequestSome \/ HandleAppendEntriesResponseSome
    \/ \E i \in Server :
          \/ Timeout(i) \/ BecomeLeader(i) \/ Recover(i) \/ Restart(i)
    \/ \E i \in Server, v \in Values : ClientRequest(i, v)
    \/ \E i \in Server, to \in {"shard", "full"} : SwitchMode(i, to)
    \/ \E i, j \in Server : \E p \in 0..Len(log[i]) :
          \E c \in 0..(Len(log[i]) - p) : AppendEntries(i, j, p, c)
    \/ \E i \in Server : \E n \in 1..Len(log[i]) : AdvanceCommitIndex(i, n)
    \/ \E m \in DOMAIN messages : DuplicateMessage(m) \/ DropMessage(m)

Spec == Init /\ [][Next]_vars

-----------------------------------------------------------------------------
(* Types                                                                   *)

\* What server i may store of an entry: its own shard or a full copy, of
\* one value.
IsStoredBy(shards, i) ==
    \E v \in Values : shards = {Shard(v, i)} \/ shards = FullCopy(v)

IsEntryOf(e, i) ==
    DOMAIN e = {"term", "shards"} /\ e.term \in Nat \ {0} /\ IsStoredBy(e.shards, i)

IsSeq(s) == DOMAIN s = 1..Len(s)

Header(m, type) ==
    /\ m.type = type /\ m.from \in Server /\ m.to \in Server /\ m.term \in Nat

\* Each message has its type's fields (and an append to j carries, of
\* each entry, shard j or a full copy).
MessageOK(m) ==
    \/ /\ Header(m, "RequestVoteRequest")
       /\ DOMAIN m = {"type", "from", "to", "term", "lastLogIndex", "lastLogTerm"}
       /\ m.lastLogIndex \in Nat /\ m.lastLogTerm \in Nat
    \/ /\ Header(m, "RequestVoteResponse")
       /\ DOMAIN m = {"type", "from", "to", "term", "granted"}
       /\ m.granted \in BOOLEAN
    \/ /\ Header(m, "ReconstructRequest")
       /\ DOMAIN m = {"type", "from", "to", "term", "terms"}
       /\ IsSeq(m.terms)
    \/ /\ Header(m, "ReconstructResponse")
       /\ DOMAIN m = {"type", "from", "to", "term", "shards"}
       /\ IsSeq(m.shards)
       /\ \A k \in DOMAIN m.shards : m.shards[k] = {} \/ IsStoredBy(m.shards[k], m.from)
    \/ /\ Header(m, "AppendEntriesRequest")
       /\ DOMAIN m = {"type", "from", "to", "term", "prevLogIndex", "prevLogTerm",
                      "entries", "commit"}
       /\ m.prevLogIndex \in Nat /\ m.prevLogTerm \in Nat /\ m.commit \in Nat
       /\ IsSeq(m.entries)
       /\ \A k \in DOMAIN m.entries : IsEntryOf(m.entries[k], m.to)
    \/ /\ Header(m, "AppendEntriesResponse")
       /\ DOMAIN m = {"type", "from", "to", "term", "success", "matchIndex",
                      "fullMatch"}
       /\ m.success \in BOOLEAN /\ m.matchIndex \in Nat /\ m.fullMatch \in Nat

TypeOK ==
    /\ currentTerm \in [Server -> Nat]
    /\ votedFor \in [Server -> Server \cup {Nil}]
    \* server i stores, of each entry, its own shard or a full copy
    /\ \A i \in Server : IsSeq(log[i]) /\ \A k \in DOMAIN log[i] : IsEntryOf(log[i][k], i)
    /\ \A i \in Server : commitIndex[i] \in 0..Len(log[i])
    /\ state \in [Server -> {"Follower", "Candidate", "Recovering", "Leader"}]
    /\ votesGranted \in [Server -> SUBSET Server]
    /\ matchIndex \in [Server -> [Server -> Nat]]
    /\ fullMatch \in [Server -> [Server -> Nat]]
    /\ mode \in [Server -> {"shard", "full"}]
    /\ reconFrom \in [Server -> SUBSET Server]
    /\ \A i \in Server : IsSeq(reconShards[i])
    /\ \A m \in DOMAIN messages : MessageOK(m) /\ messages[m] \in Nat \ {0}
    /\ IsSeq(committed)
    /\ \A k \in DOMAIN committed :
          committed[k] \in [entry: [term: Nat, val: Values], cterm: Nat,
                            rule: {"shard", "full"}]
    /\ elections \subseteq [term: Nat, leader: Server]

-----------------------------------------------------------------------------
(* Safety invariants.  "Fig. 3" is Figure 3 of [Raft].                     *)

\* Election Safety (Fig. 3): at most one leader per term, over the whole
\* history.
ElectionSafety ==
    \A e, f \in elections : e.term = f.term => e.leader = f.leader

\* Log Matching (Fig. 3): two logs with an entry of the same index and term
\* hold the same values up to that index (what they store of them may
\* differ: shards or full copies).  Stated index by index: the same value
\* there, and the same term at the index before (hence, by induction, the
\* same entries all the way down).
LogMatching ==
    \A i, j \in Server :
        \A n \in 1..Min(Len(log[i]), Len(log[j])) :
            log[i][n].term = log[j][n].term
                => /\ ValOf(log[i][n]) = ValOf(log[j][n])
                   /\ n > 1 => log[i][n - 1].term = log[j][n - 1].term

\* Leader Completeness (Fig. 3): an entry committed in term T is in the log
\* of every leader of a term >= T, recovering or recovered: recovery never
\* drops a committed entry.
LeaderCompleteness ==
    \A i \in Server : state[i] \in {"Recovering", "Leader"} =>
        \A k \in 1..Len(committed) :
            committed[k].cterm <= currentTerm[i] =>
                /\ k <= Len(log[i])
                /\ Content(log[i][k]) = committed[k].entry

\* State Machine Safety (Fig. 3): every server's committed prefix is a
\* prefix of the one committed history, so no two servers apply different
\* values at an index (each after rebuilding it from d shards).
StateMachineSafety ==
    \A i \in Server :
        /\ commitIndex[i] <= Len(committed)
        /\ \A k \in 1..commitIndex[i] : Content(log[i][k]) = committed[k].entry

(***************************************************************************)
(* Recoverability.  ShardsIn(Q, k, e): the shards of the committed entry e *)
(* (index k) that the servers Q store now in entries of that index and     *)
(* term.  RecoverableFrom(Q, k, e): they rebuild e, as the recovery rule   *)
(* needs to keep e and a follower needs to execute it.                     *)
(***************************************************************************)
ShardsIn(Q, k, e) ==
    {sh \in UNION {log[j][k].shards :
                     j \in {j \in Q : Len(log[j]) >= k /\ log[j][k].term = e.term}} :
        sh.val = e.val}

RecoverableFrom(Q, k, e) == Rebuilds(ShardsIn(Q, k, e))

ReadQuorums == {Q \in SUBSET Server : Cardinality(Q) = ReadQuorum}
Majorities  == {Q \in SUBSET Server : Cardinality(Q) = N \div 2 + 1}

\* Every committed entry is recoverable from ANY q_r servers, whatever mode
\* it was committed in and whatever switches followed: the servers a new
\* leader hears before it may drop an entry.
CommittedRecoverable ==
    \A k \in 1..Len(committed) :
        \A Q \in ReadQuorums : RecoverableFrom(Q, k, committed[k].entry)

\* An entry committed by the full rule is recoverable from ANY majority
\* (one of them holds a full copy), also after a switch back.  An entry
\* committed by the shard rule is guaranteed from q_r servers only: with
\* q_r above a majority (N = 5, q_w = q_r = 4) a majority may hold d - 1
\* shards of it, which is why a new leader hears q_r servers in any mode.
FullCommittedRecoverable ==
    \A k \in 1..Len(committed) :
        committed[k].rule = "full" =>
            \A Q \in Majorities : RecoverableFrom(Q, k, committed[k].entry)

\* A leader in full mode holds full copies of its uncommitted entries (it
\* counts itself in the full rule).
LeaderFullInFullMode ==
    \A i \in Server :
        (state[i] = "Leader" /\ mode[i] = "full") =>
            \A k \in (commitIndex[i] + 1)..Len(log[i]) : IsFull(log[i][k])

-----------------------------------------------------------------------------
(* Action properties                                                       *)

\* Leader Append-Only (Fig. 3): once recovered, a leader's log only grows
\* while it leads its term (recovery may truncate it once, before).
LeaderAppendOnly ==
    [][\A i \in Server :
         (state[i] = "Leader" /\ state'[i] = "Leader"
            /\ currentTerm'[i] = currentTerm[i])
           => IsPrefix(LogContent(log[i]), LogContent(log'[i]))]_vars

\* A server never loses a shard of an entry it keeps (same index and
\* term): full copies survive every switch back to shard mode.
ShardsOnlyGrow ==
    [][\A i \in Server :
         \A k \in 1..Min(Len(log[i]), Len(log'[i])) :
             log'[i][k].term = log[i][k].term
                 => log[i][k].shards \subseteq log'[i][k].shards]_vars

=============================================================================
