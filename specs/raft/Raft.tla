-------------------------------- MODULE Raft --------------------------------
(***************************************************************************)
(* Raft as Lockstep implements it: PreVote, leader election with the      *)
(* leader's no-op, log replication with multi-entry appends and fast      *)
(* backtracking hints, commitment by counting current-term replicas only,  *)
(* heartbeats carrying commit and ReadIndex ids, ReadIndex reads, client   *)
(* requests with session ids, InstallSnapshot, crash/restart, and a lossy, *)
(* duplicating network modelled as a bag.                                  *)
(*                                                                         *)
(* Names of actions, parameters, variables and message fields are those of *)
(* docs/protocols/raft-contract.md: every action below is one trace line   *)
(* of the Java core, and every parameter is an explicit action argument so *)
(* TraceRaft.tla can call it with values read from the trace.  No action   *)
(* bounds the state space; the MC modules do that with state constraints.  *)
(*                                                                         *)
(* References: [Raft] Ongaro & Ousterhout, "In Search of an Understandable *)
(* Consensus Algorithm", 2014 (Figure 2, Figure 3, sections 5-8); [Thesis] *)
(* Ongaro, "Consensus: Bridging Theory and Practice", 2014.                *)
(***************************************************************************)
EXTENDS Naturals, Sequences, FiniteSets, Bags, TLC

CONSTANTS
    Server,      \* the replicas ("n1", "n2", ... in traces; model values in MC)
    Nil,         \* "no vote"
    MaxBatch,    \* most entries one AppendEntriesRequest carries (maxBatchEntries)
    RequestIds   \* client request ids "<client>:<seq>" that MC clients submit

ASSUME /\ Nil \notin Server
       /\ MaxBatch \in Nat \ {0}
       /\ "" \notin RequestIds

-----------------------------------------------------------------------------
(* Durable state: survives Restart (Figure 2, "persistent state").          *)
VARIABLES currentTerm, votedFor, log
(* Volatile state: lost on Restart.                                        *)
VARIABLES state, commitIndex, votesGranted, matchIndex, pendingReads,
          lastReadId   \* highest read id the leader issued in its term
(* The network: a bag (multiset) of messages in flight.                    *)
VARIABLE messages
(* Ghost variables: history, read only by invariants, never by guards.     *)
VARIABLES
    committed,      \* longest log prefix ever committed: <<[entry, cterm]>>,
                    \* cterm = the term of the leader that first committed it
    elections,      \* every [term, leader] pair that BecomeLeader produced
    readStart,      \* readStart[i]: [id, start] of i's pending reads, start =
                    \* Len(committed) when ClientRead ran
    lastServedRead  \* [index, start] of the most recent ServeRead

durableVars == <<currentTerm, votedFor, log>>
leaderVars  == <<matchIndex, pendingReads, lastReadId>>
ghostVars   == <<committed, elections, readStart, lastServedRead>>
vars == <<durableVars, state, commitIndex, votesGranted, leaderVars,
          messages, ghostVars>>

-----------------------------------------------------------------------------
(* Helpers                                                                 *)

Min(a, b) == IF a <= b THEN a ELSE b
Max(a, b) == IF a >= b THEN a ELSE b

IsQuorum(S) == Cardinality(S) * 2 > Cardinality(Server)

LastTerm(xlog) == IF Len(xlog) = 0 THEN 0 ELSE xlog[Len(xlog)].term

TermAt(xlog, k) == IF k = 0 THEN 0 ELSE xlog[k].term

IsPrefix(s, t) == Len(s) <= Len(t) /\ SubSeq(t, 1, Len(s)) = s

NoopEntry(t)  == [term |-> t, kind |-> "noop", id |-> ""]
CmdEntry(t, id) == [term |-> t, kind |-> "cmd", id |-> id]

\* The candidate's log in m is at least as up-to-date as i's ([Raft] 5.4.1).
LogUpToDate(i, m) ==
    \/ m.lastLogTerm > LastTerm(log[i])
    \/ /\ m.lastLogTerm = LastTerm(log[i])
       /\ m.lastLogIndex >= Len(log[i])

\* Network: a send adds one copy of each message; a receive consumes one.
Send(ms) == messages' = messages (+) SetToBag(ms)
Discard(m) == messages' = messages (-) SetToBag({m})
Reply(response, request) ==
    messages' = (messages (-) SetToBag({request})) (+) SetToBag({response})

\* Message m may be received by i.
Receivable(i, m, type) == m.type = type /\ m.to = i /\ BagIn(m, messages)

AppendFailure(i, j) ==
    [type |-> "AppendEntriesResponse", from |-> i, to |-> j,
     term |-> currentTerm[i], success |-> FALSE,
     matchIndex |-> 0, conflictIndex |-> 0, conflictTerm |-> 0]

AppendSuccess(i, j, match) ==
    [type |-> "AppendEntriesResponse", from |-> i, to |-> j,
     term |-> currentTerm[i], success |-> TRUE,
     matchIndex |-> match, conflictIndex |-> 0, conflictTerm |-> 0]

-----------------------------------------------------------------------------
Init ==
    /\ currentTerm    = [i \in Server |-> 0]
    /\ votedFor       = [i \in Server |-> Nil]
    /\ log            = [i \in Server |-> <<>>]
    /\ state          = [i \in Server |-> "Follower"]
    /\ commitIndex    = [i \in Server |-> 0]
    /\ votesGranted   = [i \in Server |-> {}]
    /\ matchIndex     = [i \in Server |-> [j \in Server |-> 0]]
    /\ pendingReads   = [i \in Server |-> <<>>]
    /\ lastReadId     = [i \in Server |-> 0]
    /\ messages       = EmptyBag
    /\ committed      = <<>>
    /\ elections      = {}
    /\ readStart      = [i \in Server |-> {}]
    /\ lastServedRead = [index |-> 0, start |-> 0]

-----------------------------------------------------------------------------
(* Elections with PreVote ([Raft] 5.2, [Thesis] 9.6)                      *)

\* The election timer of i fired: start a pre-vote for term currentTerm + 1
\* without changing the term, so a partitioned node cannot disrupt the others.
Timeout(i) ==
    /\ state[i] # "Leader"
    /\ state' = [state EXCEPT ![i] = "PreCandidate"]
    /\ votesGranted' = [votesGranted EXCEPT ![i] = {i}]
    /\ Send({[type |-> "RequestPreVoteRequest", from |-> i, to |-> j,
              term |-> currentTerm[i] + 1, lastLogIndex |-> Len(log[i]),
              lastLogTerm |-> LastTerm(log[i])] : j \in Server \ {i}})
    /\ UNCHANGED <<durableVars, commitIndex, leaderVars, ghostVars>>

\* A pre-vote is granted only for a higher term and an up-to-date log; the
\* implementation also refuses while it hears from a leader, which the spec
\* leaves open by allowing any refusal.  No state changes.
HandleRequestPreVoteRequest(i, m) ==
    /\ Receivable(i, m, "RequestPreVoteRequest")
    /\ LET mayGrant == m.term > currentTerm[i] /\ LogUpToDate(i, m)
       IN \E granted \in IF mayGrant THEN BOOLEAN ELSE {FALSE} :
            Reply([type |-> "RequestPreVoteResponse", from |-> i, to |-> m.from,
                   term |-> IF granted THEN m.term ELSE currentTerm[i],
                   granted |-> granted], m)
    /\ UNCHANGED <<durableVars, state, commitIndex, votesGranted, leaderVars,
                   ghostVars>>

HandleRequestPreVoteResponse(i, m) ==
    /\ Receivable(i, m, "RequestPreVoteResponse")
    /\ state[i] = "PreCandidate"
    /\ m.term = currentTerm[i] + 1
    /\ m.granted
    /\ votesGranted' = [votesGranted EXCEPT ![i] = @ \cup {m.from}]
    /\ Discard(m)
    /\ UNCHANGED <<durableVars, state, commitIndex, leaderVars, ghostVars>>

\* A quorum of pre-votes: start the real election ([Raft] 5.2).
BecomeCandidate(i) ==
    /\ state[i] = "PreCandidate"
    /\ IsQuorum(votesGranted[i])
    /\ currentTerm' = [currentTerm EXCEPT ![i] = @ + 1]
    /\ votedFor' = [votedFor EXCEPT ![i] = i]
    /\ state' = [state EXCEPT ![i] = "Candidate"]
    /\ votesGranted' = [votesGranted EXCEPT ![i] = {i}]
    /\ Send({[type |-> "RequestVoteRequest", from |-> i, to |-> j,
              term |-> currentTerm[i] + 1, lastLogIndex |-> Len(log[i]),
              lastLogTerm |-> LastTerm(log[i])] : j \in Server \ {i}})
    /\ UNCHANGED <<log, commitIndex, leaderVars, ghostVars>>

\* One vote per term, only for an up-to-date log ([Raft] 5.2, 5.4.1).  A
\* request of a higher term is preceded by UpdateTerm.
HandleRequestVoteRequest(i, m) ==
    /\ Receivable(i, m, "RequestVoteRequest")
    /\ m.term <= currentTerm[i]
    /\ LET grant == /\ m.term = currentTerm[i]
                    /\ LogUpToDate(i, m)
                    /\ votedFor[i] \in {Nil, m.from}
       IN /\ votedFor' = IF grant THEN [votedFor EXCEPT ![i] = m.from]
                                  ELSE votedFor
          /\ Reply([type |-> "RequestVoteResponse", from |-> i, to |-> m.from,
                    term |-> currentTerm[i], granted |-> grant], m)
    /\ UNCHANGED <<currentTerm, log, state, commitIndex, votesGranted,
                   leaderVars, ghostVars>>

HandleRequestVoteResponse(i, m) ==
    /\ Receivable(i, m, "RequestVoteResponse")
    /\ state[i] = "Candidate"
    /\ m.term = currentTerm[i]
    /\ m.granted
    /\ votesGranted' = [votesGranted EXCEPT ![i] = @ \cup {m.from}]
    /\ Discard(m)
    /\ UNCHANGED <<durableVars, state, commitIndex, leaderVars, ghostVars>>

\* A quorum of votes: lead, and append the no-op of the new term so that
\* entries of earlier terms get committed ([Raft] 8, [Thesis] 6.4).
BecomeLeader(i) ==
    /\ state[i] = "Candidate"
    /\ IsQuorum(votesGranted[i])
    /\ state' = [state EXCEPT ![i] = "Leader"]
    /\ matchIndex' = [matchIndex EXCEPT ![i] = [j \in Server |-> 0]]
    /\ pendingReads' = [pendingReads EXCEPT ![i] = <<>>]
    /\ lastReadId' = [lastReadId EXCEPT ![i] = 0]
    /\ log' = [log EXCEPT ![i] = Append(@, NoopEntry(currentTerm[i]))]
    /\ elections' = elections \cup {[term |-> currentTerm[i], leader |-> i]}
    /\ readStart' = [readStart EXCEPT ![i] = {}]
    /\ UNCHANGED <<currentTerm, votedFor, commitIndex, votesGranted, messages,
                   committed, lastServedRead>>

\* Any message of a higher term makes i a follower of that term ([Raft] 5.1).
\* Pre-vote requests and granted pre-vote responses carry a term nobody has
\* entered yet and are exempt ([Thesis] 9.6).  m stays in the bag: the
\* matching Handle action consumes it.
UpdateTerm(i, m) ==
    /\ m.to = i
    /\ BagIn(m, messages)
    /\ m.term > currentTerm[i]
    /\ m.type # "RequestPreVoteRequest"
    /\ ~(m.type = "RequestPreVoteResponse" /\ m.granted)
    /\ currentTerm' = [currentTerm EXCEPT ![i] = m.term]
    /\ state' = [state EXCEPT ![i] = "Follower"]
    /\ votedFor' = [votedFor EXCEPT ![i] = Nil]
    /\ votesGranted' = [votesGranted EXCEPT ![i] = {}]
    /\ pendingReads' = [pendingReads EXCEPT ![i] = <<>>]
    /\ readStart' = [readStart EXCEPT ![i] = {}]
    /\ UNCHANGED <<log, commitIndex, matchIndex, lastReadId, messages,
                   committed, elections, lastServedRead>>

-----------------------------------------------------------------------------
(* Client requests and log replication ([Raft] 5.3, 8)                     *)

\* The leader appends a client command.  A retry may append an id that is
\* already in the log; the state machine executes each id once (sessions,
\* [Thesis] 6.3), see SessionExactlyOnce.
ClientRequest(i, id) ==
    /\ state[i] = "Leader"
    /\ log' = [log EXCEPT ![i] = Append(@, CmdEntry(currentTerm[i], id))]
    /\ UNCHANGED <<currentTerm, votedFor, state, commitIndex, votesGranted,
                   leaderVars, messages, ghostVars>>

\* The leader sends log[i][prevLogIndex+1 .. prevLogIndex+count] to j.  Any
\* range may be sent at any time: next-index bookkeeping, pipelining and flow
\* control are implementation choices.  count = 0 is an empty probe.
AppendEntries(i, j, prevLogIndex, count) ==
    /\ state[i] = "Leader"
    /\ j \in Server \ {i}
    /\ prevLogIndex \in Nat
    /\ count \in 0..MaxBatch
    /\ prevLogIndex + count <= Len(log[i])
    /\ Send({[type |-> "AppendEntriesRequest", from |-> i, to |-> j,
              term |-> currentTerm[i], prevLogIndex |-> prevLogIndex,
              prevLogTerm |-> TermAt(log[i], prevLogIndex),
              entries |-> SubSeq(log[i], prevLogIndex + 1, prevLogIndex + count),
              commit |-> Min(commitIndex[i], prevLogIndex + count)]})
    /\ UNCHANGED <<durableVars, state, commitIndex, votesGranted, leaderVars,
                   ghostVars>>

\* The first k such that entry k of m conflicts with (or extends) xlog, or 0
\* when every entry of m is already in xlog.
FirstNewEntry(xlog, m) ==
    LET new == {k \in 1..Len(m.entries) :
                   \/ m.prevLogIndex + k > Len(xlog)
                   \/ xlog[m.prevLogIndex + k].term # m.entries[k].term}
    IN IF new = {} THEN 0 ELSE CHOOSE k \in new : \A k2 \in new : k <= k2

\* Merge m's entries into xlog: truncate from the first conflicting index
\* only, never on a matching entry, so a stale or duplicated request cannot
\* shorten the log ([Raft] Figure 2, AppendEntries receiver step 3).
MergeEntries(xlog, m) ==
    LET k == FirstNewEntry(xlog, m)
    IN IF k = 0 THEN xlog
       ELSE SubSeq(xlog, 1, m.prevLogIndex + k - 1)
              \o SubSeq(m.entries, k, Len(m.entries))

\* The failure hint of [Raft] 5.3: the conflicting term and its first index,
\* or the follower's log end when prevLogIndex is beyond it.
ConflictHint(i, m) ==
    IF m.prevLogIndex > Len(log[i])
    THEN [conflictIndex |-> Len(log[i]) + 1, conflictTerm |-> 0]
    ELSE LET t == log[i][m.prevLogIndex].term
         IN [conflictIndex |-> CHOOSE k \in 1..m.prevLogIndex :
                                   /\ log[i][k].term = t
                                   /\ \A k2 \in 1..(k - 1) : log[i][k2].term # t,
             conflictTerm  |-> t]

HandleAppendEntriesRequest(i, m) ==
    /\ Receivable(i, m, "AppendEntriesRequest")
    /\ m.term <= currentTerm[i]
    /\ IF m.term < currentTerm[i]
       THEN /\ Reply(AppendFailure(i, m.from), m)
            /\ UNCHANGED <<log, state, commitIndex>>
       ELSE /\ state' = [state EXCEPT ![i] = "Follower"]
            /\ IF \/ m.prevLogIndex = 0
                  \/ /\ m.prevLogIndex <= Len(log[i])
                     /\ log[i][m.prevLogIndex].term = m.prevLogTerm
               THEN /\ log' = [log EXCEPT ![i] = MergeEntries(@, m)]
                    /\ commitIndex' = [commitIndex EXCEPT ![i] = Max(@, m.commit)]
                    /\ Reply(AppendSuccess(i, m.from,
                                           m.prevLogIndex + Len(m.entries)), m)
               ELSE LET hint == ConflictHint(i, m)
                    IN /\ Reply([AppendFailure(i, m.from) EXCEPT
                                   !.conflictIndex = hint.conflictIndex,
                                   !.conflictTerm = hint.conflictTerm], m)
                       /\ UNCHANGED <<log, commitIndex>>
    /\ UNCHANGED <<currentTerm, votedFor, votesGranted, leaderVars, ghostVars>>

\* On failure the implementation moves its next index; the spec lets the
\* leader send any range, so only the message is consumed.
HandleAppendEntriesResponse(i, m) ==
    /\ Receivable(i, m, "AppendEntriesResponse")
    /\ state[i] = "Leader"
    /\ m.term = currentTerm[i]
    /\ matchIndex' = IF m.success
                     THEN [matchIndex EXCEPT ![i][m.from] = Max(@, m.matchIndex)]
                     ELSE matchIndex
    /\ Discard(m)
    /\ UNCHANGED <<durableVars, state, commitIndex, votesGranted, pendingReads,
                   lastReadId, ghostVars>>

\* The state change of a commit, shared with the buggy variants: it also
\* extends the ghost history of committed entries.
CommitTo(i, n) ==
    /\ commitIndex' = [commitIndex EXCEPT ![i] = n]
    /\ committed' =
         IF n <= Len(committed) THEN committed
         ELSE committed \o [k \in 1..(n - Len(committed)) |->
                 [entry |-> log[i][Len(committed) + k], cterm |-> currentTerm[i]]]
    /\ UNCHANGED <<durableVars, state, votesGranted, leaderVars, messages,
                   elections, readStart, lastServedRead>>

\* A leader commits index n only if entry n is of its own term and a quorum
\* stores it; earlier entries are committed indirectly ([Raft] 5.4.2, the
\* rule that Figure 8 motivates).  Any such n, not only the largest.
AdvanceCommitIndex(i, n) ==
    /\ state[i] = "Leader"
    /\ n \in (commitIndex[i] + 1)..Len(log[i])
    /\ log[i][n].term = currentTerm[i]
    /\ IsQuorum({i} \cup {k \in Server \ {i} : matchIndex[i][k] >= n})
    /\ CommitTo(i, n)

-----------------------------------------------------------------------------
(* Heartbeats and ReadIndex reads ([Thesis] 6.4)                           *)

MaxPendingReadId(i) ==
    IF pendingReads[i] = <<>> THEN 0
    ELSE pendingReads[i][Len(pendingReads[i])].id

\* Heartbeats carry commit = min(match, commitIndex), so a follower never
\* learns a commit index beyond what it is known to store, and the highest
\* pending read id, whose acknowledgement confirms leadership for the read.
Heartbeat(i) ==
    /\ state[i] = "Leader"
    /\ Send({[type |-> "HeartbeatRequest", from |-> i, to |-> j,
              term |-> currentTerm[i],
              commit |-> Min(matchIndex[i][j], commitIndex[i]),
              readId |-> MaxPendingReadId(i)] : j \in Server \ {i}})
    /\ UNCHANGED <<durableVars, state, commitIndex, votesGranted, leaderVars,
                   ghostVars>>

\* A heartbeat of an older term is answered with readId 0: the answer carries
\* i's newer term, and read ids restart in every leader term, so echoing the
\* id could let the sender, once leader of that newer term, count the stale
\* answer as an ack for a read it accepted later (the Java core had this bug;
\* trace validation found it; ReadIndexTest keeps it fixed).
HandleHeartbeatRequest(i, m) ==
    /\ Receivable(i, m, "HeartbeatRequest")
    /\ m.term <= currentTerm[i]
    /\ IF m.term = currentTerm[i]
       THEN /\ state' = [state EXCEPT ![i] = "Follower"]
            /\ commitIndex' = [commitIndex EXCEPT ![i] = Max(@, m.commit)]
       ELSE UNCHANGED <<state, commitIndex>>
    /\ Reply([type |-> "HeartbeatResponse", from |-> i, to |-> m.from,
              term |-> currentTerm[i],
              readId |-> IF m.term = currentTerm[i] THEN m.readId ELSE 0], m)
    /\ UNCHANGED <<durableVars, votesGranted, leaderVars, ghostVars>>

HandleHeartbeatResponse(i, m) ==
    /\ Receivable(i, m, "HeartbeatResponse")
    /\ state[i] = "Leader"
    /\ m.term = currentTerm[i]
    /\ pendingReads' = [pendingReads EXCEPT ![i] =
          [k \in 1..Len(@) |->
             IF @[k].id <= m.readId
             THEN [@[k] EXCEPT !.acks = @ \cup {m.from}]
             ELSE @[k]]]
    /\ Discard(m)
    /\ UNCHANGED <<durableVars, state, commitIndex, votesGranted, matchIndex,
                   lastReadId, ghostVars>>

\* ReadIndex: once the leader has committed an entry of its own term (its
\* no-op) its commitIndex covers every committed entry; remember it as the
\* read's index.  Read ids increase within a leader's term.
ClientRead(i, id) ==
    /\ state[i] = "Leader"
    /\ commitIndex[i] > 0
    /\ log[i][commitIndex[i]].term = currentTerm[i]
    /\ id > lastReadId[i]
    /\ pendingReads' = [pendingReads EXCEPT ![i] =
          Append(@, [id |-> id, index |-> commitIndex[i],
                     term |-> currentTerm[i], acks |-> {i}])]
    /\ lastReadId' = [lastReadId EXCEPT ![i] = id]
    /\ readStart' = [readStart EXCEPT ![i] =
                       @ \cup {[id |-> id, start |-> Len(committed)]}]
    /\ UNCHANGED <<durableVars, state, commitIndex, votesGranted, matchIndex,
                   messages, committed, elections, lastServedRead>>

\* A quorum acknowledged a heartbeat sent after the read arrived, so i was
\* still leader then; serve once the read index is committed (and applied).
ServeRead(i, id) ==
    /\ \E k \in 1..Len(pendingReads[i]) :
          LET r == pendingReads[i][k]
          IN /\ r.id = id
             /\ IsQuorum(r.acks)
             /\ commitIndex[i] >= r.index
             /\ pendingReads' = [pendingReads EXCEPT ![i] =
                   SubSeq(@, 1, k - 1) \o SubSeq(@, k + 1, Len(@))]
             /\ lastServedRead' =
                   [index |-> r.index,
                    start |-> (CHOOSE s \in readStart[i] : s.id = id).start]
    /\ readStart' = [readStart EXCEPT ![i] = {s \in @ : s.id # id}]
    /\ UNCHANGED <<durableVars, state, commitIndex, votesGranted, matchIndex,
                   lastReadId, messages, committed, elections>>

