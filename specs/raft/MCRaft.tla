------------------------------- MODULE MCRaft -------------------------------
(***************************************************************************)
(* Model-checking bindings for Raft: the bounds of the state space (state  *)
(* constraints, never action guards), switches that leave whole action     *)
(* groups out of a configuration, a symmetry set and a view.  Every        *)
(* MCRaft*.cfg without its own module runs this one.                       *)
(***************************************************************************)
EXTENDS Raft

CONSTANTS
    MaxTerm,         \* no server enters a term above this
    MaxLogLen,       \* no log grows beyond this many entries
    MaxMessages,     \* at most this many live messages (copies counted)
    MaxCopies,       \* at most this many copies of one message
    MaxReads,        \* at most this many ReadIndex reads per leader term
    MaxTimeouts,     \* budgets: how many times in a behaviour each of these
    MaxHeartbeats,   \*   spontaneous events may happen (0 = never)
    MaxRestarts,
    MaxDrops,
    MaxDuplicates,
    MaxFaults,       \* restarts, drops and duplicates together
    MaxRequests,     \* client requests (retries included) in a behaviour
    RestartAnywhere, \* a restart may restore any commit index <= the old one
    EagerSteps,      \* local steps happen as soon as enabled (see EagerReady)
    WithReads,       \* ReadIndex reads in play
    WithSnapshots    \* InstallSnapshot in play

\* How many of each budgeted event the behaviour has used so far.
VARIABLE spent
mcVars == <<vars, spent>>

Spend(kind) == spent' = [spent EXCEPT ![kind] = @ + 1]

\* A message whose receipt can no longer change anything but the bag (terms
\* and a leader's matchIndex only grow; a leader's read ids only increase in
\* its term):
\*  - a response of an older term than its receiver's, or of the receiver's
\*    term when the receiver cannot use it: not a candidate (votes) or leader
\*    (acks) of that term, a denied vote, a vote already counted, a failed or
\*    not newer append ack, a heartbeat ack every read it covers already has;
\*    a pre-vote response whose term the receiver has reached;
\*  - a request of an older term than its receiver's, when the receiver's
\*    term is not above the sender's: its reply would be such a response.
\*    (Should the receiver's term pass the sender's later, the request is
\*    live again in that state.)
\* The model treats such a message as dropped (MCView, MCConstraint).
MCJunk(m) ==
    LET i == m.to
        j == m.from
        t == currentTerm[i]
        Stale(reqTerm) == reqTerm < t /\ t <= currentTerm[j]
    IN CASE m.type = "RequestPreVoteRequest" -> Stale(m.term - 1)
         [] m.type \in {"RequestVoteRequest", "AppendEntriesRequest",
                        "HeartbeatRequest", "InstallSnapshotRequest"} ->
              Stale(m.term)
         [] m.type = "RequestPreVoteResponse" -> m.term <= t
         [] m.type = "RequestVoteResponse" ->
              \/ m.term < t
              \/ m.term = t /\ (state[i] # "Candidate" \/ ~m.granted
                               \/ j \in votesGranted[i])
         [] m.type = "AppendEntriesResponse" ->
              \/ m.term < t
              \/ m.term = t /\ (state[i] \in {"Follower", "PreCandidate"}
                               \/ ~m.success
                               \/ (state[i] = "Leader"
                                   /\ m.matchIndex <= matchIndex[i][j]))
         [] m.type = "HeartbeatResponse" ->
              \/ m.term < t
              \/ m.term = t /\ state[i] \in {"Follower", "PreCandidate"}
              \/ m.term = t /\ state[i] = "Leader" /\ m.readId <= lastReadId[i]
                 /\ \A k \in 1..Len(pendingReads[i]) :
                       pendingReads[i][k].id <= m.readId
                           => j \in pendingReads[i][k].acks

Live(bag) == [m \in {x \in DOMAIN bag : ~MCJunk(x)} |-> bag[m]]

\* A pre-vote that could be granted is granted.  Refusing it anyway (the
\* voter heard from a leader recently) answers with the voter's term, which
\* is not above the candidate's: a junk reply, so the refusal is the same as
\* losing the request, which DropMessage covers.
MCGrantWhenAllowed(m) ==
    (m.type = "RequestPreVoteRequest"
       /\ m.term > currentTerm[m.to] /\ LogUpToDate(m.to, m))
        => [type |-> "RequestPreVoteResponse", from |-> m.to, to |-> m.from,
            term |-> m.term, granted |-> TRUE] \in DOMAIN messages'

