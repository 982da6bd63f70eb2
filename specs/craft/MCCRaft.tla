------------------------------ MODULE MCCRaft ------------------------------
(***************************************************************************)
(* Model-checking bindings for CRaft: the bounds of the state space (a     *)
(* state constraint, and bounds and budgets as guards of the model's       *)
(* wrappers of CRaft's actions, never of the actions themselves), the      *)
(* appends a model leader sends, eager local steps, symmetry and a view.   *)
(* Every MCCRaft*.cfg without its own module runs this one.  The buggy     *)
(* variants in buggy/ extend it with a wrong version of one CRaft          *)
(* operator, which their config substitutes for the right one (CONSTANT    *)
(* Op <- WrongOp, a definition override), so TLC still names every action. *)
(***************************************************************************)
EXTENDS CRaft

CONSTANTS
    MaxTerm,        \* no server enters a term above this
    MaxLogLen,      \* no log grows beyond this many entries
    MaxMessages,    \* at most this many live messages (copies counted)
    MaxTimeouts,    \* budgets: how many times in a behaviour each of these
    MaxRestarts,    \*   spontaneous events may happen (0 = never)
    MaxDrops,
    MaxDuplicates,
    MaxSwitches,    \* mode switches
    Unbudgeted,     \* the kinds above ("restarts", ...) that are not counted
    QuietSwitches,  \* a leader switches modes only with no append in flight
    FreshTerms,     \* a server stands for election only in a term no server
                    \*   has reached yet: no split votes (MCRaft checks those)
    EagerSteps      \* local steps happen as soon as enabled (see EagerReady)

\* How many of each budgeted event the behaviour has used so far.
VARIABLE spent
mcVars == <<vars, spent>>

Budget == [timeouts |-> MaxTimeouts, restarts |-> MaxRestarts, drops |-> MaxDrops,
           duplicates |-> MaxDuplicates, switches |-> MaxSwitches]

\* An event of a kind in Unbudgeted is not counted: it may happen any
\* number of times (and the view does not tell apart how often it did).
\* Others happen only while their budget lasts.
Spend(kind) ==
    IF kind \in Unbudgeted THEN UNCHANGED spent
    ELSE /\ spent[kind] < Budget[kind]
         /\ spent' = [spent EXCEPT ![kind] = @ + 1]

(***************************************************************************)
(* A message whose receipt can no longer change anything but the bag       *)
(* (terms only grow; a server leaves the candidate or recovering state of  *)
(* a term for good; a leader's matchIndex and fullMatch only grow while it *)
(* leads):                                                                 *)
(*  - a message of an older term than its receiver's (requests are         *)
(*    ignored, answers are of no use);                                     *)
(*  - a reconstruct request whose receiver follows in its term and whose   *)
(*    sender no longer recovers in that term (the answer would be junk);   *)
(*  - with FreshTerms, a vote request whose sender is no longer a          *)
(*    candidate in its term (no other candidate of that term can need the  *)
(*    receiver's vote);                                                    *)
(*  - a vote answer whose receiver is not a candidate, or that refuses, or *)
(*    that is counted already;                                             *)
(*  - a reconstruct answer whose receiver is not recovering, or that adds  *)
(*    nothing to what it gathered;                                         *)
(*  - an append answer whose receiver does not lead, or that failed, or    *)
(*    that tells it nothing new.                                           *)
(* The model treats such a message as dropped (MCView, MCConstraint).      *)
(***************************************************************************)
MCJunk(m) ==
    LET i == m.to
        t == currentTerm[i]
        Leads(j, status) == state[j] = status /\ currentTerm[j] = m.term
    IN \/ m.term < t
       \/ /\ m.type = "RequestVoteRequest"
          /\ FreshTerms /\ ~Leads(m.from, "Candidate")
       \/ /\ m.type = "ReconstructRequest"
          /\ m.term = t /\ state[i] = "Follower" /\ ~Leads(m.from, "Recovering")
       \/ /\ m.term = t
          /\ CASE m.type = "RequestVoteResponse" ->
                    \/ state[i] # "Candidate" \/ ~m.granted
                    \/ m.from \in votesGranted[i]
               [] m.type = "ReconstructResponse" ->
                    \/ state[i] # "Recovering"
                    \/ /\ m.from \in reconFrom[i]
                       /\ DOMAIN m.shards = DOMAIN reconShards[i]
                       /\ \A k \in DOMAIN m.shards :
                             m.shards[k] \subseteq reconShards[i][k]
               [] m.type = "AppendEntriesResponse" ->
                    \/ state[i] # "Leader" \/ ~m.success
                    \/ /\ m.matchIndex <= matchIndex[i][m.from]
                       /\ m.fullMatch <= fullMatch[i][m.from]
               [] OTHER -> FALSE

Live(bag) == [m \in {x \in DOMAIN bag : ~MCJunk(x)} |-> bag[m]]

(***************************************************************************)
(* Local steps the core takes in the same step as the receive that enables *)
(* them: becoming leader on the deciding vote, recovering on the answer    *)
(* that completes q_r (or at once if it can rebuild every entry alone),    *)
(* committing on the deciding ack.  With EagerSteps the model does the     *)
(* same: while one of them is enabled nothing else happens, and a commit   *)
(* goes as far as it can.  This removes interleavings of a local step with *)
(* unrelated steps, and a recovering leader's waiting for answers beyond   *)
(* q_r: those could only let it rebuild more entries, which it also does   *)
(* when the answers come in another order.                                 *)
(***************************************************************************)
CommitTarget(i) ==
    {n \in (commitIndex[i] + 1)..Len(log[i]) :
        /\ state[i] = "Leader"
        /\ log[i][n].term = currentTerm[i]
        /\ ShardRuleOK(i, n) \/ FullRuleOK(i, n)}

CanRecover(i) ==
    /\ state[i] = "Recovering"
    /\ \/ Cardinality(reconFrom[i] \cup {i}) >= ReadQuorum
       \/ \A k \in 1..Len(log[i]) : EnoughToRebuild(reconShards[i][k])

EagerReady ==
    /\ EagerSteps
    /\ \E i \in Server :
          CASE state[i] = "Candidate"  -> IsMajority(votesGranted[i])
            [] state[i] = "Recovering" -> CanRecover(i)
            [] state[i] = "Leader"     ->
                 \E n \in (commitIndex[i] + 1)..Len(log[i]) :
                     /\ log[i][n].term = currentTerm[i]
                     /\ ShardRuleOK(i, n) \/ FullRuleOK(i, n)
            [] OTHER -> FALSE

\* A step that is not one of those local steps waits for them.
Step        == UNCHANGED spent /\ ~EagerReady
Spent(kind) == Spend(kind) /\ ~EagerReady

(***************************************************************************)
(* The steps of the model: each CRaft action, named MC<Action> so that TLC *)
(* names it in counterexamples, with the budget it spends (or none).       *)
(***************************************************************************)
\* For each live message m: m.to takes it.
MCUpdateTerm ==
    \E m \in DOMAIN Live(messages) : UpdateTerm(m.to, m) /\ Step
MCHandleRequestVoteRequest ==
    \E m \in DOMAIN Live(messages) : HandleRequestVoteRequest(m.to, m) /\ Step
MCHandleRequestVoteResponse ==
    \E m \in DOMAIN Live(messages) : HandleRequestVoteResponse(m.to, m) /\ Step
MCHandleReconstructRequest ==
    \E m \in DOMAIN Live(messages) : HandleReconstructRequest(m.to, m) /\ Step
MCHandleReconstructResponse ==
    \E m \in DOMAIN Live(messages) : HandleReconstructResponse(m.to, m) /\ Step
MCHandleAppendEntriesRequest ==
    \E m \in DOMAIN Live(messages) : HandleAppendEntriesRequest(m.to, m) /\ Step
MCHandleAppendEntriesResponse ==
    \E m \in DOMAIN Live(messages) : HandleAppendEntriesResponse(m.to, m) /\ Step
MCDropMessage ==
    \E m \in DOMAIN Live(messages) : DropMessage(m) /\ Spent("drops")
MCDuplicateMessage ==
    \E m \in DOMAIN Live(messages) : DuplicateMessage(m) /\ Spent("duplicates")

\* No term above MaxTerm; with FreshTerms a server stands only in a term
\* no server has reached.
MCTimeout(i) ==
    /\ currentTerm[i] < MaxTerm
    /\ Timeout(i)
    /\ FreshTerms => \A j \in Server : currentTerm[j] <= currentTerm[i]
    /\ Spent("timeouts")
\* The model's restarts keep the commit index (a lower one only makes the
\* rules more demanding, and costs states); then a follower's restart
\* changes nothing, so only candidates and leaders restart.
MCRestart(i) ==
    /\ state[i] # "Follower"
    /\ Restart(i)
    /\ commitIndex'[i] = commitIndex[i]
    /\ Spent("restarts")
\* With QuietSwitches a leader switches only while none of its appends is
\* in flight (as at a heartbeat tick once its sends were delivered): fewer
\* interleavings, at the price of the stale appends of the other mode that
\* a switch can leave in flight (configs without it have those).
MCSwitchMode(i, to) ==
    /\ SwitchMode(i, to)
    /\ QuietSwitches =>
          ~\E m \in DOMAIN Live(messages) : m.type = "AppendEntriesRequest" /\ m.from = i
    /\ Spent("switches")
MCClientRequest(i, v) == Len(log[i]) < MaxLogLen /\ ClientRequest(i, v) /\ Step
\* A leader sends from where j is known to match, or from its commit index
\* (a re-send, e.g. of full copies after a fallback), to the end of its
\* log; nothing (a heartbeat) only once it has committed something (before,
\* an empty append tells a follower nothing).  Shorter and older appends
\* still arrive, from sends made before the log grew, in any order.
MCAppendEntries(i, j) ==
    \E p \in {matchIndex[i][j], commitIndex[i]} :
        /\ p < Len(log[i]) \/ commitIndex[i] > 0
        /\ AppendEntries(i, j, p, Len(log[i]) - p)
        /\ Step

\* The local steps.
MCBecomeLeader(i) == BecomeLeader(i) /\ UNCHANGED spent
MCRecover(i) == Recover(i) /\ UNCHANGED spent
MCAdvanceCommitIndex(i) ==
    \E n \in CommitTarget(i) :
        /\ EagerSteps => \A n2 \in CommitTarget(i) : n2 <= n
        /\ AdvanceCommitIndex(i, n)
        /\ UNCHANGED spent

MCNext ==
    \/ MCUpdateTerm
    \/ MCHandleRequestVoteRequest \/ MCHandleRequestVoteResponse
    \/ MCHandleReconstructRequest \/ MCHandleReconstructResponse
    \/ MCHandleAppendEntriesRequest \/ MCHandleAppendEntriesResponse
    \/ MCDropMessage \/ MCDuplicateMessage
    \/ \E i \in Server :
          \/ MCTimeout(i) \/ MCRestart(i) \/ MCBecomeLeader(i) \/ MCRecover(i)
          \/ MCAdvanceCommitIndex(i)
    \/ \E i \in Server, to \in {"shard", "full"} : MCSwitchMode(i, to)
    \/ \E i \in Server, v \in Values : MCClientRequest(i, v)
    \/ \E i, j \in Server : MCAppendEntries(i, j)

MCInit ==
    /\ Init
    /\ spent = [k \in {"timeouts", "restarts", "drops", "duplicates", "switches"} |-> 0]

MCSpec == MCInit /\ [][MCNext]_mcVars

\* The bound on live messages: a state beyond it is not explored further.
\* (Terms, log lengths and budgets are guards of the MC actions instead, so
\* that a simulation never walks into a dead end on them.)
MCConstraint == BagCardinality(Live(messages)) <= MaxMessages

(***************************************************************************)
(* SYMMETRY: servers are interchangeable (server i's shard index is i      *)
(* itself, renamed with it) and so are values.  Terms and indexes are      *)
(* ordered and not permuted.  Only safety is checked, so the reduction is  *)
(* sound.                                                                  *)
(***************************************************************************)
MCSymmetry == Permutations(Server) \cup Permutations(Values)

\* For a single value (TLC warns about a symmetry set of one element).
MCServerSymmetry == Permutations(Server)

\* The view forgets junk messages and the votes a non-candidate collected
\* (Timeout resets them before they are read again).
MCView ==
    <<durableVars, state,
      [i \in Server |-> IF state[i] = "Candidate" THEN votesGranted[i] ELSE {}],
      leaderVars, Live(messages), ghostVars, spent>>

=============================================================================