-----------------------------------------------------------------------------
(* Snapshots ([Raft] 7, [Thesis] 5)                                        *)

\* The leader sends a snapshot of its committed prefix 1..lastIndex.  The
\* ghost field entries stands for the snapshot (state machine + sessions).
InstallSnapshot(i, j, lastIndex) ==
    /\ state[i] = "Leader"
    /\ j \in Server \ {i}
    /\ lastIndex \in 1..commitIndex[i]
    /\ Send({[type |-> "InstallSnapshotRequest", from |-> i, to |-> j,
              term |-> currentTerm[i], lastIndex |-> lastIndex,
              lastTerm |-> log[i][lastIndex].term,
              entries |-> SubSeq(log[i], 1, lastIndex)]})
    /\ UNCHANGED <<durableVars, state, commitIndex, votesGranted, leaderVars,
                   ghostVars>>

\* A snapshot not newer than i's commit index changes nothing; a snapshot
\* whose last entry i has keeps i's log (its suffix may be useful); any other
\* replaces the log.  Answered with an AppendEntriesResponse.
HandleInstallSnapshotRequest(i, m) ==
    /\ Receivable(i, m, "InstallSnapshotRequest")
    /\ m.term <= currentTerm[i]
    /\ IF m.term < currentTerm[i]
       THEN /\ Reply(AppendFailure(i, m.from), m)
            /\ UNCHANGED <<log, state, commitIndex>>
       ELSE /\ state' = [state EXCEPT ![i] = "Follower"]
            /\ IF m.lastIndex <= commitIndex[i]
               THEN /\ Reply(AppendSuccess(i, m.from, commitIndex[i]), m)
                    /\ UNCHANGED <<log, commitIndex>>
               ELSE /\ log' = [log EXCEPT ![i] =
                         IF m.lastIndex <= Len(@) /\ @[m.lastIndex].term = m.lastTerm
                         THEN @ ELSE m.entries]
                    /\ commitIndex' = [commitIndex EXCEPT ![i] = m.lastIndex]
                    /\ Reply(AppendSuccess(i, m.from, m.lastIndex), m)
    /\ UNCHANGED <<currentTerm, votedFor, votesGranted, leaderVars, ghostVars>>

