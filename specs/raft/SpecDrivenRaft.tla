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

Log(act, i, m, params) ==
    sdStep' = ToJson([act |-> act, node |-> i, msg |-> m, params |-> params,
                      state |-> NodeState(i), sent |-> Sent])

LogNetwork(act, m) ==
    sdStep' = ToJson([act |-> act, msg |-> m])

NoParams == [none |-> 0]

\* After UpdateTerm the core goes on to handle the message in the same step
\* when Raft has a handler for it in the new term: a request.  A response of
\* a higher term only moves the term.
HandledAfterUpdateTerm(m) ==
    m.type \in {"RequestVoteRequest", "AppendEntriesRequest", "HeartbeatRequest",
                "InstallSnapshotRequest"}

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

SDNode ==
    \E i \in Server :
        \/ Free(MCTimeout(i) /\ Log("Timeout", i, NoMessage, NoParams))
        \/ Free(MCRestart(i) /\ Log("Restart", i, NoMessage, NoParams))
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

SDInit == MCInit /\ sdStep = ToJson([act |-> "Init"]) /\ sdFollow = NoMessage

\* MCRaft's bounds, as a guard: TLC's simulation ends a behaviour at the first
\* random step that leaves a state constraint, so a step beyond a budget is
\* not offered at all and the behaviour goes on with the others.
SDNext == ((SDReceive \/ SDNetwork \/ SDNode) /\ MCConstraint') \/ SDLocal

SDSpec == SDInit /\ [][SDNext]_<<mcVars, sdStep, sdFollow>>

\* Every step is a step of Raft (checked as a property in every run).  Not
\* always of MCRaft, which leaves out receipts that change only the bag.
RefinesRaft == [][Next]_vars

=============================================================================
