---------------------------- MODULE MCMultiPaxos ----------------------------
(***************************************************************************)
(* Model-checking bindings for MultiPaxos: the bounds of the state space   *)
(* (state constraints and budgets, never guards of MultiPaxos's actions;   *)
(* a budget of 0 leaves a whole kind of event out of a configuration) and  *)
(* a view.  Every MCMultiPaxos*.cfg without its own module runs this one;  *)
(* the buggy variants in buggy/ extend it.                                 *)
(*                                                                         *)
(* No SYMMETRY: a ballot names its owner's number, and which of two        *)
(* servers' ballots of one round is higher depends on those numbers, so    *)
(* the behaviours are not closed under permuting servers.                  *)
(***************************************************************************)
EXTENDS MultiPaxos

CONSTANTS
    MaxRound,        \* no ballot of a round above this (ballot = round * 256 + id)
    MaxLogLen,       \* no log grows beyond this many slots
    MaxMessages,     \* at most this many live messages (copies counted)
    MaxCopies,       \* at most this many copies of one message
    MaxPrepares,     \* budgets: how many times in a behaviour each of these
    MaxHeartbeats,   \*   spontaneous events may happen (0 = never)
    MaxRequests,     \*   client requests (retries included)
    MaxCatchUps,
    MaxSnapshots,
    MaxRestarts,
    MaxDrops,
    MaxDuplicates,
    MaxFaults,       \* restarts, drops and duplicates together
    RestartAnywhere, \* a restart may restore any commit index <= the old one
    EagerSteps       \* local steps happen as soon as enabled (see EagerReady)

\* How many of each budgeted event the behaviour has used so far.
VARIABLE spent
mcVars == <<vars, spent>>

Spend(kind) == spent' = [spent EXCEPT ![kind] = @ + 1]

(***************************************************************************)
(* Junk: a message whose receipt cannot change anything but the bag in    *)
(* this state.  promised only grows (Restart keeps it), a server prepares  *)
(* only with a ballot above its promise, so it never again becomes         *)
(* Preparing or Leader in a ballot it has promised, and a leader's acks    *)
(* only grow; so these responses are junk for good:                       *)
(*  - a response of a ballot below its receiver's promise: the Handle      *)
(*    actions want the receiver's own ballot, ObserveBallot a higher one;  *)
(*  - a refusal (ok = FALSE) of the receiver's own ballot;                 *)
(*  - an ok promise of the receiver's ballot when the receiver is not      *)
(*    Preparing, or already counts the sender (a second answer to a        *)
(*    duplicated prepare repeats the first, unless a catch-up wrote chosen *)
(*    slots in between: the model ignores that difference);                *)
(*  - an ok acceptance of the receiver's ballot when the receiver is not   *)
(*    its Leader, or every slot it covers already has the sender's ack.    *)
(* And these requests are junk as long as the receiver's state stays so:   *)
(*  - a prepare or accept of a ballot below the receiver's promise, when   *)
(*    the sender has promised at least as much: the refusal it causes      *)
(*    cannot make the sender step down;                                    *)
(*  - a catch-up or snapshot that the receiver ignores (it covers nothing  *)
(*    above its commit index) and whose ballot is no news to it.           *)
(* (Should the receiver's promise or commit index change later, such a     *)
(* request is live again in that state.)  The model treats junk as dropped *)
(* (MCView, MCConstraint), as MCRaft does.                                 *)
(***************************************************************************)
MCJunk(m) ==
    LET i == m.to
        b == promised[i]
    IN \/ /\ m.type \in {"PrepareRequest", "AcceptRequest"}
          /\ m.ballot < b
          /\ b <= promised[m.from]
       \/ /\ m.type \in {"PrepareResponse", "AcceptResponse"}
          /\ \/ m.ballot < b
             \/ m.ballot = b /\ ~m.ok
             \/ /\ m.ballot = b /\ m.type = "PrepareResponse"
                /\ (role[i] # "Preparing" \/ m.from \in promises[i])
             \/ /\ m.ballot = b /\ m.type = "AcceptResponse"
                /\ \/ role[i] # "Leader"
                   \/ \A s \in DOMAIN acks[i] :
                         s >= m.slot /\ s < m.slot + m.count => m.from \in acks[i][s]
       \/ /\ m.type = "CatchUpRequest"
          /\ m.ballot <= b
          /\ m.slot + Len(m.entries) - 1 <= commitIndex[i]
       \/ /\ m.type = "InstallSnapshotRequest"
          /\ m.ballot <= b
          /\ m.lastSlot <= commitIndex[i]

Live(bag) == [m \in {x \in DOMAIN bag : ~MCJunk(x)} |-> bag[m]]

(***************************************************************************)
(* The accepts a real leader sends: from the first slot of its ballot that *)
(* j has not acknowledged (a leader that resends after a loss) or only the *)
(* newest slot (optimistic pipelining), as many slots of its ballot as one *)
(* batch holds.  Shorter, older and repeated accepts still arise from      *)
(* sends made before the log grew and from duplication.  Heartbeats carry  *)
(* the slot after the log's end.                                           *)
(***************************************************************************)
BallotSlots(i) == {s \in DOMAIN acks[i] : log[i][s].bal = promised[i]}

MCAcceptStart(i, j) ==
    LET unacked == {s \in BallotSlots(i) : j \notin acks[i][s]}
    IN IF unacked = {} THEN {}
       ELSE {CHOOSE s \in unacked : \A t \in unacked : s <= t, Len(log[i])}
              \cap unacked

\* Slots slot.. of i's ballot, at most MaxBatch of them.
MCAcceptCount(i, slot) ==
    MaxOf({c \in 1..Min(MaxBatch, Len(log[i]) - slot + 1) :
              \A s \in slot..(slot + c - 1) : s \in BallotSlots(i)})

(***************************************************************************)
(* Local steps the Java core takes in the same step as the receive that    *)
(* enables them: becoming leader on the deciding promise, committing on    *)
(* the deciding acceptance.  With EagerSteps the model does the same:      *)
(* while one of them is enabled nothing else happens, and a commit goes as *)
(* far as it can.  This only removes interleavings of a local step with    *)
(* unrelated steps of others.                                              *)
(***************************************************************************)
CommitTarget(i) ==
    {n \in (commitIndex[i] + 1)..Len(log[i]) :
        \A s \in (commitIndex[i] + 1)..n : s \in DOMAIN acks[i] /\ IsQuorum(acks[i][s])}

EagerReady ==
    /\ EagerSteps
    /\ \E i \in Server :
        \/ role[i] = "Preparing" /\ IsQuorum(promises[i])
        \/ role[i] = "Leader" /\ CommitTarget(i) # {}

\* A step that is not one of those local steps: it waits for them.
Step        == UNCHANGED spent /\ ~EagerReady
Spent(kind) == Spend(kind) /\ ~EagerReady

(***************************************************************************)
(* The steps of the model: each MultiPaxos action, named MC<Action> so     *)
(* that TLC names it in counterexamples, with the budget it spends.        *)
(***************************************************************************)
MCObserveBallot ==
    \E m \in DOMAIN Live(messages) : ObserveBallot(m.to, m) /\ Step
MCHandlePrepareRequest ==
    \E m \in DOMAIN Live(messages) : HandlePrepareRequest(m.to, m) /\ Step
MCHandlePrepareResponse ==
    \E m \in DOMAIN Live(messages) : HandlePrepareResponse(m.to, m) /\ Step
MCHandleAcceptRequest ==
    \E m \in DOMAIN Live(messages) : HandleAcceptRequest(m.to, m) /\ Step
MCHandleAcceptResponse ==
    \E m \in DOMAIN Live(messages) : HandleAcceptResponse(m.to, m) /\ Step
MCHandleCatchUpRequest ==
    \E m \in DOMAIN Live(messages) : HandleCatchUpRequest(m.to, m) /\ Step
MCHandleInstallSnapshotRequest ==
    \E m \in DOMAIN Live(messages) : HandleInstallSnapshotRequest(m.to, m) /\ Step
MCDropMessage ==
    \E m \in DOMAIN Live(messages) : DropMessage(m) /\ Spent("drops")
MCDuplicateMessage ==
    \E m \in DOMAIN Live(messages) : DuplicateMessage(m) /\ Spent("duplicates")

MCPrepare(i)           == Prepare(i) /\ Spent("prepares")
MCClientRequest(i, id) == ClientRequest(i, id) /\ Spent("requests")
MCAccept(i, j) ==
    \E s \in MCAcceptStart(i, j) : Accept(i, j, s, MCAcceptCount(i, s)) /\ Step
MCHeartbeat(i, j) == Accept(i, j, Len(log[i]) + 1, 0) /\ Spent("heartbeats")
\* A leader catches a replica that lags behind its commit index up on its
\* whole committed prefix or only its last slot, or sends it a snapshot of
\* its committed prefix (the core learns the lag from the replica's answers).
MCCatchUp(i, j) ==
    /\ role[i] = "Leader"
    /\ commitIndex[j] < commitIndex[i]
    /\ \E s \in {1, commitIndex[i]} :
          CatchUp(i, j, s, commitIndex[i] - s + 1) /\ Spent("catchups")
MCInstallSnapshot(i, j) ==
    /\ commitIndex[j] < commitIndex[i]
    /\ InstallSnapshot(i, j, commitIndex[i])
    /\ Spent("snapshots")
\* A restart comes back with commit index 0 (no snapshot) unless
\* RestartAnywhere, which lets it come back at any index up to the old one.
\* A follower that knows of no commit loses nothing by restarting (it has no
\* proposer state): such a restart would only spend the budget.
MCRestart(i) ==
    /\ role[i] # "Follower" \/ commitIndex[i] > 0
    /\ Restart(i)
    /\ RestartAnywhere \/ commitIndex'[i] = 0
    /\ Spent("restarts")

\* The local steps.
MCBecomeLeader(i) == BecomeLeader(i) /\ UNCHANGED spent
MCAdvanceCommit(i) ==
    \E n \in CommitTarget(i) :
        /\ EagerSteps => \A n2 \in CommitTarget(i) : n2 <= n
        /\ AdvanceCommit(i, n)
        /\ UNCHANGED spent

\* The next-state relation in groups, so that a buggy variant can swap one.
MCReceiveNext ==
    \/ MCObserveBallot
    \/ MCHandlePrepareRequest
    \/ MCHandlePrepareResponse
    \/ MCHandleAcceptRequest
    \/ MCHandleAcceptResponse
    \/ MCHandleCatchUpRequest
    \/ MCHandleInstallSnapshotRequest

MCNetworkNext == MCDropMessage \/ MCDuplicateMessage

MCLeaderNext == \E i \in Server : MCBecomeLeader(i)

MCRestartNext == \E i \in Server : MCRestart(i)

MCOtherNext ==
    \/ \E i \in Server : MCPrepare(i) \/ MCAdvanceCommit(i)
    \/ \E i \in Server, id \in RequestIds : MCClientRequest(i, id)
    \/ \E i, j \in Server : MCAccept(i, j) \/ MCHeartbeat(i, j)
                            \/ MCCatchUp(i, j) \/ MCInstallSnapshot(i, j)

MCNext ==
    MCReceiveNext \/ MCNetworkNext \/ MCLeaderNext \/ MCRestartNext \/ MCOtherNext

MCInit ==
    /\ Init
    /\ spent = [k \in {"prepares", "heartbeats", "requests", "catchups",
                       "snapshots", "restarts", "drops", "duplicates"} |-> 0]

MCSpec == MCInit /\ [][MCNext]_mcVars

\* The bounds.  A state outside them is not explored further.
MCConstraint ==
    /\ \A i \in Server : promised[i] < (MaxRound + 1) * Owners
    /\ \A i \in Server : Len(log[i]) <= MaxLogLen
    /\ BagCardinality(Live(messages)) <= MaxMessages
    /\ \A m \in DOMAIN messages : messages[m] <= MaxCopies
    /\ spent.prepares <= MaxPrepares
    /\ spent.heartbeats <= MaxHeartbeats
    /\ spent.requests <= MaxRequests
    /\ spent.catchups <= MaxCatchUps
    /\ spent.snapshots <= MaxSnapshots
    /\ spent.restarts <= MaxRestarts
    /\ spent.drops <= MaxDrops
    /\ spent.duplicates <= MaxDuplicates
    /\ spent.restarts + spent.drops + spent.duplicates <= MaxFaults

\* Two states that differ only in volatile state no action reads any more
\* have the same futures: a non-Preparing server's promises and recovered
\* entries (Prepare resets them; recovered is kept after BecomeLeader only
\* for the trace), a non-leader's acks (BecomeLeader resets them), and junk
\* messages.  The view forgets those.
MCViewOf(bag) ==
    <<durableVars, role, commitIndex,
      [i \in Server |-> IF role[i] = "Preparing" THEN promises[i] ELSE {}],
      [i \in Server |-> IF role[i] = "Preparing" THEN recovered[i] ELSE <<>>],
      [i \in Server |-> IF role[i] = "Leader" THEN acks[i] ELSE <<>>],
      bag, ghostVars, spent>>

MCView == MCViewOf(Live(messages))

=============================================================================