-----------------------------------------------------------------------------
(* Failures                                                                *)

\* Crash and recovery: currentTerm, votedFor and log survive; the commit
\* index restarts anywhere at or below its old value (the snapshot index).
Restart(i) ==
    /\ state' = [state EXCEPT ![i] = "Follower"]
    /\ votesGranted' = [votesGranted EXCEPT ![i] = {}]
    /\ matchIndex' = [matchIndex EXCEPT ![i] = [j \in Server |-> 0]]
    /\ pendingReads' = [pendingReads EXCEPT ![i] = <<>>]
    /\ lastReadId' = [lastReadId EXCEPT ![i] = 0]
    /\ \E c \in 0..commitIndex[i] : commitIndex' = [commitIndex EXCEPT ![i] = c]
    /\ readStart' = [readStart EXCEPT ![i] = {}]
    /\ UNCHANGED <<durableVars, messages, committed, elections, lastServedRead>>

DuplicateMessage(m) ==
    /\ BagIn(m, messages)
    /\ Send({m})
    /\ UNCHANGED <<durableVars, state, commitIndex, votesGranted, leaderVars,
                   ghostVars>>

DropMessage(m) ==
    /\ BagIn(m, messages)
    /\ Discard(m)
    /\ UNCHANGED <<durableVars, state, commitIndex, votesGranted, leaderVars,
                   ghostVars>>

