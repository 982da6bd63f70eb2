----------------------------- MODULE RepNothing -----------------------------
(***************************************************************************)
(* RepNothing, Summerset's baseline without replication, as Lockstep       *)
(* implements it: one replica appends a client's write to its log in       *)
(* memory, makes the log durable (fsync), and only then executes the entry *)
(* and answers the client; a crash loses what was not yet durable.  Its    *)
(* promise is what one copy gives: every answered write is on the          *)
(* replica's disk.                                                         *)
(*                                                                         *)
(* Names of actions, parameters and variables are those of                 *)
(* docs/protocols/repnothing-contract.md: every action is one trace line   *)
(* of the Java core (dev.lockstep.repnothing), and every parameter is an   *)
(* explicit action argument so TraceRepNothing.tla can call it with values *)
(* read from the trace.  No action bounds the state space;                 *)
(* MCRepNothing.tla does that with state constraints.                      *)
(*                                                                         *)
(* References: Summerset (github.com/josehu07/summerset),                  *)
(* src/protocols/rep_nothing/ (durability.rs submits an instance to the    *)
(* state machine only once its WAL append is durable); PROTOCOLS.md,       *)
(* "SimplePush and RepNothing"; [Raft] Ongaro's thesis, section 6.3        *)
(* (client sessions: a retried request is executed once).                  *)
(***************************************************************************)
EXTENDS Naturals, Sequences, FiniteSets, TLC

CONSTANTS
    Server,      \* the replica "n1" (a set: several replicas, each alone)
    RequestIds   \* client request ids "<client>:<seq>"

-----------------------------------------------------------------------------
(* disk survives Restart; mem and applied are volatile.                    *)
VARIABLES
    mem,       \* mem[i]: the log in memory, a sequence of entries [id |-> r]
    disk,      \* disk[i]: the durable log, a prefix of mem[i]
    applied    \* applied[i]: how many entries of disk[i] were executed
(* Ghost variables: history, read only by invariants, never by guards.     *)
VARIABLES
    sm,        \* sm[i]: the request ids the state machine executed, in order,
               \* each once (the KV state machine and its client sessions)
    answered   \* the ids whose client got an answer

vars == <<mem, disk, applied, sm, answered>>

-----------------------------------------------------------------------------
(* Helpers                                                                 *)

\* Sequence s holds x.
Contains(s, x) == \E k \in 1..Len(s) : s[k] = x

\* Some entry of log xlog has request id id.
InLog(xlog, id) == \E k \in 1..Len(xlog) : xlog[k].id = id

\* The state machine's sequence sq after it is handed id: a client session
\* runs a request id once, so an id it already executed changes nothing.
RunOnce(sq, id) == IF Contains(sq, id) THEN sq ELSE Append(sq, id)

\* The ids of a log, each once, in order: what a state machine that executed
\* the whole log holds (the entries whose id no earlier entry has; SelectSeq,
\* not recursion: TLC's evaluator overflowed its stack on 35-entry logs).
ExecutedIds(xlog) ==
    LET firsts == SelectSeq([k \in 1..Len(xlog) |-> k],
                            LAMBDA k : \A j \in 1..(k - 1) : xlog[j].id # xlog[k].id)
    IN [n \in 1..Len(firsts) |-> xlog[firsts[n]].id]

-----------------------------------------------------------------------------
Init ==
    /\ mem      = [i \in Server |-> <<>>]
    /\ disk     = [i \in Server |-> <<>>]
    /\ applied  = [i \in Server |-> 0]
    /\ sm       = [i \in Server |-> <<>>]
    /\ answered = {}

\* A client write, or a retry of one, reaches i: append it in memory.  A
\* retry of an id already in the log is appended again; execution runs it
\* once.
ClientRequest(i, id) ==
    /\ mem' = [mem EXCEPT ![i] = Append(@, [id |-> id])]
    /\ UNCHANGED <<disk, applied, sm, answered>>

\* The fsync of everything written.
Sync(i) ==
    /\ Len(disk[i]) < Len(mem[i])
    /\ disk' = [disk EXCEPT ![i] = mem[i]]
    /\ UNCHANGED <<mem, applied, sm, answered>>

\* Execute the next durable entry and answer its client: only what is
\* durable is executed and answered (Summerset's durability.rs).
Execute(i) ==
    /\ applied[i] < Len(disk[i])
    /\ LET id == disk[i][applied[i] + 1].id
       IN /\ sm' = [sm EXCEPT ![i] = RunOnce(@, id)]
          /\ applied' = [applied EXCEPT ![i] = @ + 1]
          /\ answered' = answered \cup {id}
    /\ UNCHANGED <<mem, disk>>

\* Crash and recovery: memory is the durable log again; the state machine
\* is rebuilt from the snapshot and the durable log.
Restart(i) ==
    /\ mem' = [mem EXCEPT ![i] = disk[i]]
    /\ applied' = [applied EXCEPT ![i] = Len(disk[i])]
    /\ sm' = [sm EXCEPT ![i] = ExecutedIds(disk[i])]
    /\ UNCHANGED <<disk, answered>>

-----------------------------------------------------------------------------
(* The next-state relation.  Read-only commands are no action: the core    *)
(* answers them from the state machine after every earlier persist is      *)
(* durable, and logs no line.                                              *)

Next ==
    \/ \E i \in Server, id \in RequestIds : ClientRequest(i, id)
    \/ \E i \in Server : Sync(i) \/ Execute(i) \/ Restart(i)

Spec == Init /\ [][Next]_vars

-----------------------------------------------------------------------------
(* Types                                                                   *)

Entry == [id: RequestIds]

TypeOK ==
    /\ mem \in [Server -> Seq(Entry)]
    /\ disk \in [Server -> Seq(Entry)]
    /\ \A i \in Server : /\ Len(disk[i]) <= Len(mem[i])
                        /\ disk[i] = SubSeq(mem[i], 1, Len(disk[i]))
    /\ applied \in [Server -> Nat]
    /\ sm \in [Server -> Seq(RequestIds)]
    /\ answered \subseteq RequestIds

-----------------------------------------------------------------------------
(* Safety invariants (repnothing-contract.md, "Invariants")                *)

\* The protocol's promise (PROTOCOLS.md, "SimplePush and RepNothing"): every
\* answered write is in the durable log, so no crash can lose it.
IsDurable(id) == \E i \in Server : InLog(disk[i], id)

AckedWritesDurable == \A id \in answered : IsDurable(id)

\* Client sessions ([Raft] 6.3): no request id is executed twice.  sm[i]
\* has as many distinct ids as entries.
ExecutedOnceAt(i) == Cardinality({sm[i][k] : k \in 1..Len(sm[i])}) = Len(sm[i])
ExecutedOnce == \A i \in Server : ExecutedOnceAt(i)

\* The state machine holds exactly the executed prefix of the durable log:
\* its ids, each once, in order.
ExecutedFromDiskAt(i) ==
    /\ applied[i] <= Len(disk[i])
    /\ sm[i] = ExecutedIds(SubSeq(disk[i], 1, applied[i]))
ExecutedFromDisk == \A i \in Server : ExecutedFromDiskAt(i)

=============================================================================