\* The appends a real leader sends: at least one entry, either from where j
\* is known to match (a leader that backed off, or etcd's probe state) or
\* only the newest entry (optimistic replication).  Shorter, older and
\* repeated appends still arise, from sends made before the log grew and
\* from duplication and reordering; a follower that has every entry learns
\* commits by Heartbeat.
MCAppendStart(i, j) ==
    {p \in {matchIndex[i][j], Len(log[i]) - 1} :
        matchIndex[i][j] <= p /\ p < Len(log[i])}

(***************************************************************************)
(* Local steps the Java core takes in the same step as the receive that    *)
(* enables them: becoming candidate or leader on the deciding (pre-)vote,  *)
(* committing and serving reads on the deciding ack.  With EagerSteps the  *)
(* model does the same: while one of them is enabled nothing else happens, *)
(* and a commit goes as far as it can.  This only removes interleavings of *)
(* a local step with unrelated steps of others.                            *)
(***************************************************************************)
CommitTarget(i) ==
    {n \in (commitIndex[i] + 1)..Len(log[i]) :
        /\ log[i][n].term = currentTerm[i]
        /\ IsQuorum({i} \cup {k \in Server \ {i} : matchIndex[i][k] >= n})}

ServableRead(i) ==
    {k \in 1..Len(pendingReads[i]) :
        IsQuorum(pendingReads[i][k].acks)
        /\ commitIndex[i] >= pendingReads[i][k].index}

EagerReady ==
    /\ EagerSteps
    /\ \E i \in Server :
        \/ state[i] \in {"PreCandidate", "Candidate"} /\ IsQuorum(votesGranted[i])
        \/ state[i] = "Leader" /\ CommitTarget(i) # {}
        \/ ServableRead(i) # {}

\* A step that is not one of those local steps: it waits for them.
Step        == UNCHANGED spent /\ ~EagerReady
Spent(kind) == Spend(kind) /\ ~EagerReady

(***************************************************************************)
(* The steps of the model: each Raft action, named MC<Action> so that TLC  *)
(* names it in counterexamples, with the budget it spends (or none).  TLC  *)
(* enumerates only constant quantifier ranges when it splits the next-state *)
(* relation, so ranges that depend on the state sit inside these names.    *)
(***************************************************************************)
\* For each message m that may be received: m.to takes it.
MCUpdateTerm ==
    \E m \in DOMAIN Live(messages) : UpdateTerm(m.to, m) /\ Step
MCHandleRequestPreVoteRequest ==
    \E m \in DOMAIN Live(messages) :
        HandleRequestPreVoteRequest(m.to, m) /\ MCGrantWhenAllowed(m) /\ Step
MCHandleRequestPreVoteResponse ==
    \E m \in DOMAIN Live(messages) : HandleRequestPreVoteResponse(m.to, m) /\ Step
MCHandleRequestVoteRequest ==
    \E m \in DOMAIN Live(messages) : HandleRequestVoteRequest(m.to, m) /\ Step
MCHandleRequestVoteResponse ==
    \E m \in DOMAIN Live(messages) : HandleRequestVoteResponse(m.to, m) /\ Step
MCHandleAppendEntriesRequest ==
    \E m \in DOMAIN Live(messages) : HandleAppendEntriesRequest(m.to, m) /\ Step
MCHandleAppendEntriesResponse ==
    \E m \in DOMAIN Live(messages) : HandleAppendEntriesResponse(m.to, m) /\ Step
MCHandleHeartbeatRequest ==
    \E m \in DOMAIN Live(messages) : HandleHeartbeatRequest(m.to, m) /\ Step
MCHandleHeartbeatResponse ==
    \E m \in DOMAIN Live(messages) : HandleHeartbeatResponse(m.to, m) /\ Step
MCHandleInstallSnapshotRequest ==
    \E m \in DOMAIN Live(messages) : HandleInstallSnapshotRequest(m.to, m) /\ Step
MCDropMessage ==
    \E m \in DOMAIN Live(messages) : DropMessage(m) /\ Spent("drops")
MCDuplicateMessage ==
    \E m \in DOMAIN Live(messages) : DuplicateMessage(m) /\ Spent("duplicates")

MCTimeout(i)           == Timeout(i) /\ Spent("timeouts")
MCHeartbeat(i)         == Heartbeat(i) /\ Spent("heartbeats")
MCClientRequest(i, id) == ClientRequest(i, id) /\ Spent("requests")
\* A restart comes back with commit index 0 (no snapshot) unless
\* RestartAnywhere, which lets it come back at any index up to the old one.
MCRestart(i) ==
    /\ Restart(i)
    /\ RestartAnywhere \/ commitIndex'[i] = 0
    /\ Spent("restarts")
MCAppendEntries(i, j) ==
    \E p \in MCAppendStart(i, j) :
        AppendEntries(i, j, p, Min(MaxBatch, Len(log[i]) - p)) /\ Step
MCClientRead(i) == ClientRead(i, lastReadId[i] + 1) /\ Step
MCInstallSnapshot(i, j) ==
    \E n \in 1..commitIndex[i] : InstallSnapshot(i, j, n) /\ Step

\* The local steps.
MCBecomeCandidate(i) == BecomeCandidate(i) /\ UNCHANGED spent
MCBecomeLeader(i)    == BecomeLeader(i) /\ UNCHANGED spent
MCAdvanceCommitIndex(i) ==
    \E n \in CommitTarget(i) :
        /\ EagerSteps => \A n2 \in CommitTarget(i) : n2 <= n
        /\ AdvanceCommitIndex(i, n)
        /\ UNCHANGED spent
MCServeRead(i) ==
    \E k \in 1..Len(pendingReads[i]) :
        ServeRead(i, pendingReads[i][k].id) /\ UNCHANGED spent

\* The next-state relation in groups, so that a buggy variant can swap one.
MCReceiveNext ==
    \/ MCUpdateTerm
    \/ MCHandleRequestPreVoteRequest
    \/ MCHandleRequestPreVoteResponse
    \/ MCHandleRequestVoteRequest
    \/ MCHandleRequestVoteResponse
    \/ MCHandleAppendEntriesRequest
    \/ MCHandleAppendEntriesResponse
    \/ MCHandleHeartbeatRequest
    \/ MCHandleHeartbeatResponse
    \/ MCHandleInstallSnapshotRequest

MCNetworkNext == MCDropMessage \/ MCDuplicateMessage

MCCommitNext == \E i \in Server : MCAdvanceCommitIndex(i)

MCRestartNext == \E i \in Server : MCRestart(i)

MCOtherNext ==
    \/ \E i \in Server :
          \/ MCTimeout(i) \/ MCBecomeCandidate(i) \/ MCBecomeLeader(i)
          \/ MCHeartbeat(i)
    \/ \E i \in Server, id \in RequestIds : MCClientRequest(i, id)
    \/ \E i, j \in Server : MCAppendEntries(i, j)
    \/ WithReads /\ \E i \in Server : MCClientRead(i) \/ MCServeRead(i)
    \/ WithSnapshots /\ \E i, j \in Server : MCInstallSnapshot(i, j)

MCNext ==
    MCReceiveNext \/ MCNetworkNext \/ MCCommitNext \/ MCRestartNext \/ MCOtherNext

MCInit ==
    /\ Init
    /\ spent = [k \in {"timeouts", "heartbeats", "requests", "restarts",
                       "drops", "duplicates"} |-> 0]

MCSpec == MCInit /\ [][MCNext]_mcVars

\* The bounds.  A state outside them is not explored further.  A pre-vote
\* that could only lead beyond MaxTerm is cut as soon as it starts.
MCConstraint ==
    /\ \A i \in Server : currentTerm[i] <= MaxTerm
    /\ \A i \in Server : state[i] = "PreCandidate" => currentTerm[i] < MaxTerm
    /\ \A i \in Server : Len(log[i]) <= MaxLogLen
    /\ \A i \in Server : lastReadId[i] <= MaxReads
    /\ BagCardinality(Live(messages)) <= MaxMessages
    /\ \A m \in DOMAIN messages : messages[m] <= MaxCopies
    /\ spent.timeouts <= MaxTimeouts
    /\ spent.heartbeats <= MaxHeartbeats
    /\ spent.requests <= MaxRequests
    /\ spent.restarts <= MaxRestarts
    /\ spent.drops <= MaxDrops
    /\ spent.duplicates <= MaxDuplicates
    /\ spent.restarts + spent.drops + spent.duplicates <= MaxFaults

\* Servers are interchangeable (safety checking only).
MCSymmetry == Permutations(Server)

\* Two states that differ only in volatile state no action reads any more
\* have the same futures: the votes a non-candidate collected (Timeout and
\* BecomeCandidate reset them), and a non-leader's matchIndex and read
\* counter (BecomeLeader resets them); and junk messages.  The view forgets
\* those.
MCViewOf(bag) ==
    <<durableVars, state, commitIndex,
      [i \in Server |-> IF state[i] \in {"PreCandidate", "Candidate"}
                        THEN votesGranted[i] ELSE {}],
      [i \in Server |-> IF state[i] = "Leader"
                        THEN matchIndex[i] ELSE [j \in Server |-> 0]],
      pendingReads,
      [i \in Server |-> IF state[i] = "Leader" THEN lastReadId[i] ELSE 0],
      bag, ghostVars, spent>>

MCView == MCViewOf(Live(messages))

=============================================================================