-----------------------------------------------------------------------------
(* The next-state relation, in groups so MC modules can enable subsets and *)
(* buggy variants can replace one action.                                  *)

\* Every way the addressee of m can take it.
ReceiveMessage(m) ==
        LET i == m.to IN
        \/ UpdateTerm(i, m)
        \/ HandleRequestPreVoteRequest(i, m)
        \/ HandleRequestPreVoteResponse(i, m)
        \/ HandleRequestVoteRequest(i, m)
        \/ HandleRequestVoteResponse(i, m)
        \/ HandleAppendEntriesRequest(i, m)
        \/ HandleAppendEntriesResponse(i, m)
        \/ HandleHeartbeatRequest(i, m)
        \/ HandleHeartbeatResponse(i, m)
        \/ HandleInstallSnapshotRequest(i, m)

ReceiveNext == \E m \in DOMAIN messages : ReceiveMessage(m)

ElectionNext ==
    \E i \in Server : Timeout(i) \/ BecomeCandidate(i) \/ BecomeLeader(i)

ReplicationNext ==
    \/ \E i \in Server : Heartbeat(i)
    \/ \E i, j \in Server : \E p \in 0..Len(log[i]) : \E c \in 0..MaxBatch :
          AppendEntries(i, j, p, c)

CommitNext == \E i \in Server : \E n \in 1..Len(log[i]) : AdvanceCommitIndex(i, n)

