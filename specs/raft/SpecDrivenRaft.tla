--------------------------- MODULE SpecDrivenRaft ---------------------------
(***************************************************************************)
(* Behaviours of Raft for the spec-driven conformance test                 *)
(* (model-tests, dev.lockstep.sim.SpecReplay; docs/verification.md).  TLC *)
(* generates random behaviours of this module in simulation mode; a driver *)
(* replays each one against the Java core, step by step: it delivers the   *)
(* messages, fires the timeouts, submits the client requests, drops and    *)
(* duplicates the messages and restarts the nodes that each step names,    *)
(* and checks that the core then takes the same step (the same trace line  *)
(* with the same message, parameters, resulting node state and sends).     *)
(*                                                                         *)
(* Every behaviour here is a behaviour of MCRaft (so of Raft): the steps   *)
(* are MCRaft's own, restricted to the ones a driver can impose from       *)
(* outside the core.  The core chooses by itself when to send appends and  *)
(* heartbeats (on its timers), so those steps are left out: this module    *)
(* covers elections (PreVote, votes, terms), client requests reaching a    *)
(* leader, crashes, loss and duplication.  Unlike MCRaft, a message may be *)
(* received even when it can no longer change anything (a duplicate of a  *)
(* vote already counted, a response of an old round): those are the rare  *)
(* schedules this test is for.                                             *)
(*                                                                         *)
(* sdStep holds the JSON text of the last step (TlaJson's ToJson), which   *)
(* the driver reads from TLC's behaviour files.  sdFollow is the message   *)
(* an UpdateTerm step was taken for, when the core handles that message in *)
(* the same step: the next step must be that handling.                     *)
(***************************************************************************)
EXTENDS MCRaft, TlaJson

\* The "Action/branch" names (see Branch) a run of this config must replay at
\* least once, or the spec-driven test fails (set in each .cfg).
CONSTANT RequiredBranches
\* With Quiet, timers fire and nodes restart only when no message that could
\* change anything is in flight (elections run to their end first, as with
\* real timeouts much longer than a message delay); without, at any time.
CONSTANT Quiet

VARIABLES sdStep, sdFollow

NoMessage == [type |-> "none"]

\* The core logs a node's state after each of its steps, as TraceRaft reads it.
NodeState(i) ==
    [currentTerm |-> currentTerm'[i],
     votedFor    |-> IF votedFor'[i] = Nil THEN "" ELSE votedFor'[i],
     role        |-> state'[i],
     commitIndex |-> commitIndex'[i],
     logLen      |-> Len(log'[i]),
     logLastTerm |-> LastTerm(log'[i]),
     votesGranted |-> votesGranted'[i]]

\* The messages a step sent (a duplicate is not a send).
Sent == {mm \in DOMAIN messages' :
            mm \notin DOMAIN messages \/ messages'[mm] > messages[mm]}

\* After UpdateTerm the core goes on to handle the message in the same step
\* when Raft has a handler for it in the new term: a request.  A response of
\* a higher term only moves the term.
HandledAfterUpdateTerm(m) ==
    m.type \in {"RequestVoteRequest", "AppendEntriesRequest", "HeartbeatRequest",
                "InstallSnapshotRequest"}

(***************************************************************************)
(* Guard branches: which case of an action a step took, judged in the      *)
(* state before it (the coverage report of the spec-driven test counts     *)
(* them; every branch in RequiredBranches must occur, or it fails).       *)
(***************************************************************************)
VoteBranch(i, m) ==
    IF m.from \in votesGranted[i] THEN "duplicate"
    ELSE IF IsQuorum(votesGranted[i] \cup {m.from}) THEN "deciding"
    ELSE "counted"

Branch(act, i, m) ==
    CASE act = "HandleRequestVoteResponse"    -> VoteBranch(i, m)
      [] act = "HandleRequestPreVoteResponse" -> VoteBranch(i, m)
      [] act = "HandleRequestVoteRequest" ->
            IF m.term < currentTerm[i] THEN "stale term"
            ELSE IF votedFor[i] = m.from THEN "repeated grant"
            ELSE IF votedFor[i] # Nil THEN "voted for another"
            ELSE IF ~LogUpToDate(i, m) THEN "log behind"
            ELSE "granted"
      [] act = "HandleRequestPreVoteRequest" ->
            IF m.term <= currentTerm[i] THEN "term not higher"
            ELSE IF ~LogUpToDate(i, m) THEN "log behind"
            ELSE IF state[i] = "Leader" THEN "hears a leader"
            ELSE "granted"
      [] act = "UpdateTerm" ->
            IF HandledAfterUpdateTerm(m) THEN "by request" ELSE "by response"
      [] act \in {"Timeout", "Restart"} -> "from " \o state[i]
      [] act = "BecomeLeader" ->
            IF Len(log[i]) = 0 THEN "empty log" ELSE "log of earlier terms"
      [] act = "ClientRequest" ->
            IF LastTerm(log[i]) = currentTerm[i] /\ log[i][Len(log[i])].kind = "cmd"
            THEN "after another request" ELSE "first of the term"
      [] OTHER -> "any"

Log(act, i, m, params) ==
    sdStep' = ToJson([act |-> act, node |-> i, msg |-> m, params |-> params,
                      branch |-> Branch(act, i, m),
                      state |-> NodeState(i), sent |-> Sent])

LogNetwork(act, m) ==
    sdStep' = ToJson([act |-> act, msg |-> m])

NoParams == [none |-> 0]

\* The core grants a pre-vote exactly when Raft allows it and it hears no
\* leader ([Thesis] 9.6).  No behaviour here delivers a leader's message, so
\* a node hears a leader only when it is one.  (MCRaft's MCGrantWhenAllowed
\* is weaker: a refusal passes it when an earlier grant is still in flight.)
PreVoteAsCore(m) ==
    \A r \in Sent :
        r.granted = (m.term > currentTerm[m.to] /\ LogUpToDate(m.to, m)
                     /\ state[m.to] # "Leader")

Receive(act, m, A) ==
    /\ sdFollow \in {NoMessage, m}
    /\ A
    /\ Step
    /\ sdFollow' = IF act = "UpdateTerm" /\ HandledAfterUpdateTerm(m) THEN m ELSE NoMessage
    /\ Log(act, m.to, m, NoParams)

SDReceive ==
    \E m \in DOMAIN messages :
        \/ Receive("UpdateTerm", m, UpdateTerm(m.to, m))
        \/ Receive("HandleRequestPreVoteRequest", m,
                   HandleRequestPreVoteRequest(m.to, m) /\ PreVoteAsCore(m))
        \/ Receive("HandleRequestPreVoteResponse", m, HandleRequestPreVoteResponse(m.to, m))
        \/ Receive("HandleRequestVoteRequest", m, HandleRequestVoteRequest(m.to, m))
        \/ Receive("HandleRequestVoteResponse", m, HandleRequestVoteResponse(m.to, m))

\* Steps that need no followed message to be handled first.
Free(A) == sdFollow = NoMessage /\ A /\ UNCHANGED sdFollow

SDNetwork ==
    \E m \in DOMAIN Live(messages) :
        \/ Free(DropMessage(m) /\ Spent("drops") /\ LogNetwork("DropMessage", m))
        \/ Free(DuplicateMessage(m) /\ Spent("duplicates") /\ LogNetwork("DuplicateMessage", m))

\* A leader appends a request id once while it is pending (the core waits for
\* the entry it has); the generator offers only ids not in the leader's log.
NewRequest(i, id) == \A k \in 1..Len(log[i]) : log[i][k].id # id

\* A restart of a follower that holds nothing (no term, vote or entry) checks
\* nothing and only spends the budget: the generator leaves it out.
UsefulRestart(i) ==
    state[i] # "Follower" \/ currentTerm[i] > 0 \/ Len(log[i]) > 0

Calm == Quiet => BagCardinality(Live(messages)) = 0

SDNode ==
    \E i \in Server :
        \/ Free(Calm /\ MCTimeout(i) /\ Log("Timeout", i, NoMessage, NoParams))
        \/ Free(Calm /\ UsefulRestart(i) /\ MCRestart(i) /\ Log("Restart", i, NoMessage, NoParams))
        \/ \E id \in RequestIds :
              Free(MCClientRequest(i, id) /\ NewRequest(i, id)
                   /\ Log("ClientRequest", i, NoMessage, [id |-> id]))

\* The steps the core takes by itself in the same event as the receipt that
\* enables them (EagerSteps): never cut by a bound, or a behaviour would end
\* where the core has already gone on.
SDLocal ==
    \E i \in Server :
        \/ Free(MCBecomeCandidate(i) /\ Log("BecomeCandidate", i, NoMessage, NoParams))
        \/ Free(MCBecomeLeader(i) /\ Log("BecomeLeader", i, NoMessage, NoParams))

\* How the driver maps these steps onto the core (dev.lockstep.specdriven.ReplayProfile):
\* the timer step, the request and restart steps, the steps the core takes in
\* the same event as the one before, the sends it decides itself, the
\* receipts after which the spec keeps the message for its handler, and the
\* state fields that are sets.
ReplayProfile ==
    [timeout |-> "Timeout", request |-> "ClientRequest", restart |-> "Restart",
     local |-> {"BecomeCandidate", "BecomeLeader", "AdvanceCommitIndex"},
     coreInitiative |-> {"AppendEntries", "Heartbeat"},
     keepMessage |-> {"UpdateTerm"}, setFields |-> {"votesGranted"}]

SDInit == MCInit /\ sdStep = ToJson([act |-> "Init", branches |-> RequiredBranches,
                                     replay |-> ReplayProfile])
          /\ sdFollow = NoMessage

\* MCRaft's bounds, as a guard: TLC's simulation ends a behaviour at the first
\* random step that leaves a state constraint, so a step beyond a budget is
\* not offered at all and the behaviour goes on with the others.
SDNext == ((SDReceive \/ SDNetwork \/ SDNode) /\ MCConstraint') \/ SDLocal

SDSpec == SDInit /\ [][SDNext]_<<mcVars, sdStep, sdFollow>>

\* Every step is a step of Raft (checked as a property in every run).  Not
\* always of MCRaft, which leaves out receipts that change only the bag.
RefinesRaft == [][Next]_vars

=============================================================================
