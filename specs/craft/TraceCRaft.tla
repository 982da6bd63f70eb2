---------------------------- MODULE TraceCRaft -----------------------------
(***************************************************************************)
(* Trace validation of the Java CRaft core (the Raft core with             *)
(* RaftConcerns.CRAFT, dev.lockstep.raft.CRaft) against CRaft.tla.  Line l *)
(* is matched by the action it names (table below), called with the        *)
(* logged node, parameters and received message; the step must produce    *)
(* the logged post-values of the acting node ("state") and send the        *)
(* logged messages ("sent") that CRaft.tla models.                         *)
(*                                                                         *)
(* CRaft.tla leaves out what the core has of Raft beyond CRaft's rules:    *)
(* PreVote, heartbeats, reads, sessions and snapshots.  They map so:       *)
(*                                                                         *)
(*  - PreVote (Timeout, HandleRequestPreVoteRequest/Response): no CRaft    *)
(*    variable changes; BecomeCandidate is CRaft's Timeout (a new term).   *)
(*  - Heartbeat: for each follower j, CRaft's append of no entries after   *)
(*    index c (AppendRequest(i, j, c, 0)), c being the commit index the    *)
(*    heartbeat carries; HandleHeartbeatRequest is HandleAppendEntries-    *)
(*    Request on it (it must succeed: the core raises its commit index     *)
(*    without checking its log) with the answer lost: the core's answer,   *)
(*    which carries a read id, is not modelled (HandleHeartbeat).          *)
(*  - The leader's no-op (the second BecomeLeader line, role Leader) is    *)
(*    ClientRequest(i, "") after Recover.                                  *)
(*  - Reads (ClientRead, ServeRead) and shard fetching for execution       *)
(*    (FetchShards, HandleFetchShardsRequest) change no CRaft variable;    *)
(*    what HandleFetchShardsRequest sends must be what the spec's log of   *)
(*    the sender holds.                                                    *)
(*  - Snapshots, trace-level actions defined below: Compact(i, s) (a      *)
(*    snapshot at the applied index stands for full copies of the entries  *)
(*    it covers, which must be committed), InstallCommitted(i, s) (a       *)
(*    snapshot of a peer taken to execute or to recover), InstallSnapshot  *)
(*    and HandleSnapshot (Raft's InstallSnapshot: the follower's log       *)
(*    becomes the committed prefix, in full); their messages are not       *)
(*    modelled, the answer (an append answer) is.                          *)
(*  - ResendReconstruct: BecomeLeader's requests again, as a duplicate of  *)
(*    them would be.                                                       *)
(*  - A request of an older term than its receiver's is consumed (as a     *)
(*    loss) and the core's refusal, carrying the receiver's term, is not   *)
(*    modelled; such a refusal (or any answer not in flight that refuses)  *)
(*    changes nothing when received, and a message that is not modelled   *)
(*    may raise its receiver's term (UpdateTerm) only to a term its sender *)
(*    has reached.                                                         *)
(*                                                                         *)
(* The trace-level actions keep what CRaft.tla's invariants check          *)
(* meaningful: a snapshot replaces shards of committed entries by full     *)
(* copies (the snapshot rebuilds them), never the other way.  What this    *)
(* does not check: the contents of unmodelled messages beyond terms, the   *)
(* bytes of shards (a shard is named by its value and number; the number   *)
(* must be the holder's), the core's execution (the simulator's            *)
(* linearizability checker does).                                          *)
(***************************************************************************)
EXTENDS CRaft, TraceCommon, NodeNames

traceVars == <<vars, l, specSent>>

\* Constants a trace does not fix.  A value is a request id ("" is the
\* no-op's); the quorums are the core's (CRaft.java: d = majority, q_w =
\* majority + f, q_r = N - f, f = 1 for three or more replicas).
TraceValues == STRING
TraceNil == ""
NoopValue == ""
Majority == Cardinality(Server) \div 2 + 1
TraceFaults == IF Cardinality(Server) >= 3 THEN 1 ELSE 0
TraceDataShards == Majority
TraceWriteQuorum == Majority + TraceFaults
TraceReadQuorum == Cardinality(Server) - TraceFaults

-----------------------------------------------------------------------------
(* Logged messages and the spec's                                          *)

\* What holder stores of a logged entry: its own shard (the logged shard
\* number must be the holder's node number) or a full copy.
LoggedShards(e, holder) ==
    IF "shard" \in DOMAIN e
    THEN IF e.shard = NodeNumber(holder) THEN {Shard(e.id, holder)}
         ELSE {Shard(e.id, "<a shard numbered for another node>")}
    ELSE FullCopy(e.id)

LoggedEntry(e, holder) == [term |-> e.term, shards |-> LoggedShards(e, holder)]

LoggedFullMatch(lm) == IF "fullMatch" \in DOMAIN lm THEN lm.fullMatch ELSE 0

SameEnds(lm, m) == m.from = lm.from /\ m.to = lm.to /\ m.term = lm.term

\* The spec's answer m to a reconstruct request agrees with the logged
\* answer lm on what lm shows: the logged entries, and full copies up to
\* the snapshot lm carries.
ReconstructAnswerAgrees(lm, m) ==
    /\ \A k \in DOMAIN lm.entries :
          /\ lm.entries[k].index \in DOMAIN m.shards
          /\ m.shards[lm.entries[k].index] = LoggedShards(lm.entries[k], lm.from)
    /\ \A k \in DOMAIN m.shards : k <= lm.snapshotIndex => IsFull(m.shards[k])

\* The logged message lm stands for the spec's message m.
Stands(lm, m) ==
    /\ SameEnds(lm, m)
    /\ \/ lm.type \in {"RequestVoteRequest", "RequestVoteResponse"} /\ m = lm
       \/ /\ lm.type = "AppendEntriesRequest" /\ m.type = lm.type
          /\ m.prevLogIndex = lm.prevLogIndex /\ m.prevLogTerm = lm.prevLogTerm
          /\ m.commit = lm.commit /\ Len(m.entries) = Len(lm.entries)
          /\ \A k \in DOMAIN lm.entries : m.entries[k] = LoggedEntry(lm.entries[k], lm.to)
       \/ /\ lm.type = "AppendEntriesResponse" /\ m.type = lm.type
          /\ m.success = lm.success /\ m.matchIndex = lm.matchIndex
          /\ m.fullMatch = LoggedFullMatch(lm)
       \/ /\ lm.type = "HeartbeatRequest" /\ m.type = "AppendEntriesRequest"
          /\ m.entries = <<>> /\ m.prevLogIndex = lm.commit /\ m.commit = lm.commit
       \/ /\ lm.type = "ReconstructRequest" /\ m.type = lm.type
          /\ lm.firstIndex \in 1..(Len(m.terms) + 1)
          /\ SubSeq(m.terms, lm.firstIndex, Len(m.terms)) = lm.terms
       \/ /\ lm.type = "ReconstructResponse" /\ m.type = lm.type
          /\ ReconstructAnswerAgrees(lm, m)

Modelled == {"RequestVoteRequest", "RequestVoteResponse", "AppendEntriesRequest",
             "AppendEntriesResponse", "HeartbeatRequest", "ReconstructRequest",
             "ReconstructResponse"}

\* The messages in flight that the logged message lm stands for.
InFlight(lm) == {m \in DOMAIN messages : Stands(lm, m)}

ModelledSent(ln) == SelectSeq(ln.sent, LAMBDA lm : lm.type \in Modelled)

\* The logged messages ms stand, one for one, for the bag sent.
StandOneForOne(ms, sent) ==
    /\ BagCardinality(sent) = Len(ms)
    /\ \A k \in DOMAIN ms : \E m \in DOMAIN sent : Stands(ms[k], m)
    \* (Stands fixes an answer's receiver and, with the sender, its kind:
    \* no two logged messages of one line stand for one spec message.)
    /\ \A m \in DOMAIN sent : \E k \in DOMAIN ms : Stands(ms[k], m)

\* The logged sent messages of the modelled types stand for the messages the
\* step sent (specSent').  A stale branch models none.
SentAgrees(ln, stale) == StandOneForOne(IF stale THEN <<>> ELSE ModelledSent(ln), specSent')

\* A refusal: what a stale request gets (or an answer of no use).
IsRefusal(lm) ==
    \/ lm.type = "RequestVoteResponse" /\ ~lm.granted
    \/ lm.type = "AppendEntriesResponse" /\ ~lm.success

-----------------------------------------------------------------------------
(* Trace-level actions (header)                                            *)

\* The term of entry k, 0 past the end.
TermOr0(xlog, k) == IF k \in 1..Len(xlog) THEN xlog[k].term ELSE 0

\* xlog with entries 1..s stored as full copies.
FullUpTo(xlog, s) ==
    [k \in DOMAIN xlog |->
        IF k <= s THEN [xlog[k] EXCEPT !.shards = FullCopy(ValOf(xlog[k]))] ELSE xlog[k]]

\* A snapshot of i's state machine at index s <= its commit index.
Compact(i, s) ==
    /\ s \in 1..commitIndex[i]
    /\ log' = [log EXCEPT ![i] = FullUpTo(@, s)]
    /\ UNCHANGED <<currentTerm, votedFor, commitIndex, state, votesGranted, leaderVars,
                   messages, ghostVars>>

\* i installs a peer's snapshot at s, of its own entry s: the snapshot holds
\* committed entries only, so entry s is committed.
InstallCommitted(i, s) ==
    /\ s \in 1..Len(log[i])
    /\ s <= Len(committed) /\ committed[s].entry = Content(log[i][s])
    /\ log' = [log EXCEPT ![i] = FullUpTo(@, s)]
    /\ commitIndex' = [commitIndex EXCEPT ![i] = Max(@, s)]
    /\ UNCHANGED <<currentTerm, votedFor, state, votesGranted, leaderVars, messages,
                   ghostVars>>

\* The leader sends its snapshot at s (committed) to a follower.
InstallSnapshot(i, s) ==
    /\ state[i] = "Leader"
    /\ s \in 1..commitIndex[i]
    /\ UNCHANGED vars

\* The committed prefix up to s, in full.
SnapshotLog(s) ==
    [k \in 1..s |-> [term |-> committed[k].entry.term,
                     shards |-> FullCopy(committed[k].entry.val)]]

\* Raft's InstallSnapshot receiver: a snapshot past i's commit index whose
\* last entry i does not have replaces i's log; i answers with its new
\* commit index, as an append answer.
HandleSnapshot(i, lm) ==
    LET s == lm.lastIndex
        replace == s > commitIndex[i] /\ TermOr0(log[i], s) # lm.lastTerm
    IN /\ lm.term = currentTerm[i]
       /\ s \in 1..Len(committed) /\ committed[s].entry.term = lm.lastTerm
       /\ state' = [state EXCEPT ![i] = "Follower"]
       /\ log' = IF replace THEN [log EXCEPT ![i] = SnapshotLog(s)] ELSE log
       /\ commitIndex' = [commitIndex EXCEPT ![i] = Max(@, s)]
       /\ Send({[type |-> "AppendEntriesResponse", from |-> i, to |-> lm.from,
                 term |-> currentTerm[i], success |-> TRUE,
                 matchIndex |-> Max(commitIndex[i], s), fullMatch |-> 0]})
       /\ UNCHANGED <<currentTerm, votedFor, votesGranted, leaderVars, ghostVars>>

\* A recovering leader asks again: BecomeLeader's requests, duplicated.
ResendReconstruct(i) ==
    /\ state[i] = "Recovering"
    /\ Send(ReconstructRequests(i))
    /\ UNCHANGED <<durableVars, state, votesGranted, leaderVars, ghostVars>>

\* Heartbeats: an append of no entries after each logged commit index.
HeartbeatLine(i, ln) ==
    /\ state[i] = "Leader"
    /\ \A k \in DOMAIN ln.sent : ln.sent[k].commit \in 0..Len(log[i])
    /\ Send({AppendRequest(i, ln.sent[k].to, ln.sent[k].commit, 0) : k \in DOMAIN ln.sent})
    /\ UNCHANGED <<durableVars, state, votesGranted, leaderVars, ghostVars>>

\* A follower takes a heartbeat of its term: HandleAppendEntriesRequest on
\* an append of no entries, whose answer is lost (the core's heartbeat
\* answer is not modelled: it could only raise the leader's matchIndex and
\* fullMatch to a commit index the leader has passed).  The core raises its
\* commit index without checking its log, so the spec's check must pass.
HandleHeartbeat(i, m) ==
    /\ Receivable(i, m, "AppendEntriesRequest")
    /\ m.entries = <<>>
    /\ m.prevLogIndex = 0 \/ TermOr0(log[i], m.prevLogIndex) = m.prevLogTerm
    /\ state' = [state EXCEPT ![i] = "Follower"]
    /\ commitIndex' = [commitIndex EXCEPT ![i] = Max(@, m.commit)]
    /\ Discard(m)
    /\ UNCHANGED <<currentTerm, votedFor, log, votesGranted, leaderVars, ghostVars>>

\* A message that is not modelled raises i's term to one its sender reached.
UpdateTermUnmodelled(i, lm) ==
    /\ lm.term > currentTerm[i]
    /\ lm.from \in Server /\ lm.term <= currentTerm[lm.from]
    /\ currentTerm' = [currentTerm EXCEPT ![i] = lm.term]
    /\ state' = [state EXCEPT ![i] = "Follower"]
    /\ votedFor' = [votedFor EXCEPT ![i] = Nil]
    /\ votesGranted' = [votesGranted EXCEPT ![i] = {}]
    /\ ClearLeaderState(i)
    /\ UNCHANGED <<log, commitIndex, messages, ghostVars>>

\* What HandleFetchShardsRequest sends holds what i's log holds.
FetchAnswerAgrees(i, ln) ==
    \A k \in DOMAIN ln.sent :
        ln.sent[k].type = "FetchShardsResponse" =>
            /\ ln.sent[k].snapshotIndex <= commitIndex[i]
            /\ \A x \in DOMAIN ln.sent[k].entries :
                  LET e == ln.sent[k].entries[x] IN
                  /\ e.index \in 1..Len(log[i])
                  /\ log[i][e.index] = LoggedEntry(e, i)

-----------------------------------------------------------------------------
(* Lines to actions                                                        *)

\* A request: handled if of i's term, else consumed (the core refuses it).
Request(i, ln, Handle(_, _)) ==
    IF ln.msg.term < currentTerm[i]
    THEN \E m \in InFlight(ln.msg) : DropMessage(m)
    ELSE \E m \in InFlight(ln.msg) : Handle(i, m)

\* An answer: handled, or ignored (consumed) when the spec cannot handle
\* it, or, not in flight, a refusal that changes nothing.
Answer(i, ln, Handle(_, _)) ==
    IF InFlight(ln.msg) = {}
    THEN IsRefusal(ln.msg) /\ UNCHANGED vars
    ELSE \E m \in InFlight(ln.msg) :
            \/ Handle(i, m)
            \/ ~ENABLED Handle(i, m) /\ DropMessage(m)

Stale(ln) == "msg" \in DOMAIN ln /\ ln.msg.term < currentTerm[ln.node]

\* Lines that change no CRaft variable.
Unmodelled == {"Timeout", "HandleRequestPreVoteRequest", "HandleRequestPreVoteResponse",
               "HandleHeartbeatResponse", "ClientRead", "ServeRead", "FetchShards"}

LineStep(ln) ==
    LET i == ln.node IN
    \/ ln.action \in Unmodelled /\ UNCHANGED vars
    \/ ln.action = "BecomeCandidate" /\ Timeout(i)
    \/ ln.action = "HandleRequestVoteRequest" /\ Request(i, ln, HandleRequestVoteRequest)
    \/ ln.action = "HandleRequestVoteResponse" /\ Answer(i, ln, HandleRequestVoteResponse)
    \/ ln.action = "BecomeLeader" /\ ln.state.role # "Leader" /\ BecomeLeader(i)
    \/ ln.action = "BecomeLeader" /\ ln.state.role = "Leader" /\ ClientRequest(i, NoopValue)
    \/ ln.action = "ResendReconstruct" /\ ResendReconstruct(i)
    \/ ln.action = "HandleReconstructRequest" /\ Request(i, ln, HandleReconstructRequest)
    \/ ln.action = "HandleReconstructResponse" /\ Answer(i, ln, HandleReconstructResponse)
    \/ ln.action = "Recover" /\ Recover(i)
    \/ ln.action = "ClientRequest" /\ ClientRequest(i, ln.params.id)
    \/ ln.action = "SwitchMode" /\ SwitchMode(i, ln.params.mode)
    \/ ln.action = "AppendEntries" /\
         AppendEntries(i, ln.params.peer, ln.params.prevLogIndex, ln.params.count)
    \/ ln.action = "HandleAppendEntriesRequest" /\ Request(i, ln, HandleAppendEntriesRequest)
    \/ ln.action = "HandleAppendEntriesResponse" /\ Answer(i, ln, HandleAppendEntriesResponse)
    \/ ln.action = "AdvanceCommitIndex" /\ AdvanceCommitIndex(i, ln.params.n)
    \/ ln.action = "Heartbeat" /\ HeartbeatLine(i, ln)
    \/ ln.action = "HandleHeartbeatRequest" /\ Request(i, ln, HandleHeartbeat)
    \/ ln.action = "HandleFetchShardsRequest" /\ FetchAnswerAgrees(i, ln) /\ UNCHANGED vars
    \/ ln.action = "Compact" /\ Compact(i, ln.params.index)
    \/ ln.action = "InstallCommitted" /\ InstallCommitted(i, ln.params.index)
    \/ ln.action = "InstallSnapshot" /\ InstallSnapshot(i, ln.params.lastIndex)
    \/ ln.action = "HandleInstallSnapshotRequest" /\
         IF ln.msg.term < currentTerm[i] THEN UNCHANGED vars ELSE HandleSnapshot(i, ln.msg)
    \/ ln.action = "UpdateTerm" /\
         IF ln.msg.type \in Modelled /\ InFlight(ln.msg) # {}
         THEN \E m \in InFlight(ln.msg) : UpdateTerm(i, m)
         ELSE UpdateTermUnmodelled(i, ln.msg)
    \/ ln.action = "Restart" /\ Restart(i)
    \/ ln.action \in {"DuplicateMessage", "DropMessage"} /\
         IF InFlight(ln.msg) = {} THEN UNCHANGED vars
         ELSE \E m \in InFlight(ln.msg) :
                 IF ln.action = "DuplicateMessage" THEN DuplicateMessage(m) ELSE DropMessage(m)

\* The exact answer to a reconstruct request (the core's from the request's
\* first index on): shards from that index on exactly where logged.
ReconstructAnswerExact(ln) ==
    ln.action = "HandleReconstructRequest" /\ ~Stale(ln) =>
        \A m \in DOMAIN specSent' :
            LET lm == ln.sent[1] IN
            \A k \in ln.msg.firstIndex..Len(m.shards) :
                k > lm.snapshotIndex =>
                    (m.shards[k] # {} <=> \E x \in DOMAIN lm.entries : lm.entries[x].index = k)

-----------------------------------------------------------------------------
(* The logged "state" fields of the acting node, as the spec has them.     *)

\* The core's roles: a recovering leader is still a candidate, and stays
\* one in its Recover line; a pre-candidate is whatever it was.
RoleAgrees(ln, specRole, logged) ==
    \/ logged = specRole
    \/ logged = "PreCandidate" /\ specRole \in {"Follower", "Candidate", "Recovering"}
    \/ logged = "Candidate" /\ specRole = "Recovering"
    \/ logged = "Candidate" /\ specRole = "Leader" /\ ln.action = "Recover"

FieldAgrees(ln, f) ==
    LET i == ln.node
        v == ln.state[f]
    IN CASE f = "currentTerm"  -> v = currentTerm'[i]
         [] f = "votedFor"     -> v = votedFor'[i]
         [] f = "role"         -> RoleAgrees(ln, state'[i], v)
         [] f = "commitIndex"  -> v = commitIndex'[i]
         [] f = "logLen"       -> v = Len(log'[i])
         [] f = "logLastTerm"  -> v = LastTerm(log'[i])
         \* pre-votes share the core's field, and a recovering leader (a
         \* candidate to the core) may count late votes: checked for
         \* candidates only
         [] f = "votesGranted" -> ln.state.role = "Candidate" /\ state'[i] = "Candidate"
                                     => Range(v) = votesGranted'[i]
         [] f = "matchIndex"   -> v = matchIndex'[i][ln.msg.from]
         [] f = "pendingReads" -> TRUE
         [] OTHER              -> FALSE

StateAgrees(ln) == \A f \in DOMAIN ln.state : FieldAgrees(ln, f)

-----------------------------------------------------------------------------

TraceInit ==
    /\ Init
    /\ l = 1
    /\ specSent = EmptyBag

TraceNext ==
    /\ l <= Len(Trace)
    /\ LET ln == Trace[l] IN
          /\ LineStep(ln)
          /\ specSent' = messages' (-) messages
          /\ Checked(ln, /\ LineChecked(ln, StateAgrees(ln), SentAgrees(ln, Stale(ln)))
                         /\ ReconstructAnswerExact(ln))
    /\ l' = l + 1

-----------------------------------------------------------------------------
(* CRaft's invariants, checked incrementally: on each step only what the   *)
(* step can have falsified, given that the invariant held before it (as in *)
(* TraceRaft.tla: exactly as strong as checking the invariant in every     *)
(* explored state, by induction over the steps; OnChangeBase checks the    *)
(* initial state).  Each is a conjunction over log indexes whose conjunct  *)
(* for index k reads entries k - 1 and k of the logs, the committed        *)
(* history at k (which only grows: CommitTo extends it) and the servers'   *)
(* roles, terms and commit indexes; a step changes a log only from its     *)
(* first new index FirstNewIndex(i) on.  TraceCRaft.cfg lists these as     *)
(* PROPERTIES in place of the invariants ("Action property                 *)
(* <Name>OnChange is violated").                                           *)

OnChangeBase ==
    l = 1 => /\ LogMatching /\ LeaderCompleteness /\ StateMachineSafety
             /\ CommittedRecoverable /\ FullCommittedRecoverable

\* (CommonPrefixLen is TraceCommon's.)
LogChanged(i) == log'[i] # log[i]

\* The first index of log'[i] the step wrote (or removed).
FirstNewIndex(i) == CommonPrefixLen(log[i], log'[i]) + 1

\* The indexes at which some log changed (up to n).
ChangedUpTo(n) == UNION {FirstNewIndex(i)..n : i \in {j \in Server : LogChanged(j)}}

\* The committed indexes whose conjuncts a step may falsify: new ones, and
\* those at which a log changed.
RecheckCommitted == (Len(committed) + 1)..Len(committed') \cup ChangedUpTo(Len(committed'))

RecoverableAt(k, quorums) ==
    LET e == committed'[k].entry
        held(Q) == {sh \in UNION {log'[j][k].shards :
                                     j \in {j \in Q : Len(log'[j]) >= k /\ log'[j][k].term = e.term}} :
                       sh.val = e.val}
    IN \A Q \in quorums : Rebuilds(held(Q))

CommittedRecoverableOnChange ==
    [][\A k \in RecheckCommitted : RecoverableAt(k, ReadQuorums)]_traceVars

FullCommittedRecoverableOnChange ==
    [][\A k \in RecheckCommitted :
          committed'[k].rule = "full" => RecoverableAt(k, Majorities)]_traceVars

\* LogMatching's conjunct for servers i, j and index n, after the step.
MatchesAt(i, j, n) ==
    log'[i][n].term = log'[j][n].term
        => /\ ValOf(log'[i][n]) = ValOf(log'[j][n])
           /\ n > 1 => log'[i][n - 1].term = log'[j][n - 1].term

LogMatchingOnChange ==
    [][\A i \in {j \in Server : LogChanged(j)} :
          \A j \in Server \ {i} :
             \A n \in Min(FirstNewIndex(i), IF LogChanged(j) THEN FirstNewIndex(j) ELSE FirstNewIndex(i))
                      ..Min(Len(log'[i]), Len(log'[j])) :
                MatchesAt(i, j, n)]_traceVars

\* A leader's conjuncts: all of them if it became a leader (or a new term's),
\* else those at which its log changed and the newly committed ones.
LeaderCompletenessOnChange ==
    [][\A i \in Server :
          state'[i] \in {"Recovering", "Leader"} =>
             LET fresh == state[i] # state'[i] \/ currentTerm[i] # currentTerm'[i]
                 ks == IF fresh THEN 1..Len(committed')
                       ELSE (Len(committed) + 1)..Len(committed')
                            \cup (IF LogChanged(i) THEN FirstNewIndex(i)..Len(committed') ELSE {})
             IN \A k \in ks :
                   committed'[k].cterm <= currentTerm'[i] =>
                      /\ k <= Len(log'[i])
                      /\ Content(log'[i][k]) = committed'[k].entry]_traceVars

StateMachineSafetyOnChange ==
    [][\A i \in Server :
          /\ commitIndex'[i] <= Len(committed')
          /\ \A k \in (IF LogChanged(i) THEN FirstNewIndex(i) ELSE commitIndex[i] + 1)
                      ..commitIndex'[i] :
                Content(log'[i][k]) = committed'[k].entry]_traceVars

\* LeaderAppendOnly and ShardsOnlyGrow read only what changed, too.
LeaderAppendOnlyOnChange ==
    [][\A i \in Server :
         (state[i] = "Leader" /\ state'[i] = "Leader" /\ currentTerm'[i] = currentTerm[i]
            /\ LogChanged(i))
           => /\ Len(log[i]) <= Len(log'[i])
              /\ \A k \in FirstNewIndex(i)..Len(log[i]) :
                    Content(log[i][k]) = Content(log'[i][k])]_traceVars

ShardsOnlyGrowOnChange ==
    [][\A i \in {j \in Server : LogChanged(j)} :
         \A k \in FirstNewIndex(i)..Min(Len(log[i]), Len(log'[i])) :
             log'[i][k].term = log[i][k].term
                 => log[i][k].shards \subseteq log'[i][k].shards]_traceVars

-----------------------------------------------------------------------------
(* The diagnostic view of a rejection run (TraceCommon's ProgressViewOf):  *)
(* before = the spec's values of the fields that line l logs, now (before  *)
(* line l); after = those of line l - 1 (the post-state it produced); sent *)
(* = what line l - 1 sent in the spec, sentAgrees = whether its logged     *)
(* messages stand for those (SentAgrees, stale branch left out);           *)
(* msgInFlight = whether line l's received message is in flight.           *)

SpecFieldNow(ln, f) ==
    LET i == ln.node IN
    CASE f = "currentTerm"  -> currentTerm[i]
      [] f = "votedFor"     -> votedFor[i]
      [] f = "role"         -> state[i]
      [] f = "commitIndex"  -> commitIndex[i]
      [] f = "logLen"       -> Len(log[i])
      [] f = "logLastTerm"  -> LastTerm(log[i])
      [] f = "votesGranted" -> votesGranted[i]
      [] f = "matchIndex"   -> matchIndex[i][ln.msg.from]
      [] OTHER              -> "(not modelled)"

FieldsNow(k) ==
    IF k \in 1..Len(Trace) /\ "state" \in DOMAIN Trace[k] /\ "node" \in DOMAIN Trace[k]
    THEN [f \in DOMAIN Trace[k].state |-> SpecFieldNow(Trace[k], f)]
    ELSE NoFields

SentAgreedBy(k) ==
    IF k \in 1..Len(Trace) /\ "sent" \in DOMAIN Trace[k]
    THEN StandOneForOne(ModelledSent(Trace[k]), specSent)
    ELSE TRUE

DiagnosticView ==
    [before      |-> FieldsNow(l),
     after       |-> FieldsNow(l - 1),
     sent        |-> specSent,
     sentAgrees  |-> SentAgreedBy(l - 1),
     msgInFlight |-> IF l <= Len(Trace) /\ "msg" \in DOMAIN Trace[l]
                     THEN InFlight(Trace[l].msg) # {} ELSE TRUE]

TraceConstraint == TraceConstraintOf(ProgressViewOf(DiagnosticView))

=============================================================================