ClientRequestNext == \E i \in Server, id \in RequestIds : ClientRequest(i, id)

ClientReadNext == \E i \in Server : ClientRead(i, lastReadId[i] + 1)

ServeReadNext ==
    \E i \in Server : \E k \in 1..Len(pendingReads[i]) :
        ServeRead(i, pendingReads[i][k].id)

SnapshotNext ==
    \E i, j \in Server : \E n \in 1..commitIndex[i] : InstallSnapshot(i, j, n)

RestartNext == \E i \in Server : Restart(i)

NetworkFaultNext ==
    \E m \in DOMAIN messages : DuplicateMessage(m) \/ DropMessage(m)

Next ==
    \/ ReceiveNext \/ ElectionNext \/ ReplicationNext \/ CommitNext
    \/ ClientRequestNext \/ ClientReadNext \/ ServeReadNext \/ SnapshotNext
    \/ RestartNext \/ NetworkFaultNext

Spec == Init /\ [][Next]_vars

-----------------------------------------------------------------------------
(* Types                                                                   *)

Entry == [term: Nat, kind: {"noop"}, id: {""}]
           \cup [term: Nat, kind: {"cmd"}, id: RequestIds]

Message ==
         [type: {"RequestPreVoteRequest", "RequestVoteRequest"},
          from: Server, to: Server, term: Nat,
          lastLogIndex: Nat, lastLogTerm: Nat]
    \cup [type: {"RequestPreVoteResponse", "RequestVoteResponse"},
          from: Server, to: Server, term: Nat, granted: BOOLEAN]
    \cup [type: {"AppendEntriesRequest"}, from: Server, to: Server, term: Nat,
          prevLogIndex: Nat, prevLogTerm: Nat, entries: Seq(Entry), commit: Nat]
    \cup [type: {"AppendEntriesResponse"}, from: Server, to: Server, term: Nat,
          success: BOOLEAN, matchIndex: Nat, conflictIndex: Nat,
          conflictTerm: Nat]
    \cup [type: {"InstallSnapshotRequest"}, from: Server, to: Server,
          term: Nat, lastIndex: Nat, lastTerm: Nat, entries: Seq(Entry)]
    \cup [type: {"HeartbeatRequest"}, from: Server, to: Server, term: Nat,
          commit: Nat, readId: Nat]
    \cup [type: {"HeartbeatResponse"}, from: Server, to: Server, term: Nat,
          readId: Nat]

