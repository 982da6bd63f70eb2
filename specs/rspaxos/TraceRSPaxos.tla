--------------------------- MODULE TraceRSPaxos ----------------------------
(***************************************************************************)
(* Trace validation of the Java RSPaxos core (the MultiPaxos core with     *)
(* shard coding, dev.lockstep.multipaxos.RSPaxosProtocol) against          *)
(* RSPaxos.tla.  RSPaxos.tla is abstract (Lamport's Paxos.tla style: the   *)
(* set msgs of every message ever sent, a ballot stands for its leader),   *)
(* so the core's lines map onto it as follows; a line that names no        *)
(* action here is rejected.                                                *)
(*                                                                         *)
(*   Prepare       the leader's Prepare(b) and its own HandlePrepare, one  *)
(*                 step (b = the logged promised).                         *)
(*   HandlePrepare HandlePrepare(i) on the Prepare of the received ballot  *)
(*                 when the core promised it; a refusal (the ballot is     *)
(*                 below the promise) and a repeated promise of the same   *)
(*                 ballot change nothing.                                  *)
(*   JoinBallot    JoinBallot(i) on the received ballot.                   *)
(*   Propose       for each logged slot, Propose(b, s) with the logged     *)
(*                 value, from the logged promises (BecomeLeader) or from  *)
(*                 any read quorum of the ballot's promises (a client      *)
(*                 request), and the leader's own HandleAccept of it.      *)
(*   HandleAccept  HandleAccept(i) for each entry of the received request; *)
(*                 a refusal or a heartbeat changes nothing.               *)
(*   Commit        Commit(b, s) for every slot the leader's commit index   *)
(*                 passed (b = its ballot, the value its own shard's).     *)
(*   Execute       no action: the executed value must be the value of a    *)
(*                 Commit of that slot (what Reconstruct must get right).  *)
(*                                                                         *)
(* A step over several slots is the sequence of the single-slot actions:   *)
(* their guards read only promises and Accept messages of other slots, so  *)
(* the order does not matter.  Every other line (answers the leader        *)
(* collects, retransmissions, catch-up, snapshots, Reconstruct messages,   *)
(* restarts, the simulator's network actions) changes no RSPaxos.tla       *)
(* variable: the spec's state is the acceptors' promises and shards and    *)
(* the messages.  Every line checks the acting node's logged promise       *)
(* against maxBal (0 in the core = -1 in the spec).                        *)
(*                                                                         *)
(* What this does not check: the core's logs beyond promises (catch-up     *)
(* writes chosen values the spec does not model), message contents beyond  *)
(* ballots, slots and value identities, and the core's commit learning at  *)
(* followers (Execute checks its outcome).                                 *)
(***************************************************************************)
EXTENDS RSPaxos, TraceCommon

VARIABLE ci   \* ci[i]: node i's commit index as last logged (the core's)

traceVars == <<vars, l, specSent, ci>>

TraceValues == STRING
TraceBallots == Nat
TraceSlots == Nat \ {0}

\* Quorums.rsPaxos: d = majority, q_w = majority + f, q_r = n - f, f = 1
\* for three or more replicas.
Majority == Cardinality(Acceptors) \div 2 + 1
TraceFaults == IF Cardinality(Acceptors) >= 3 THEN 1 ELSE 0
TraceDataShards == Majority
TraceWriteQuorum == Majority + TraceFaults
TraceReadQuorum == Cardinality(Acceptors) - TraceFaults

-----------------------------------------------------------------------------
(* Helpers                                                                 *)

\* The core's promised (0 = none) as the spec's maxBal (-1 = none).
CoreBal(i) == IF maxBal[i] = -1 THEN 0 ELSE maxBal[i]

PrepareMsg(b) == [type |-> "Prepare", bal |-> b]

PromisesOf(b) == {m \in msgs : m.type = "Promise" /\ m.bal = b}

\* The read quorums of ballot b's promises the leader may have used: those
\* of the logged promisers, or any.
QuorumsOf(b, ln) ==
    IF "promises" \in DOMAIN ln.params
    THEN {{m \in PromisesOf(b) : m.from \in Range(ln.params.promises)}}
    ELSE {P \in SUBSET PromisesOf(b) : Cardinality(P) >= ReadQuorum}

SentPromise(ln) ==
    \E k \in DOMAIN ln.sent : ln.sent[k].type = "PrepareResponse" /\ ln.sent[k].ok

-----------------------------------------------------------------------------
(* Lines to actions                                                        *)

PrepareLine(i, b) ==
    /\ b > maxBal[i]
    /\ maxBal' = [maxBal EXCEPT ![i] = b]
    /\ msgs' = msgs \cup {PrepareMsg(b),
                          [type |-> "Promise", from |-> i, bal |-> b, accepted |-> accepted[i]]}
    /\ UNCHANGED accepted

HandlePrepareLine(i, ln) ==
    LET b == ln.msg.ballot IN
    IF SentPromise(ln) /\ b > maxBal[i]
    THEN HandlePrepare(i) /\ maxBal'[i] = b
    ELSE /\ b <= maxBal[i]
         /\ UNCHANGED vars

\* Propose(b, s) for each logged slot and the leader's own HandleAccept.
ProposeLine(i, ln) ==
    LET b == ln.state.promised
        first == ln.state.firstSlot
        vals == ln.params.vals
        slots == {first + k - 1 : k \in DOMAIN vals}
    IN /\ b = maxBal[i]
       /\ Len(vals) = ln.state.lastSlot - first + 1
       /\ \A k \in DOMAIN vals :
             ~\E m \in msgs : m.type = "Accept" /\ m.bal = b /\ m.slot = first + k - 1
       /\ \E P \in QuorumsOf(b, ln) :
             /\ Cardinality(P) >= ReadQuorum
             /\ \A k \in DOMAIN vals : vals[k] \in Proposable(Reports(P, first + k - 1))
       /\ msgs' = msgs
             \cup {[type |-> "Accept", to |-> a, bal |-> b, slot |-> first + k - 1,
                    shard |-> Shard(vals[k], a)] : a \in Acceptors, k \in DOMAIN vals}
             \cup {[type |-> "Accepted", from |-> i, bal |-> b, slot |-> first + k - 1,
                    val |-> vals[k]] : k \in DOMAIN vals}
       /\ accepted' = [accepted EXCEPT ![i] =
             [s \in slots |-> [bal |-> b, shard |-> Shard(vals[s - first + 1], i)]] @@ @]
       /\ UNCHANGED maxBal

\* HandleAccept(i) for each entry of the received accept request.
HandleAcceptLine(i, ln) ==
    LET b == ln.msg.ballot
        first == ln.msg.slot
        es == ln.msg.entries
        slots == {first + k - 1 : k \in DOMAIN es}
        AcceptOf(k) == [type |-> "Accept", to |-> i, bal |-> b, slot |-> first + k - 1,
                         shard |-> Shard(es[k].val, i)]
    IN IF b < maxBal[i] \/ es = <<>>
       THEN /\ b <= maxBal[i]
            /\ UNCHANGED vars
       ELSE /\ \A k \in DOMAIN es : AcceptOf(k) \in msgs
            /\ maxBal' = [maxBal EXCEPT ![i] = b]
            /\ accepted' = [accepted EXCEPT ![i] =
                  [s \in slots |-> [bal |-> b, shard |-> Shard(es[s - first + 1].val, i)]] @@ @]
            /\ msgs' = msgs \cup {[type |-> "Accepted", from |-> i, bal |-> b,
                                   slot |-> first + k - 1, val |-> es[k].val] : k \in DOMAIN es}

\* Commit(b, s) for the slots ci[i] + 1 .. n, each with the value of the
\* leader's own shard there.
CommitLine(i, ln) ==
    LET b == maxBal[i]
        n == ln.params.n
        slots == (ci[i] + 1)..n
    IN /\ \A s \in slots :
             /\ Acc(i, s).bal = b
             /\ IsWriteQuorum(Voters(s, b, Acc(i, s).shard.val))
       /\ msgs' = msgs \cup {[type |-> "Commit", bal |-> b, slot |-> s,
                              val |-> Acc(i, s).shard.val] : s \in slots}
       /\ UNCHANGED <<maxBal, accepted>>

ExecuteLine(ln) ==
    /\ \E m \in msgs : m.type = "Commit" /\ m.slot = ln.params.slot /\ m.val = ln.params.val
    /\ UNCHANGED vars

\* Lines that change no RSPaxos.tla variable.
Unmodelled == {"HandlePrepareResponse", "Accept", "HandleAcceptResponse", "CatchUp",
               "HandleCatchUpRequest", "InstallSnapshot", "HandleInstallSnapshotRequest",
               "ObserveBallot", "Restart", "Reconstruct", "HandleReconstructRequest",
               "HandleReconstructResponse", "DuplicateMessage", "DropMessage"}

LineStep(ln) ==
    LET i == ln.node IN
    \/ ln.action = "Prepare" /\ PrepareLine(i, ln.state.promised)
    \/ ln.action = "HandlePrepare" /\ HandlePrepareLine(i, ln)
    \/ ln.action = "JoinBallot" /\ JoinBallot(i) /\ maxBal'[i] = ln.msg.ballot
    \/ ln.action = "Propose" /\ ProposeLine(i, ln)
    \/ ln.action = "HandleAccept" /\ HandleAcceptLine(i, ln)
    \/ ln.action = "Commit" /\ CommitLine(i, ln)
    \/ ln.action = "Execute" /\ ExecuteLine(ln)
    \/ ln.action \in Unmodelled /\ UNCHANGED vars

\* The acting node's logged promise is the spec's.
StateAgrees(ln) ==
    "promised" \in DOMAIN ln.state =>
        ln.state.promised = (IF maxBal'[ln.node] = -1 THEN 0 ELSE maxBal'[ln.node])

NextCi(ln) ==
    IF "node" \in DOMAIN ln /\ "commitIndex" \in DOMAIN ln.state
    THEN [ci EXCEPT ![ln.node] = ln.state.commitIndex]
    ELSE ci

-----------------------------------------------------------------------------

TraceInit ==
    /\ Init
    /\ l = 1
    /\ specSent = EmptyBag
    /\ ci = [a \in Acceptors |-> 0]

TraceNext ==
    /\ l <= Len(Trace)
    /\ LET ln == Trace[l] IN
          /\ LineStep(ln)
          /\ Checked(ln, "state" \in DOMAIN ln => StateAgrees(ln))
          /\ ci' = NextCi(ln)
    /\ specSent' = EmptyBag
    /\ l' = l + 1

-----------------------------------------------------------------------------
(* RSPaxos's invariants over slots, checked on the slots a step changed     *)
(* (Accepted or Commit messages): as strong as checking them in every state *)
(* since msgs only grows.                                                  *)

NewMsgs == msgs' \ msgs
ChangedSlots == {m.slot : m \in {m \in NewMsgs : m.type \in {"Accepted", "Commit"}}}

OneValuePerBallotOnChange ==
    [][\A m1 \in {m \in NewMsgs : m.type = "Accept"} :
          \A m2 \in {m \in msgs' : m.type = "Accept" /\ m.bal = m1.bal /\ m.slot = m1.slot} :
             m1.shard.val = m2.shard.val]_traceVars

AgreementOnChange ==
    [][\A s \in ChangedSlots : \A v, w \in {m.val : m \in {m \in msgs' : m.type = "Accepted" /\ m.slot = s}} :
          Chosen(s, v)' /\ Chosen(s, w)' => v = w]_traceVars

CommittedChosenOnChange ==
    [][\A s \in ChangedSlots : \A m \in {m \in NewMsgs : m.type = "Commit" /\ m.slot = s} :
          Chosen(s, m.val)']_traceVars

-----------------------------------------------------------------------------

(* The diagnostic view of a rejection run (TraceCommon's ProgressViewOf):  *)
(* before = the spec's values of the fields that line l logs, now; after = *)
(* those of line l - 1; sentAgrees = TRUE (a line's sent messages are     *)
(* checked through the set msgs, not one for one); msgInFlight = TRUE      *)
(* (received messages are not looked up).  Only the promise is checked     *)
(* (the commit index shown is the one last logged); other logged fields    *)
(* are left out of the view.                                               *)

CheckedFields == {"promised", "commitIndex"}

SpecFieldNow(ln, f) == IF f = "promised" THEN CoreBal(ln.node) ELSE ci[ln.node]

FieldsNow(k) ==
    IF k \in 1..Len(Trace) /\ "state" \in DOMAIN Trace[k] /\ "node" \in DOMAIN Trace[k]
    THEN [f \in DOMAIN Trace[k].state \cap CheckedFields |-> SpecFieldNow(Trace[k], f)]
    ELSE NoFields

DiagnosticView ==
    [before |-> FieldsNow(l), after |-> FieldsNow(l - 1), sent |-> specSent, sentAgrees |-> TRUE,
     msgInFlight |-> TRUE]

TraceConstraint == TraceConstraintOf(ProgressViewOf(DiagnosticView))

=============================================================================
