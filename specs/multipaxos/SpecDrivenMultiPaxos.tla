------------------------ MODULE SpecDrivenMultiPaxos ------------------------
(***************************************************************************)
(* Behaviours of MultiPaxos for the spec-driven conformance test           *)
(* (model-tests, dev.lockstep.specdriven; docs/verification.md).  TLC     *)
(* generates random behaviours of this module in simulation mode; a driver *)
(* replays each one against the Java core, step by step, and checks that   *)
(* the core takes the same step (action, message, parameters, resulting    *)
(* node state, sends).  See SpecDrivenRaft.tla for the method.             *)
(*                                                                         *)
(* Every behaviour is a behaviour of MultiPaxos.  The steps are those a    *)
(* driver can impose from outside the core: phase 1 (Prepare, promises,    *)
(* refusals, ObserveBallot, BecomeLeader with recovery of what earlier     *)
(* leaders accepted), client requests reaching a leader, restarts, loss    *)
(* and duplication.  The core chooses by itself when to send accepts,      *)
(* heartbeats and catch-ups (on its timers and acks), so those steps are   *)
(* left out; trace validation of the simulator's runs covers them.  Any    *)
(* message in flight may be received, even one that changes nothing but   *)
(* the bag (a duplicated promise, a response of an old ballot).            *)
(*                                                                         *)
(* Before Prepare the core runs a pre-prepare round outside the spec; the  *)
(* driver delivers its messages at once.  A replica says yes to a ballot   *)
(* above its promise while it hears no leader; no behaviour here delivers  *)
(* a leader's accept, so only a leader hears one (itself).  Prepare(i) is  *)
(* offered only when a phase-1 quorum would say yes.                       *)
(***************************************************************************)
EXTENDS MCMultiPaxos, TlaJson

\* The "Action/branch" names (see Branch) a run of this config must replay at
\* least once, or the spec-driven test fails (set in each .cfg).
CONSTANT RequiredBranches
\* With Quiet, timers fire and nodes restart only when no message that could
\* change anything is in flight (elections run to their end first, as with
\* real timeouts much longer than a message delay); without, at any time.
CONSTANT Quiet

VARIABLE sdStep

NoMessage == [type |-> "none"]
NoParams == [none |-> 0]

\* The core logs a node's state after each of its steps, as TraceMultiPaxos reads it.
NodeState(i) ==
    [promised    |-> promised'[i],
     role        |-> role'[i],
     commitIndex |-> commitIndex'[i],
     logLen      |-> Len(log'[i]),
     logLastBal  |-> LastBal(log'[i]),
     promises    |-> promises'[i]]

\* The messages a step sent (a duplicate is not a send).
Sent == {mm \in DOMAIN messages' :
            mm \notin DOMAIN messages \/ messages'[mm] > messages[mm]}

(***************************************************************************)
(* Guard branches: which case of an action a step took, judged in the      *)
(* state before it (the coverage report of the spec-driven test counts     *)
(* them; every branch in RequiredBranches must occur, or it fails).       *)
(***************************************************************************)
Branch(act, i, m) ==
    CASE act = "HandlePrepareRequest" ->
            IF m.ballot < promised[i] THEN "refused: lower ballot"
            ELSE IF m.ballot = promised[i] THEN "promised again (duplicate)"
            ELSE IF role[i] = "Leader" THEN "promised by a leader (steps down)"
            ELSE IF role[i] = "Preparing" THEN "promised by a proposer (steps down)"
            ELSE IF AcceptedAbove(log[i], m.commit) # <<>> THEN "promised, reporting entries"
            ELSE "promised, nothing to report"
      [] act = "HandlePrepareResponse" ->
            IF m.from \in promises[i] THEN "duplicate"
            ELSE IF IsQuorum(promises[i] \cup {m.from}) THEN "deciding"
            ELSE IF m.entries # <<>> THEN "counted, with entries"
            ELSE "counted"
      [] act = "ObserveBallot" -> "from " \o role[i]
      [] act \in {"Prepare", "Restart"} -> "from " \o role[i]
      [] act = "BecomeLeader" ->
            IF recovered[i] # OwnAccepted(log[i], commitIndex[i])
            THEN "recovers others' entries"
            ELSE IF DOMAIN recovered[i] # {} THEN "recovers its own entries"
            ELSE "nothing to recover"
      [] OTHER -> "any"

Log(act, i, m, params) ==
    sdStep' = ToJson([act |-> act, node |-> i, msg |-> m, params |-> params,
                      branch |-> Branch(act, i, m),
                      state |-> NodeState(i), sent |-> Sent])

LogNetwork(act, m) == sdStep' = ToJson([act |-> act, msg |-> m])

\* The pre-prepare round succeeds: with i, a phase-1 quorum has promised
\* less than i's next ballot and leads nothing.
PrePrepared(i) ==
    IsQuorum({i} \cup {j \in Server \ {i} :
                          promised[j] < NextBallot(i) /\ role[j] # "Leader"})

\* A leader proposes a request id once while it has it (the core waits for
\* the slot it has): the generator offers only ids not in the leader's log.
NewRequest(i, id) == \A s \in 1..Len(log[i]) : log[i][s].id # id

Receive(act, m, A) == A /\ Step /\ Log(act, m.to, m, NoParams)

SDReceive ==
    \E m \in DOMAIN messages :
        \/ Receive("ObserveBallot", m, ObserveBallot(m.to, m))
        \/ Receive("HandlePrepareRequest", m, HandlePrepareRequest(m.to, m))
        \/ Receive("HandlePrepareResponse", m, HandlePrepareResponse(m.to, m))

SDNetwork ==
    \E m \in DOMAIN Live(messages) :
        \/ DropMessage(m) /\ Spent("drops") /\ LogNetwork("DropMessage", m)
        \/ DuplicateMessage(m) /\ Spent("duplicates") /\ LogNetwork("DuplicateMessage", m)

\* A restart of a follower that holds nothing (no promise, no entry) checks
\* nothing and only spends the budget: the generator leaves it out.
UsefulRestart(i) == role[i] # "Follower" \/ promised[i] > 0 \/ Len(log[i]) > 0

Calm == Quiet => BagCardinality(Live(messages)) = 0

SDNode ==
    \E i \in Server :
        \/ Calm /\ PrePrepared(i) /\ MCPrepare(i) /\ Log("Prepare", i, NoMessage, NoParams)
        \/ Calm /\ UsefulRestart(i) /\ Restart(i) /\ commitIndex'[i] = 0 /\ Spent("restarts")
           /\ Log("Restart", i, NoMessage, NoParams)
        \/ \E id \in RequestIds :
              MCClientRequest(i, id) /\ NewRequest(i, id)
              /\ Log("ClientRequest", i, NoMessage, [id |-> id])

\* The step the core takes by itself on the deciding promise: never cut by a
\* bound, or a behaviour would end where the core has already gone on.
SDLocal ==
    \E i \in Server : MCBecomeLeader(i) /\ Log("BecomeLeader", i, NoMessage, NoParams)

\* How the driver maps these steps onto the core (dev.lockstep.specdriven.ReplayProfile).
ReplayProfile ==
    [timeout |-> "Prepare", request |-> "ClientRequest", restart |-> "Restart",
     local |-> {"BecomeLeader", "AdvanceCommit"},
     coreInitiative |-> {"Accept", "CatchUp", "InstallSnapshot"},
     keepMessage |-> {"ObserveBallot"}, setFields |-> {"promises"}]

SDInit == MCInit /\ sdStep = ToJson([act |-> "Init", branches |-> RequiredBranches,
                                     replay |-> ReplayProfile])

\* MCMultiPaxos's bounds as a guard (see SpecDrivenRaft.tla).
SDNext == ((SDReceive \/ SDNetwork \/ SDNode) /\ MCConstraint') \/ SDLocal

SDSpec == SDInit /\ [][SDNext]_<<mcVars, sdStep>>

\* Every step is a step of MultiPaxos (checked as a property in every run).
RefinesMultiPaxos == [][Next]_vars

=============================================================================