PendingRead == [id: Nat \ {0}, index: Nat, term: Nat, acks: SUBSET Server]

TypeOK ==
    /\ currentTerm \in [Server -> Nat]
    /\ votedFor \in [Server -> Server \cup {Nil}]
    /\ log \in [Server -> Seq(Entry)]
    /\ state \in [Server -> {"Follower", "PreCandidate", "Candidate", "Leader"}]
    /\ \A i \in Server : commitIndex[i] \in 0..Len(log[i])
    /\ votesGranted \in [Server -> SUBSET Server]
    /\ matchIndex \in [Server -> [Server -> Nat]]
    /\ pendingReads \in [Server -> Seq(PendingRead)]
    /\ lastReadId \in [Server -> Nat]
    /\ \A m \in DOMAIN messages : m \in Message /\ messages[m] \in Nat \ {0}
    /\ committed \in Seq([entry: Entry, cterm: Nat])
    /\ elections \subseteq [term: Nat, leader: Server]
    /\ readStart \in [Server -> SUBSET [id: Nat, start: Nat]]
    /\ lastServedRead \in [index: Nat, start: Nat]

-----------------------------------------------------------------------------
(* Safety invariants.  "Fig. 3" is Figure 3 of [Raft], which lists the     *)
(* properties Raft guarantees at all times.                                *)

