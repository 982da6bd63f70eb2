-------------------------- MODULE EPaxosProperties --------------------------
(***************************************************************************)
(* What EPaxos.tla must satisfy: the types of its variables and messages,  *)
(* and its safety invariants, with their sources.  MCEPaxos.tla and        *)
(* TraceEPaxos.tla extend this module; EPaxos.tla keeps the actions.       *)
(***************************************************************************)
EXTENDS EPaxos

(* Types                                                                   *)

Phases == {"none", "preaccepted", "accepted", "committed"}
Instance == [owner : Server, num : Nat \ {0}]
Deps == [Server -> Nat]
Cmd == Commands \cup {Nop}

\* f[p] is a function from instances to values of S, for every p.
PartialType(f, S) ==
    /\ DOMAIN f = Server
    /\ \A p \in Server : DOMAIN f[p] \subseteq Instance
                         /\ \A i \in DOMAIN f[p] : f[p][i] \in S
\* f[p][s] is a row of values of S or the default d, for every p and s.
RowType(f, S, d) ==
    /\ DOMAIN f = Server
    /\ \A p \in Server :
          /\ DOMAIN f[p] = Server
          /\ \A s \in Server :
                /\ DOMAIN f[p][s] = 1..Cardinality(DOMAIN f[p][s])
                /\ \A k \in DOMAIN f[p][s] : f[p][s][k] \in S \cup {d}

AnswerType ==
    [from : Server, abal : Nat, phase : Phases, cmd : Cmd \cup {NoCmd},
     deps : Deps, seq : Nat, initDeps : Deps, initSeq : Nat]
ConflictType == [inst : Instance, phase : Phases]

\* The messages of each type (MessageOfType(t) is cheaper for TLC to test
\* than their union).
MessageOfType(t) ==
    CASE t = "PreAccept" ->
            [type : {t}, from : Server, to : Server, inst : Instance,
             cmd : Commands, deps : Deps, seq : Nat]
      [] t = "PreAcceptReply" ->
            [type : {t}, from : Server, to : Server, inst : Instance,
             deps : Deps, seq : Nat]
      [] t \in {"Accept", "Commit", "Validate"} ->
            [type : {t}, from : Server, to : Server, inst : Instance,
             bal : Nat, cmd : Cmd, deps : Deps, seq : Nat]
      [] t \in {"AcceptReply", "Recover"} ->
            [type : {t}, from : Server, to : Server, inst : Instance, bal : Nat]
      [] t = "RecoverReply" ->
            [type : {t}, from : Server, to : Server, inst : Instance,
             bal : Nat, abal : Nat, phase : Phases, cmd : Cmd \cup {NoCmd},
             deps : Deps, seq : Nat, initDeps : Deps, initSeq : Nat]
      [] t = "ValidateReply" ->
            [type : {t}, from : Server, to : Server, inst : Instance,
             bal : Nat, conflicts : SUBSET ConflictType]
      [] t = "Waiting" ->
            [type : {t}, from : Server, to : Server, inst : Instance, k : Nat]
      [] t = "CommitRequest" ->
            [type : {t}, from : Server, to : Server, inst : Instance]
      [] OTHER -> {}

MessageTypes ==
    {"PreAccept", "PreAcceptReply", "Accept", "AcceptReply", "Commit",
     "Recover", "RecoverReply", "Validate", "ValidateReply", "Waiting",
     "CommitRequest"}

Message == UNION {MessageOfType(t) : t \in MessageTypes}

TypeOK ==
    /\ RowType(phase, Phases, "none")
    /\ RowType(bal, Nat, 0)
    /\ RowType(abal, Nat, 0)
    /\ RowType(cmd, Cmd, NoCmd)
    /\ RowType(deps, Deps, Zero)
    /\ RowType(seq, Nat, 0)
    /\ RowType(initCmd, Commands, NoCmd)
    /\ RowType(initDeps, Deps, Zero)
    /\ RowType(initSeq, Nat, 0)
    /\ next \in [Server -> Nat \ {0}]
    /\ PartialType(preAccepts, SUBSET [from : Server, deps : Deps, seq : Nat])
    /\ PartialType(accepts, SUBSET Server)
    /\ PartialType(recovery,
          [stage : {"recover", "validate", "waiting"},
           answers : SUBSET AnswerType, quorum : SUBSET Server,
           cand : [cmd : Cmd \cup {NoCmd}, deps : Deps, seq : Nat],
           rmax : Nat, validated : SUBSET [from : Server,
                                            conflicts : SUBSET ConflictType],
           conflicts : SUBSET ConflictType])
    /\ PartialType(waits, Nat)
    /\ known \in [Server -> SUBSET [inst : Instance, cmd : Cmd, seq : Nat]]
    /\ executed \in [Server -> Seq(Instance)]
    /\ \A m \in DOMAIN messages :
          /\ m.type \in MessageTypes
          /\ m \in MessageOfType(m.type)
          /\ messages[m] \in Nat \ {0}
    /\ committedOnce \subseteq [inst : Instance, cmd : Cmd, deps : Deps, seq : Nat]
    /\ answered \subseteq [inst : Instance, cmd : Commands]

-----------------------------------------------------------------------------
(* Safety invariants ([C] "Invariants")                                    *)

\* [EP] Theorem 1, [EP*] Agreement: one (cmd, deps, seq) committed per
\* instance, ever; every replica that holds i committed holds that one.
CommittedOnce ==
    /\ \A c1, c2 \in committedOnce : c1.inst = c2.inst => c1 = c2
    /\ \A p \in Server : \A i \in RowInsts(phase, p, "none") :
          Committed(p, i) =>
             [inst |-> i, cmd |-> CmdOf(p, i), deps |-> DepsOf(p, i),
              seq |-> SeqOf(p, i)] \in committedOnce

\* [EP] Theorem 2, [EP*] Visibility: of two conflicting commands committed
\* (neither Nop), one is among the other's deps.
Visibility ==
    \A c1, c2 \in committedOnce :
        /\ c1.inst # c2.inst
        /\ c1.cmd # Nop /\ c2.cmd # Nop
        /\ Conflict(c1.cmd, c2.cmd)
        => Covers(c2.deps, c1.inst) \/ Covers(c1.deps, c2.inst)

\* [EP] Theorem 3: two conflicting commands (neither Nop) executed at two
\* replicas are executed in the same order at both.
Position(p, i) == CHOOSE k \in 1..Len(executed[p]) : executed[p][k] = i

ExecutionConsistency ==
    \A p \in Server :
        \A a \in 1..Len(executed[p]) : \A b \in (a + 1)..Len(executed[p]) :
            LET i == executed[p][a]
                j == executed[p][b]
            IN /\ CmdOf(p, i) # Nop /\ CmdOf(p, j) # Nop
               /\ Conflict(CmdOf(p, i), CmdOf(p, j))
               => \A q \in Server \ {p} :
                     IsExecuted(q, i) /\ IsExecuted(q, j)
                        => Position(q, i) < Position(q, j)

\* No acknowledged write lost: an answered instance is committed with its
\* client's command, at every replica that committed it.
AnsweredNotLost ==
    \A a \in answered :
        /\ \E c \in committedOnce : c.inst = a.inst /\ c.cmd = a.cmd
        /\ \A p \in Server : Committed(p, a.inst) => CmdOf(p, a.inst) = a.cmd

=============================================================================
