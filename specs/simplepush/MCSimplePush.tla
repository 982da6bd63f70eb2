---------------------------- MODULE MCSimplePush ----------------------------
(***************************************************************************)
(* Model-checking bindings for SimplePush: the bounds of the state space   *)
(* (state constraints and budgets, never guards of SimplePush's actions; a *)
(* budget of 0 leaves a whole kind of event out of a configuration), the   *)
(* symmetry, and MCSpecWithReads, which adds the spec-only Read.  Every    *)
(* MCSimplePush*.cfg runs this module; the buggy variants in buggy/ extend *)
(* it.  The model's steps also leave out interleavings and steps that add  *)
(* no behaviour, each explained where it is defined (EagerReady,           *)
(* PushOrAckInFlight, MCRestart, MCRead).                                  *)
(*                                                                         *)
(* SYMMETRY: servers are interchangeable (a write's K peers are any K      *)
(* others, and nothing compares server names), so the configs use model    *)
(* values for Server.                                                      *)
(***************************************************************************)
EXTENDS SimplePush

CONSTANTS
    MaxRequests,     \* budgets: how many times in a behaviour each of these
    MaxRestarts,     \*   spontaneous events may happen (0 = never); client
    MaxDrops,        \*   requests count retries
    MaxDuplicates,
    MaxReads,
    MaxFaults,       \* restarts, drops and duplicates together
    EagerSteps       \* local steps happen as soon as enabled (see EagerReady)

\* How many of each budgeted event the behaviour has used so far.
VARIABLE spent
mcVars == <<vars, spent>>

Spend(kind) == spent' = [spent EXCEPT ![kind] = @ + 1]

(***************************************************************************)
(* Local steps the Java core takes in the same step as the event that      *)
(* enables them: Execute after an append (ClientRequest, HandlePush), and  *)
(* Answer on the last missing acknowledgement (or at once with K = 0).     *)
(* With EagerSteps the model does the same: while one of them is enabled   *)
(* nothing else happens.  This only removes interleavings of a local step  *)
(* with unrelated steps (a Restart in between executes the entry anyway).  *)
(***************************************************************************)
AnswerReady(i, id) ==
    /\ pending[i][id].peers \subseteq pending[i][id].acks
    /\ Executed(i, id)

EagerReady ==
    /\ EagerSteps
    /\ \E i \in Server :
          \/ applied[i] < Len(log[i])
          \/ \E id \in DOMAIN pending[i] : AnswerReady(i, id)

\* A step that is not one of those local steps: it waits for them.
Step        == UNCHANGED spent /\ ~EagerReady
Spent(kind) == Spend(kind) /\ ~EagerReady

(***************************************************************************)
(* A push is sent again only when neither it nor its acknowledgement is in *)
(* flight: the core's retransmission of a push still in flight adds a copy *)
(* of a message in the bag, which DuplicateMessage models.                 *)
(***************************************************************************)
PushOrAckInFlight(i, j, id) ==
    \E m \in DOMAIN messages :
        /\ m.id = id
        /\ \/ m.type = "Push" /\ m.from = i /\ m.to = j
           \/ m.type = "PushAck" /\ m.from = j /\ m.to = i

(***************************************************************************)
(* The steps of the model: each SimplePush action, named MC<Action> so     *)
(* that TLC names it in counterexamples, with the budget it spends.  A     *)
(* restart of a replica with nothing pending and everything executed       *)
(* changes nothing but the budget, so it is left out.                      *)
(***************************************************************************)
MCClientRequest(i, id, P) == ClientRequest(i, id, P) /\ Spent("requests")
MCPush(i, j) ==
    \E id \in DOMAIN pending[i] :
        ~PushOrAckInFlight(i, j, id) /\ Push(i, j, id) /\ Step
MCHandlePush == \E m \in DOMAIN messages : HandlePush(m.to, m) /\ Step
MCHandlePushAck == \E m \in DOMAIN messages : HandlePushAck(m.to, m) /\ Step
MCRestart(i) ==
    /\ DOMAIN pending[i] # {} \/ applied[i] < Len(log[i])
    /\ Restart(i)
    /\ Spent("restarts")
MCDropMessage == \E m \in DOMAIN messages : DropMessage(m) /\ Spent("drops")
MCDuplicateMessage ==
    \E m \in DOMAIN messages : DuplicateMessage(m) /\ Spent("duplicates")
\* Only a quiescent read (every invoked write answered) can take part in a
\* violation of QuiescentReadsAgree: the model reads only then.
MCRead(i) == invoked = answered /\ Read(i) /\ Spent("reads")

\* The local steps.
MCExecute(i) == Execute(i) /\ UNCHANGED spent
MCAnswer(i) == \E id \in DOMAIN pending[i] : Answer(i, id) /\ UNCHANGED spent

\* The next-state relation in groups, so that a buggy variant can swap one.
MCAnswerNext == \E i \in Server : MCAnswer(i)

MCOtherNext ==
    \/ MCHandlePush \/ MCHandlePushAck \/ MCDropMessage \/ MCDuplicateMessage
    \/ \E i \in Server, id \in RequestIds : \E P \in SUBSET (Server \ {i}) :
          MCClientRequest(i, id, P)
    \/ \E i, j \in Server : MCPush(i, j)
    \/ \E i \in Server : MCExecute(i) \/ MCRestart(i)

MCNext == MCOtherNext \/ MCAnswerNext

MCInit ==
    /\ Init
    /\ spent = [k \in {"requests", "restarts", "drops", "duplicates", "reads"} |-> 0]

MCSpec == MCInit /\ [][MCNext]_mcVars

\* MCSimplePushNotLinearizable.cfg: SimplePush with reads.
MCSpecWithReads == MCInit /\ [][MCNext \/ \E i \in Server : MCRead(i)]_mcVars

\* The bounds.  A state outside them is not explored further.
MCConstraint ==
    /\ spent.requests <= MaxRequests
    /\ spent.restarts <= MaxRestarts
    /\ spent.drops <= MaxDrops
    /\ spent.duplicates <= MaxDuplicates
    /\ spent.reads <= MaxReads
    /\ spent.restarts + spent.drops + spent.duplicates <= MaxFaults

\* Servers are interchangeable (safety checking only).
MCSymmetry == Permutations(Server)

=============================================================================