\* Election Safety (Fig. 3; [Raft] 5.2): at most one leader is elected in a
\* term, over the whole history (the ghost elections), not only among the
\* leaders that coexist in one state.
ElectionSafety ==
    \A e, f \in elections : e.term = f.term => e.leader = f.leader

\* Log Matching (Fig. 3; [Raft] 5.3): if two logs hold an entry with the same
\* index and term, the logs are identical up to that index.
LogMatching ==
    \A i, j \in Server :
        \A n \in 1..Min(Len(log[i]), Len(log[j])) :
            log[i][n].term = log[j][n].term
                => SubSeq(log[i], 1, n) = SubSeq(log[j], 1, n)

\* Leader Completeness (Fig. 3; [Raft] 5.4): an entry committed in term T is
\* in the log of every leader of a term >= T.  "Committed in T" comes from the
\* ghost history, so an entry stays covered after every server that knew it
\* was committed restarted.
LeaderCompleteness ==
    \A i \in Server : state[i] = "Leader" =>
        \A k \in 1..Len(committed) :
            committed[k].cterm <= currentTerm[i] =>
                /\ k <= Len(log[i])
                /\ log[i][k] = committed[k].entry

\* State Machine Safety (Fig. 3; [Raft] 5.4.3): no two servers have committed
\* different entries at the same index, so no two apply different commands.
StateMachineSafety ==
    \A i, j \in Server :
        \A k \in 1..Min(commitIndex[i], commitIndex[j]) : log[i][k] = log[j][k]

