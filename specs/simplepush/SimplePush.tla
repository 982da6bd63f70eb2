----------------------------- MODULE SimplePush -----------------------------
(***************************************************************************)
(* SimplePush, Summerset's replication baseline, as Lockstep implements    *)
(* it: the replica a client writes to logs the write, executes it, pushes  *)
(* it to K peers and answers once every one of them has acknowledged it.   *)
(* A peer logs and executes what it is pushed, in arrival order: there is  *)
(* no order across replicas.  Crash and restart; a network that loses,     *)
(* duplicates and reorders messages (a bag).  Its promise is durability,   *)
(* not consistency: an answered write is on K + 1 logs, but two replicas   *)
(* may execute concurrent writes in different orders (QuiescentReadsAgree  *)
(* fails, as MCSimplePushNotLinearizable.cfg shows).                       *)
(*                                                                         *)
(* Names of actions, parameters, variables and message fields are those of *)
(* docs/protocols/simplepush-contract.md: every action of Next is one      *)
(* trace line of the Java core (dev.lockstep.simplepush), and every        *)
(* parameter is an explicit action argument so TraceSimplePush.tla can     *)
(* call it with values read from the trace.  Read is a spec-only action    *)
(* outside Next.  No action bounds the state space; MCSimplePush.tla does  *)
(* that with state constraints.                                            *)
(*                                                                         *)
(* References: Summerset (github.com/josehu07/summerset),                  *)
(* src/protocols/simple_push/ (messages.rs: a peer logs a pushed batch and *)
(* replies once it is durable; the pushing replica counts the replies);    *)
(* PROTOCOLS.md, "SimplePush and RepNothing"; [Raft] Ongaro's thesis,      *)
(* section 6.3 (client sessions); [HW] Herlihy and Wing,                   *)
(* "Linearizability", TOPLAS 1990.                                         *)
(***************************************************************************)
EXTENDS Naturals, Sequences, FiniteSets, Bags, TLC

CONSTANTS
    Server,      \* the replicas "n1", "n2", ...
    RequestIds,  \* client request ids "<client>:<seq>" (never "none")
    K            \* how many peers a write is pushed to (the core's pushTo)

ASSUME /\ K \in Nat
       /\ K < Cardinality(Server)

-----------------------------------------------------------------------------
(* Durable state: every action persists what it changes before its sends.  *)
VARIABLE log        \* log[i]: a sequence of entries [id |-> r, origin |-> s]
(* Volatile state: lost on Restart.                                        *)
VARIABLES
    applied,        \* applied[i]: how many entries of log[i] were executed
    pending         \* pending[i]: the writes i must answer, a function
                    \* id |-> [peers |-> P, acks |-> A] (P the peers it
                    \* pushes to, A those that acknowledged)
(* The network: a bag (multiset) of messages in flight.                    *)
VARIABLE messages
(* Ghost variables: history, read only by invariants and by the           *)
(* spec-only Read, never by guards.                                        *)
VARIABLES
    sm,             \* sm[i]: the ids the state machine executed, in order,
                    \* each once (the KV state machine and its sessions)
    answered,       \* the ids whose client got an answer
    invoked,        \* the ids a client asked for
    reads           \* what each Read returned (only Read adds to it)

ghostVars == <<sm, answered, invoked, reads>>
vars == <<log, applied, pending, messages, ghostVars>>

-----------------------------------------------------------------------------
(* Helpers                                                                 *)

\* Sequence s holds x.
Contains(s, x) == \E k \in 1..Len(s) : s[k] = x

\* Some entry of log xlog has request id id.
InLog(xlog, id) == \E k \in 1..Len(xlog) : xlog[k].id = id

\* Replica i executed the write id: it is in the executed prefix of its log.
Executed(i, id) == \E k \in 1..applied[i] : log[i][k].id = id

\* The state machine's sequence sq after it is handed id: a client session
\* runs a request id once.
RunOnce(sq, id) == IF Contains(sq, id) THEN sq ELSE Append(sq, id)

\* The ids of a log, each once, in order: what a state machine that executed
\* the whole log holds (the entries whose id no earlier entry has; SelectSeq,
\* not recursion: TLC's evaluator overflowed its stack on 35-entry logs).
ExecutedIds(xlog) ==
    LET firsts == SelectSeq([k \in 1..Len(xlog) |-> k],
                            LAMBDA k : \A j \in 1..(k - 1) : xlog[j].id # xlog[k].id)
    IN [n \in 1..Len(firsts) |-> xlog[firsts[n]].id]

NoPending == [id \in {} |-> [peers |-> {}, acks |-> {}]]

\* Network: a send adds one copy; a receive consumes one.
Send(m) == messages' = messages (+) SetToBag({m})
Discard(m) == messages' = messages (-) SetToBag({m})
Reply(response, request) ==
    messages' = (messages (-) SetToBag({request})) (+) SetToBag({response})

\* Message m of this type, addressed to i, is in flight.
Receivable(i, m, type) == m.type = type /\ m.to = i /\ BagIn(m, messages)

-----------------------------------------------------------------------------
Init ==
    /\ log      = [i \in Server |-> <<>>]
    /\ applied  = [i \in Server |-> 0]
    /\ pending  = [i \in Server |-> NoPending]
    /\ messages = EmptyBag
    /\ sm       = [i \in Server |-> <<>>]
    /\ answered = {}
    /\ invoked  = {}
    /\ reads    = {}

\* A client write, or a retry of one, reaches i, which will push it to the
\* K peers P.  A retry is appended (and pushed) again even if i's log has
\* its id already (an earlier attempt, or a push), so that K peers hold it
\* before the answer; execution runs it once (client sessions).
ClientRequest(i, id, P) ==
    /\ id \notin DOMAIN pending[i]
    /\ P \subseteq Server \ {i}
    /\ Cardinality(P) = K
    /\ log' = [log EXCEPT ![i] = Append(@, [id |-> id, origin |-> i])]
    /\ pending' = [pending EXCEPT ![i] = (id :> [peers |-> P, acks |-> {}]) @@ @]
    /\ invoked' = invoked \cup {id}
    /\ UNCHANGED <<applied, messages, sm, answered, reads>>

\* i pushes a pending write to a peer that has not acknowledged it (at
\* once, and again every retransmitTicks in the core).
Push(i, j, id) ==
    /\ id \in DOMAIN pending[i]
    /\ j \in pending[i][id].peers \ pending[i][id].acks
    /\ Send([type |-> "Push", from |-> i, to |-> j, id |-> id])
    /\ UNCHANGED <<log, applied, pending, ghostVars>>

\* j logs a pushed entry, come from the pusher (again, for a repeated push:
\* execution runs it once), and acknowledges it once it is durable.
HandlePush(j, m) ==
    /\ Receivable(j, m, "Push")
    /\ log' = [log EXCEPT ![j] = Append(@, [id |-> m.id, origin |-> m.from])]
    /\ Reply([type |-> "PushAck", from |-> j, to |-> m.from, id |-> m.id], m)
    /\ UNCHANGED <<applied, pending, ghostVars>>

\* i counts an acknowledgement of a pending write.  (The core ignores one of
\* nothing pending, with no line: the copy stays in the bag.)
HandlePushAck(i, m) ==
    /\ Receivable(i, m, "PushAck")
    /\ m.id \in DOMAIN pending[i]
    /\ pending' = [pending EXCEPT ![i][m.id].acks = @ \cup {m.from}]
    /\ Discard(m)
    /\ UNCHANGED <<log, applied, ghostVars>>

\* Every peer acknowledged the write and i executed it: answer the client.
Answer(i, id) ==
    /\ id \in DOMAIN pending[i]
    /\ pending[i][id].peers \subseteq pending[i][id].acks
    /\ Executed(i, id)
    /\ answered' = answered \cup {id}
    /\ pending' = [pending EXCEPT ![i] =
                     [r \in DOMAIN pending[i] \ {id} |-> pending[i][r]]]
    /\ UNCHANGED <<log, applied, messages, sm, invoked, reads>>

\* Execute the next logged entry, in log order.
Execute(i) ==
    /\ applied[i] < Len(log[i])
    /\ sm' = [sm EXCEPT ![i] = RunOnce(@, log[i][applied[i] + 1].id)]
    /\ applied' = [applied EXCEPT ![i] = @ + 1]
    /\ UNCHANGED <<log, pending, messages, answered, invoked, reads>>

\* Crash and recovery: the log survives; pending writes are forgotten (their
\* clients retry); the state machine is rebuilt from the log.
Restart(i) ==
    /\ pending' = [pending EXCEPT ![i] = NoPending]
    /\ applied' = [applied EXCEPT ![i] = Len(log[i])]
    /\ sm' = [sm EXCEPT ![i] = ExecutedIds(log[i])]
    /\ UNCHANGED <<log, messages, answered, invoked, reads>>

DuplicateMessage(m) ==
    /\ BagIn(m, messages)
    /\ Send(m)
    /\ UNCHANGED <<log, applied, pending, ghostVars>>

DropMessage(m) ==
    /\ BagIn(m, messages)
    /\ Discard(m)
    /\ UNCHANGED <<log, applied, pending, ghostVars>>

\* Spec-only, outside Next (no trace line): a read at i returns the
\* register's value, the last write i executed ("none" before any), and is
\* recorded with the writes invoked and answered at that moment.
Read(i) ==
    /\ reads' = reads \cup
         {[at       |-> i,
           value    |-> IF sm[i] = <<>> THEN "none" ELSE sm[i][Len(sm[i])],
           invoked  |-> invoked,
           answered |-> answered]}
    /\ UNCHANGED <<log, applied, pending, messages, sm, answered, invoked>>

-----------------------------------------------------------------------------
(* The next-state relation, in groups.  Read is not in it.                 *)

ReceiveNext ==
    \E m \in DOMAIN messages : HandlePush(m.to, m) \/ HandlePushAck(m.to, m)

ClientRequestNext ==
    \E i \in Server, id \in RequestIds : \E P \in SUBSET (Server \ {i}) :
        ClientRequest(i, id, P)

ReplicaNext ==
    \E i \in Server :
        \/ \E j \in Server, id \in DOMAIN pending[i] : Push(i, j, id)
        \/ \E id \in DOMAIN pending[i] : Answer(i, id)
        \/ Execute(i)
        \/ Restart(i)

NetworkFaultNext ==
    \E m \in DOMAIN messages : DuplicateMessage(m) \/ DropMessage(m)

Next == ReceiveNext \/ ClientRequestNext \/ ReplicaNext \/ NetworkFaultNext

Spec == Init /\ [][Next]_vars

-----------------------------------------------------------------------------
(* Types                                                                   *)

Entry == [id: RequestIds, origin: Server]

Message ==
         [type: {"Push"}, from: Server, to: Server, id: RequestIds]
    \cup [type: {"PushAck"}, from: Server, to: Server, id: RequestIds]

TypeOK ==
    /\ log \in [Server -> Seq(Entry)]
    /\ \A i \in Server : applied[i] \in 0..Len(log[i])
    /\ DOMAIN pending = Server
    /\ \A i \in Server :
          /\ DOMAIN pending[i] \subseteq RequestIds
          /\ \A id \in DOMAIN pending[i] :
                pending[i][id] \in [peers: SUBSET Server, acks: SUBSET Server]
    /\ \A m \in DOMAIN messages : m \in Message /\ messages[m] \in Nat \ {0}
    /\ sm \in [Server -> Seq(RequestIds)]
    /\ answered \subseteq RequestIds
    /\ invoked \subseteq RequestIds
    /\ reads \subseteq [at: Server, value: RequestIds \cup {"none"},
                        invoked: SUBSET RequestIds, answered: SUBSET RequestIds]

-----------------------------------------------------------------------------
(* Safety invariants (simplepush-contract.md, "Invariants")                *)

\* The servers whose logs hold id.
Holders(id) == {i \in Server : InLog(log[i], id)}

\* The protocol's promise (PROTOCOLS.md, "SimplePush and RepNothing"): an
\* answered write is in the logs of at least K + 1 servers, so it survives
\* the loss of any K of them.
IsDurable(id) == Cardinality(Holders(id)) >= K + 1
AckedWritesDurable == \A id \in answered : IsDurable(id)

\* Client sessions ([Raft] 6.3): no request id is executed twice.  sm[i]
\* has as many distinct ids as entries.
ExecutedOnceAt(i) == Cardinality({sm[i][k] : k \in 1..Len(sm[i])}) = Len(sm[i])
ExecutedOnce == \A i \in Server : ExecutedOnceAt(i)

\* The state machine holds exactly the executed prefix of the log: its ids,
\* each once, in order.
ExecutedFromLogAt(i) ==
    /\ applied[i] <= Len(log[i])
    /\ sm[i] = ExecutedIds(SubSeq(log[i], 1, applied[i]))
ExecutedFromLog == \A i \in Server : ExecutedFromLogAt(i)

\* Expected to FAIL.  A read is quiescent when every write invoked so far was
\* answered.  Two quiescent reads with the same invoked writes have no write
\* invoked between them, so in a linearizable register ([HW]) both follow
\* every write and no write comes between them: they return the same value.
IsQuiescent(r) == r.invoked = r.answered
QuiescentReadsAgree ==
    \A r1, r2 \in reads :
        (IsQuiescent(r1) /\ IsQuiescent(r2) /\ r1.invoked = r2.invoked)
            => r1.value = r2.value

=============================================================================
