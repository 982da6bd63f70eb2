----------------------------- MODULE MCEPaxos -----------------------------
(***************************************************************************)
(* Model-checking bindings for EPaxos: the bounds of the state space       *)
(* (budgets and state constraints, never guards of EPaxos's actions; a     *)
(* budget of 0 leaves a whole kind of event out of a configuration), the   *)
(* owner ranks of the model values, and a view.  Every MCEPaxos*.cfg runs  *)
(* this module; the buggy variants in buggy/ extend it.                    *)
(*                                                                         *)
(* The model's steps also leave out interleavings and steps that add no    *)
(* behaviour, each explained where it is defined (EagerReady, MCJunk,      *)
(* MCPropose, MCRestart).  IgnoreMessage is left out: it takes a message   *)
(* no handler can take now or later (ballots only grow, phases only        *)
(* advance, a round is never resumed), which MCJunk counts as dropped.     *)
(*                                                                         *)
(* No SYMMETRY over servers: OwnerRank names ballots and breaks ties in    *)
(* execution, so the behaviours are not closed under permuting servers.   *)
(***************************************************************************)
EXTENDS EPaxosProperties

CONSTANTS
    n1, n2, n3, n4, n5, \* model values; Server is {n1, n2, n3} or {n1, ..., n5}
    MaxProposals,    \* budgets: how many times in a behaviour each of these
    MaxRecoveries,   \*   spontaneous events may happen (0 = never)
    MaxCommitRequests,
    MaxRestarts,
    MaxDrops,
    MaxDuplicates,
    MaxFaults,       \* restarts, drops and duplicates together
    MaxRound,        \* no recovery ballot of a round above this
    RankOrder,       \* the k-th proposal is made by the server of rank k
    Executions,      \* FALSE: no Execute steps (configs about agreement only)
    EagerSteps       \* local steps happen as soon as enabled (see EagerReady)

ASSUME Commands \subseteq (SUBSET STRING) \ {{}}

\* The servers' numbers (the trace's NodeNumber).
MCOwnerRank(s) ==
    CASE s = n1 -> 1 [] s = n2 -> 2 [] s = n3 -> 3 [] s = n4 -> 4 [] s = n5 -> 5

\* How many of each budgeted event the behaviour has used so far.
VARIABLE spent
mcVars == <<vars, spent>>

\* The budget of each kind, and whether the behaviour may spend one more.
Budget(kind) ==
    CASE kind = "proposals" -> MaxProposals
      [] kind = "recoveries" -> MaxRecoveries
      [] kind = "commitRequests" -> MaxCommitRequests
      [] kind = "restarts" -> MaxRestarts
      [] kind = "drops" -> MaxDrops
      [] kind = "duplicates" -> MaxDuplicates
IsFault(kind) == kind \in {"restarts", "drops", "duplicates"}
CanSpend(kind) ==
    /\ spent[kind] < Budget(kind)
    /\ IsFault(kind) =>
          spent.restarts + spent.drops + spent.duplicates < MaxFaults

\* A budgeted step is taken only while its budget lasts (a guard of the
\* model, not of EPaxos: it saves generating states MCConstraint rejects).
Spend(kind) == CanSpend(kind) /\ spent' = [spent EXCEPT ![kind] = @ + 1]

(***************************************************************************)
(* Local steps the Java core takes in the same step as the event that      *)
(* enables them ([C] "How the core's steps map to actions"): the commit    *)
(* and recovery decisions and executions.  With EagerSteps the model does  *)
(* the same: while one of them is enabled nothing else happens.  This only *)
(* removes interleavings of a local step with unrelated steps; the         *)
(* decisions themselves are those of EPaxos.  A local step is one that     *)
(* receives no message and spends no budget; MCEagerConstraint, the        *)
(* ACTION_CONSTRAINT of every config, admits only those while EagerReady.  *)
(* (The same test as a guard of every other step costs TLC several times   *)
(* more: it would evaluate EagerReady once per action, not once per step.) *)
(***************************************************************************)
RecoveryReady(p, i) ==
    \/ RecoverQuorum(p, i)
    \/ Validated(p, i)
    \/ WaitingAcceptReady(p, i) \/ WaitingNopReady(p, i)
    \/ WaitingLateReplyReady(p, i)

\* Some local step is enabled: with a quorum of answers one of the
\* decisions of its stage is (they partition the cases).
EagerReady ==
    /\ EagerSteps
    /\ \E p \in Server :
          \/ \E i \in DOMAIN preAccepts[p] : PreAcceptQuorum(p, i)
          \/ \E i \in DOMAIN accepts[p] : CommitAcceptedReady(p, i)
          \/ \E i \in DOMAIN recovery[p] : RecoveryReady(p, i)
          \/ Executions /\ \E i \in RowInsts(phase, p, "none") : ExecuteReady(p, i)

\* The ACTION_CONSTRAINT: while a local step is enabled, only local steps.
MCEagerConstraint ==
    EagerReady => spent' = spent /\ messages \sqsubseteq messages'

Step        == UNCHANGED spent
Spent(kind) == Spend(kind)

(***************************************************************************)
(* Junk: a message whose receipt can change nothing but the bag in this    *)
(* state, and never will again (ballots only grow, phases only advance, a  *)
(* coordinator never collects again at a ballot it left):                  *)
(*  - a PreAccept at a replica that has seen the instance or promised a    *)
(*    ballot for it;                                                       *)
(*  - an answer (PreAcceptReply, AcceptReply, RecoverReply, ValidateReply) *)
(*    its receiver no longer collects at that ballot, or already holds;    *)
(*  - an Accept below its receiver's promise, a Recover not above it, a    *)
(*    Validate of another ballot;                                          *)
(*  - a Commit at a replica that committed the instance, a CommitRequest  *)
(*    from one (the Commit it may bring back is junk).                     *)
(* (A Waiting notice is never junk: a Restart forgets the notices.)  The   *)
(* model treats junk as dropped (MCView), as MCMultiPaxos does.            *)
(***************************************************************************)
MCJunk(m) ==
    LET q == m.to
        i == m.inst
    IN CASE m.type = "PreAccept" -> PhaseOf(q, i) # "none" \/ BalOf(q, i) # 0
         [] m.type = "PreAcceptReply" ->
               \/ ~Collecting(q, i)
               \/ [from |-> m.from, deps |-> m.deps, seq |-> m.seq] \in preAccepts[q][i]
         [] m.type = "Accept" -> m.bal < BalOf(q, i)
         [] m.type = "AcceptReply" ->
               ~AcceptCollecting(q, i, m.bal) \/ m.from \in accepts[q][i]
         [] m.type = "Commit" -> Committed(q, i)
         [] m.type = "CommitRequest" -> Committed(m.from, i)
         [] m.type = "Recover" -> m.bal <= BalOf(q, i)
         [] m.type = "RecoverReply" ->
               ~RecoveryAt(q, i, m.bal) \/ Answer(m) \in recovery[q][i].answers
         [] m.type = "Validate" -> m.bal # BalOf(q, i)
         [] m.type = "ValidateReply" ->
               \/ ~(Recovering(q, i, "validate") /\ BalOf(q, i) = m.bal)
               \/ [from |-> m.from, conflicts |-> m.conflicts]
                     \in recovery[q][i].validated
         [] OTHER -> FALSE

Live(bag) == [m \in {x \in DOMAIN bag : ~MCJunk(x)} |-> bag[m]]

(***************************************************************************)
(* The steps of the model: each EPaxos action, named MC<Action> so that    *)
(* TLC names it in counterexamples, with the budget it spends.             *)
(***************************************************************************)

\* A client command is proposed once (the model has no client retries).
\* With RankOrder the k-th proposal is made by the server of rank k: two
\* proposals are still concurrent in every way, only the roles of the
\* servers are fixed (which of them proposes first, and whether one server
\* proposes twice, are left out).
Proposed(c) == \E q \in Server : \E k \in 1..Len(initCmd[q][q]) :
                   initCmd[q][q][k] = c
MCPropose == CanSpend("proposals") /\ \E p \in Server, c \in Commands :
                 /\ RankOrder => OwnerRank(p) = spent.proposals + 1
                 /\ ~Proposed(c)
                 /\ Propose(p, Inst(p, next[p]), c)
                 /\ Spent("proposals")

MCHandlePreAccept ==
    \E m \in DOMAIN messages : HandlePreAccept(m.to, m) /\ Step
MCHandlePreAcceptReply ==
    \E m \in DOMAIN messages : HandlePreAcceptReply(m.to, m) /\ Step
MCHandleAccept ==
    \E m \in DOMAIN messages : HandleAccept(m.to, m) /\ Step
MCHandleAcceptReply ==
    \E m \in DOMAIN messages : HandleAcceptReply(m.to, m) /\ Step
MCHandleCommit ==
    \E m \in DOMAIN messages : HandleCommit(m.to, m) /\ Step
MCHandleRecover ==
    \E m \in DOMAIN messages : HandleRecover(m.to, m) /\ Step
MCHandleRecoverReply ==
    \E m \in DOMAIN messages : HandleRecoverReply(m.to, m) /\ Step
MCHandleValidate ==
    \E m \in DOMAIN messages : HandleValidate(m.to, m) /\ Step
MCHandleValidateReply ==
    \E m \in DOMAIN messages : HandleValidateReply(m.to, m) /\ Step
MCHandleCommitRequest ==
    \E m \in DOMAIN messages : HandleCommitRequest(m.to, m) /\ Step
MCHandleWaiting ==
    \E m \in DOMAIN messages : HandleWaiting(m.to, m) /\ Step

MCRequestCommit == CanSpend("commitRequests") /\
    \E p \in Server : \E i \in HeardOf(p) \cup ReportedTo(p) :
        RequestCommit(p, i) /\ Spent("commitRequests")

\* A recovery of an instance heard of, with a ballot of round <= MaxRound.
MCStartRecovery == CanSpend("recoveries") /\
    \E p \in Server : \E i \in HeardOf(p) :
        /\ NextBallot(p, BalOf(p, i)) < (MaxRound + 1) * 256
        /\ StartRecovery(p, i)
        /\ Spent("recoveries")

\* A replica with no coordinator state and nothing executed loses nothing
\* by restarting: such a restart would only spend the budget.
MCRestart == CanSpend("restarts") /\ \E p \in Server :
    /\ \/ preAccepts[p] # NoMap \/ accepts[p] # NoMap
       \/ recovery[p] # NoMap \/ waits[p] # NoMap \/ executed[p] # << >>
    /\ Restart(p)
    /\ Spent("restarts")

MCDropMessage == CanSpend("drops") /\
    \E m \in DOMAIN Live(messages) : DropMessage(m) /\ Spent("drops")
MCDuplicateMessage == CanSpend("duplicates") /\
    \E m \in DOMAIN Live(messages) : DuplicateMessage(m) /\ Spent("duplicates")

\* The local steps, each over the instances it can apply to.
MCFastCommit ==
    \E p \in Server : \E i \in DOMAIN preAccepts[p] : FastCommit(p, i) /\ UNCHANGED spent
MCSlowAccept ==
    \E p \in Server : \E i \in DOMAIN preAccepts[p] : SlowAccept(p, i) /\ UNCHANGED spent
MCCommitAccepted ==
    \E p \in Server : \E i \in DOMAIN accepts[p] : CommitAccepted(p, i) /\ UNCHANGED spent
MCRecoverCommitted ==
    \E p \in Server : \E i \in DOMAIN recovery[p] : RecoverCommitted(p, i) /\ UNCHANGED spent
MCRecoverAccepted ==
    \E p \in Server : \E i \in DOMAIN recovery[p] : RecoverAccepted(p, i) /\ UNCHANGED spent
MCRecoverNop ==
    \E p \in Server : \E i \in DOMAIN recovery[p] : RecoverNop(p, i) /\ UNCHANGED spent
MCStartValidate ==
    \E p \in Server : \E i \in DOMAIN recovery[p] : StartValidate(p, i) /\ UNCHANGED spent
MCValidateAccept ==
    \E p \in Server : \E i \in DOMAIN recovery[p] : ValidateAccept(p, i) /\ UNCHANGED spent
MCValidateNop ==
    \E p \in Server : \E i \in DOMAIN recovery[p] : ValidateNop(p, i) /\ UNCHANGED spent
MCStartWaiting ==
    \E p \in Server : \E i \in DOMAIN recovery[p] : StartWaiting(p, i) /\ UNCHANGED spent
MCWaitingAccept ==
    \E p \in Server : \E i \in DOMAIN recovery[p] : WaitingAccept(p, i) /\ UNCHANGED spent
MCWaitingNop ==
    \E p \in Server : \E i \in DOMAIN recovery[p] : WaitingNop(p, i) /\ UNCHANGED spent
MCWaitingLateReply ==
    \E p \in Server : \E i \in DOMAIN recovery[p] : WaitingLateReply(p, i) /\ UNCHANGED spent
MCExecute == Executions /\
    \E p \in Server : \E i \in RowInsts(phase, p, "none") : Execute(p, i) /\ UNCHANGED spent

\* The next-state relation in groups, so that a buggy variant can swap one.
MCCommitLocalNext == MCFastCommit \/ MCSlowAccept \/ MCCommitAccepted
MCRecoverLocalNext ==
    MCRecoverCommitted \/ MCRecoverAccepted \/ MCRecoverNop \/ MCStartValidate
MCValidateLocalNext ==
    \/ MCValidateAccept \/ MCValidateNop \/ MCStartWaiting
    \/ MCWaitingAccept \/ MCWaitingNop \/ MCWaitingLateReply
MCLocalNext ==
    MCCommitLocalNext \/ MCRecoverLocalNext \/ MCValidateLocalNext \/ MCExecute

MCCommitReceiveNext ==
    \/ MCHandlePreAccept \/ MCHandlePreAcceptReply
    \/ MCHandleAccept \/ MCHandleAcceptReply \/ MCHandleCommit
    \/ MCHandleCommitRequest
MCRecoverReceiveNext == MCHandleRecover \/ MCHandleRecoverReply
MCValidateReceiveNext ==
    MCHandleValidate \/ MCHandleValidateReply \/ MCHandleWaiting
MCFaultNext == MCRestart \/ MCDropMessage \/ MCDuplicateMessage
MCOtherNext ==
    \/ MCCommitReceiveNext \/ MCRecoverReceiveNext \/ MCValidateReceiveNext
    \/ MCPropose \/ MCRequestCommit \/ MCStartRecovery \/ MCFaultNext

MCNext == MCLocalNext \/ MCOtherNext

MCInit ==
    /\ Init
    /\ spent = [k \in {"proposals", "commitRequests", "recoveries", "restarts",
                       "drops", "duplicates"} |-> 0]

MCSpec == MCInit /\ [][MCNext]_mcVars

\* For TLC's simulation mode, which ends a behaviour at the first step an
\* ACTION_CONSTRAINT rejects: the same steps, with EagerReady as a guard.
MCSimNext == MCLocalNext \/ (~EagerReady /\ MCOtherNext)
MCSimSpec == MCInit /\ [][MCSimNext]_mcVars

\* The bounds.  A state outside them is not explored further.
MCConstraint ==
    /\ spent.proposals <= MaxProposals
    /\ spent.commitRequests <= MaxCommitRequests
    /\ spent.recoveries <= MaxRecoveries
    /\ spent.restarts <= MaxRestarts
    /\ spent.drops <= MaxDrops
    /\ spent.duplicates <= MaxDuplicates
    /\ spent.restarts + spent.drops + spent.duplicates <= MaxFaults

\* Junk messages are as good as dropped.  Of the entries of a conflict
\* memory with the same instance and command only the one with the highest
\* seq counts (ConflictsAt reads per owner the highest number and the
\* highest seq; a Restart rebuilds the memory from durable state).
Dominant(K) == {h \in K : \A g \in K : g.inst = h.inst /\ g.cmd = h.cmd => g.seq <= h.seq}

MCView == <<durableVars, coordVars, [p \in Server |-> Dominant(known[p])],
            executed, Live(messages), ghostVars, spent>>

=============================================================================