\* Leader Append-Only (Fig. 3): while a server leads a term its log only
\* grows.  An action property (checked on every step).
LeaderAppendOnly ==
    [][\A i \in Server :
         (state[i] = "Leader" /\ state'[i] = "Leader"
            /\ currentTerm'[i] = currentTerm[i])
           => IsPrefix(log[i], log'[i])]_vars

\* A leader commits by counting only entries of its own term ([Raft] 5.4.2,
\* the rule Figure 8 motivates): while i leads one term its commit index only
\* moves onto an entry of that term.  An action property; the simulator
\* checks the same rule after every step of the Java core.
LeaderCommitsOwnTerm ==
    [][\A i \in Server :
         (state[i] = "Leader" /\ state'[i] = "Leader"
            /\ currentTerm'[i] = currentTerm[i]
            /\ commitIndex'[i] > commitIndex[i])
           => log'[i][commitIndex'[i]].term = currentTerm[i]]_vars

\* Committed entries are never lost or changed and a commit index never
\* moves back, except that Restart may restore a lower commit index (the
\* snapshot's) with the log unchanged ([Raft] 5.4.3, [Thesis] 3.8).  An
\* action property.
CommittedPrefix(i) == SubSeq(log[i], 1, commitIndex[i])
CommittedIndexMonotonic ==
    [][\A i \in Server :
         \/ /\ commitIndex'[i] >= commitIndex[i]
            /\ IsPrefix(CommittedPrefix(i), SubSeq(log'[i], 1, commitIndex'[i]))
         \/ Restart(i)]_vars

\* Every log starts each term with that term's leader no-op, and a leader's
\* log holds the no-op of its term.  Together with ClientRead's guard this is
\* why a ReadIndex leader's commit index covers all earlier terms' entries
\* ([Raft] 8, [Thesis] 6.4).
NoopStartsEveryTerm ==
    \A i \in Server :
        /\ \A k \in 1..Len(log[i]) :
              (k = 1 \/ log[i][k - 1].term < log[i][k].term)
                  => log[i][k].kind = "noop"
        /\ state[i] = "Leader" =>
              \E k \in 1..Len(log[i]) : log[i][k] = NoopEntry(currentTerm[i])

\* Linearizable reads ([Thesis] 6.4): a served read's index covers every
\* entry that was committed anywhere (Len(committed)) when the leader
\* accepted the read, so the read observes every write acknowledged before.
ReadLinearizable == lastServedRead.index >= lastServedRead.start

\* Sessions ([Thesis] 6.3).  Under the dedup rule, the state machine executes
\* the entry at k iff it is a command whose id does not occur before k.
\* SessionExactlyOnceUnder(Executes) says: every request id that a server has
\* executed was executed there exactly once, and at the index where the id
\* first appears in the cluster's committed history, the same on every
\* server.  Retries do put the same id into the committed log more than once
\* (buggy/MCRaftNoSessions shows it): the dedup rule is what keeps a retried
\* write from taking effect twice, and keeps every replica's execution order
\* (hence its state and the result each client sees) the same.
DedupExecutes(s, k) ==
    /\ s[k].kind = "cmd"
    /\ \A k2 \in 1..(k - 1) : s[k2].id # s[k].id

FirstIndexOf(s, id) ==
    LET ks == {k \in 1..Len(s) : s[k].id = id}
    IN IF ks = {} THEN 0 ELSE CHOOSE k \in ks : \A k2 \in ks : k <= k2

CommittedHistory == [k \in 1..Len(committed) |-> committed[k].entry]

SessionExactlyOnceUnder(Executes(_, _)) ==
    \A i \in Server :
        LET s == CommittedPrefix(i)
            ids == {s[k].id : k \in 1..Len(s)} \ {""}
        IN \A id \in ids :
              LET runs == {k \in 1..Len(s) : s[k].id = id /\ Executes(s, k)}
              IN runs = {FirstIndexOf(CommittedHistory, id)}

SessionExactlyOnce == SessionExactlyOnceUnder(DedupExecutes)

=============================================================================
