------------------------------- MODULE EPaxos -------------------------------
(***************************************************************************)
(* Egalitarian Paxos with the recovery of EPaxos*, as Lockstep implements  *)
(* it.  Every replica leads the instances of its own row; PreAccept        *)
(* gathers dependencies and a sequence number; identical answers of a fast *)
(* quorum commit at once, otherwise an Accept round with a slow quorum;    *)
(* recovery is EPaxos*'s Recover, then Validate and Waiting where the fast *)
(* path may have committed; execution by strongly connected components of  *)
(* the dependency graph.  Promised (bal) and accepted (abal) ballots are   *)
(* two variables per instance.  Beside the papers: a replica may ask the   *)
(* others for a commit it misses (RequestCommit), and attributes           *)
(* dependencies from a conflict memory that keeps every command and seq it *)
(* held (known), as Moraru's implementation does.  Crash and restart (the  *)
(* volatile state is lost, a prefix of the executions kept); a network     *)
(* that loses, duplicates and reorders messages (a bag).                   *)
(*                                                                         *)
(* Names of actions, parameters, variables and message fields are those of *)
(* docs/protocols/epaxos-contract.md: every action of Next is one trace    *)
(* line of the Java core (dev.lockstep.epaxos), and every parameter is an  *)
(* explicit action argument so TraceEPaxos.tla can call it with values     *)
(* read from the trace.  No action bounds the state space; MCEPaxos.tla    *)
(* does that with state constraints.  Types and invariants are in          *)
(* EPaxosProperties.tla.                                                   *)
(*                                                                         *)
(* References:                                                             *)
(*  [EP]  Moraru, Andersen, Kaminsky, "There is more consensus in          *)
(*        egalitarian parliaments", SOSP 2013, section 4 (4.3: commit      *)
(*        protocol; 4.4: recovery; 4.5: execution) and Theorems 1-3.       *)
(*  [EP*] Ryabinin, Gotsman, Sutra, "Making Democracy Work: Fixing and     *)
(*        Simplifying Egalitarian Paxos", OPODIS 2025 (extended version    *)
(*        arXiv 2511.02743): Figure 3 (commit, lines 1-42) and Figure 5    *)
(*        (recovery, lines 43-87).  "l. 12-17" below are its line numbers, *)
(*        as the EPaxos* authors' TLA+ spec (github.com/TerismanRashek/    *)
(*        Spec-EPaxos, CommitWithRecoverySpec) labels its handlers.        *)
(*  [S20] Sutra, "On the correctness of Egalitarian Paxos", IPL 2020: one  *)
(*        ballot variable per instance lets replicas diverge.              *)
(*  [C]   docs/protocols/epaxos-contract.md, the row of the action.        *)
(***************************************************************************)
EXTENDS Naturals, Sequences, FiniteSets, Bags, TLC

CONSTANTS
    Server,        \* the replicas
    Commands,      \* the client commands: each a non-empty set of conflict keys
    Nop,           \* a recovery's filler command (a model value; "nop" in traces)
    NoCmd,         \* no command known (a model value; "none" in traces)
    OwnerRank(_)   \* a server's number (n1 -> 1): ballots and the execution tie-break

ASSUME /\ \A s \in Server : OwnerRank(s) \in 1..255
       /\ \A s, t \in Server : OwnerRank(s) = OwnerRank(t) => s = t

-----------------------------------------------------------------------------
(* Quorums ([C] "Quorums"; [EP*] section 3: n >= max(2e + f - 1, 2f + 1)). *)

N == Cardinality(Server)
F == (N - 1) \div 2
E == CHOOSE e \in 0..F : /\ N >= 2 * e + F - 1
                         /\ \A e2 \in (e + 1)..F : N < 2 * e2 + F - 1
SlowQuorum == N - F
FastQuorum == N - E

-----------------------------------------------------------------------------
(* Durable state of replica p for each instance i it has heard of: rows    *)
(* f[p][owner][num], padded with each variable's default (see the          *)
(* accessors below: a row indexed by number makes a lookup one step for    *)
(* TLC, where a function of instance records is searched linearly).  Every *)
(* action persists what it changes before its sends.                       *)
VARIABLES
    phase,      \* "none", "preaccepted", "accepted", "committed"
    bal,        \* the highest ballot promised (0: the initial coordinator's)
    abal,       \* the ballot of the attributes last accepted
    cmd,        \* the command held: a set of conflict keys, or Nop
    deps,       \* the dependency vector: Server -> Nat
    seq,        \* the sequence number
    initCmd,    \* what the initial coordinator proposed (or a Validate carried)
    initDeps,
    initSeq,
    next        \* next[p]: the number of p's next own instance
(* Volatile state, lost on Restart (known rebuilt, a prefix of executed    *)
(* kept).                                                                  *)
VARIABLES
    preAccepts, \* preAccepts[p][i]: the PreAccept answers [from, deps, seq]
                \*   p collects for its own instance i at ballot 0
    accepts,    \* accepts[p][i]: the servers that accepted p's Accept at bal[p][i]
    recovery,   \* recovery[p][i]: p's recovery of i at ballot bal[p][i]
                \*   (a record, see NewRecovery)
    waits,      \* waits[p][j]: the highest k of a Waiting notice on j
    known,      \* known[p]: every [inst, cmd, seq] p has held since it
                \*   (re)started, its conflict memory ([C] "Instances and commands")
    executed    \* executed[p]: the instances p executed, in order
(* The network: a bag (multiset) of messages in flight.                    *)
VARIABLE messages
(* Ghost variables: history, read only by invariants, never by guards.     *)
VARIABLES
    committedOnce, \* every [inst, cmd, deps, seq] ever committed anywhere
    answered       \* every [inst, cmd] whose client got its answer

durableVars == <<phase, bal, abal, cmd, deps, seq, initCmd, initDeps, initSeq, next>>
coordVars == <<preAccepts, accepts, recovery, waits>>
ghostVars == <<committedOnce, answered>>
vars == <<durableVars, coordVars, known, executed, messages, ghostVars>>

-----------------------------------------------------------------------------
(* Helpers                                                                 *)

Max2(a, b) == IF a >= b THEN a ELSE b
Min2(a, b) == IF a <= b THEN a ELSE b
MaxOf(S) == IF S = {} THEN 0 ELSE CHOOSE x \in S : \A y \in S : x >= y

Inst(s, k) == [owner |-> s, num |-> k]

\* Dependency vectors ([C] "Instances and commands").  DepSetV(d) is the
\* set of instances a vector stands for; "union" is the pointwise max.
Zero == [s \in Server |-> 0]
DepSetV(d) == UNION {{Inst(s, k) : k \in 1..d[s]} : s \in Server}
Covers(d, i) == i.num <= d[i.owner]
Union(d1, d2) == [s \in Server |-> Max2(d1[s], d2[s])]

\* Commands conflict when their key sets meet; "*" (ExpireSessions) and
\* Nop conflict with everything ([C]; [EP*] section 2).  Evaluated left to
\* right: a Nop is never intersected.
Conflict(c1, c2) ==
    \/ c1 = Nop \/ c2 = Nop
    \/ "*" \in c1 \/ "*" \in c2
    \/ c1 \cap c2 # {}

\* The durable rows: the value at p for i, or the default d; Set writes v,
\* padding the row with d up to i's number.
Get(f, p, i, d) ==
    LET row == f[p][i.owner] IN IF i.num <= Len(row) THEN row[i.num] ELSE d
Set(f, d, p, i, v) ==
    LET row == f[p][i.owner] IN
    [f EXCEPT ![p][i.owner] =
        [k \in 1..Max2(Len(row), i.num) |->
            IF k = i.num THEN v ELSE IF k <= Len(row) THEN row[k] ELSE d]]
NoRows == [s \in Server |-> << >>]
\* The instances whose value in f at p is not the default d.
RowInsts(f, p, d) ==
    UNION {{Inst(s, k) : k \in {x \in 1..Len(f[p][s]) : f[p][s][x] # d}} : s \in Server}

\* Coordinator state (small: the rounds in progress) is kept as partial
\* functions p -> (instance -> value), absent meaning the default d.
At(f, p, i, d) == IF i \in DOMAIN f[p] THEN f[p][i] ELSE d
Put(f, p, i, v) == [f EXCEPT ![p] = (i :> v) @@ @]
Drop(f, p, i) == [f EXCEPT ![p] = [j \in DOMAIN f[p] \ {i} |-> f[p][j]]]
NoMap == [i \in {} |-> 0]

PhaseOf(p, i)    == Get(phase, p, i, "none")
BalOf(p, i)      == Get(bal, p, i, 0)
AbalOf(p, i)     == Get(abal, p, i, 0)
CmdOf(p, i)      == Get(cmd, p, i, NoCmd)
DepsOf(p, i)     == Get(deps, p, i, Zero)
SeqOf(p, i)      == Get(seq, p, i, 0)
InitCmdOf(p, i)  == Get(initCmd, p, i, NoCmd)
InitDepsOf(p, i) == Get(initDeps, p, i, Zero)
InitSeqOf(p, i)  == Get(initSeq, p, i, 0)

Committed(p, i) == PhaseOf(p, i) = "committed"

\* The instances i depends on at p ([C]: DepSet(i), i itself excluded).
DepSetOf(p, i) == DepSetV(DepsOf(p, i)) \ {i}

\* The instances p holds state for, and those it has heard of: held, or a
\* dependency of one held ([C] StartRecovery).
Holds(p) ==
    RowInsts(phase, p, "none") \cup RowInsts(bal, p, 0) \cup RowInsts(initCmd, p, NoCmd)
\* Every dependency vector p holds, and their pointwise max (the instances
\* they stand for are those it stands for).
HeldDeps(p) == UNION {{deps[p][s][k] : k \in 1..Len(deps[p][s])} : s \in Server}
JoinVectors(V) == [s \in Server |-> MaxOf({d[s] : d \in V})]
HeardOf(p) == Holds(p) \cup DepSetV(JoinVectors(HeldDeps(p)))
\* i \in HeardOf(p), without building the set (action guards use this).
IsHeardOf(p, i) ==
    \/ PhaseOf(p, i) # "none" \/ BalOf(p, i) # 0 \/ InitCmdOf(p, i) # NoCmd
    \/ \E s \in Server : \E k \in 1..Len(deps[p][s]) : Covers(deps[p][s][k], i)

\* Attributes ([EP] 4.3 Phase 1; [EP*] l. 8-10, 12-17; [C] "Instances and
\* commands"): the conflicts at p of command c of instance i are the
\* entries of p's conflict memory known[p] of other instances whose command
\* conflicts with c; their vector has per owner the highest number among
\* them, and a command arriving with (d, s) gets deps d \/ that vector, seq
\* max(s, 1 + their highest seq).
ConflictsAt(p, i, c) == {h \in known[p] : h.inst # i /\ Conflict(h.cmd, c)}
ConfVector(p, i, c) ==
    LET cf == ConflictsAt(p, i, c)
    IN [s \in Server |-> MaxOf({h.inst.num : h \in {x \in cf : x.inst.owner = s}})]
ConfSeq(p, i, c) == 1 + MaxOf({h.seq : h \in ConflictsAt(p, i, c)})
AttrDeps(p, i, c, d) == Union(d, ConfVector(p, i, c))
AttrSeq(p, i, c, s) == Max2(s, ConfSeq(p, i, c))

\* p now holds command c with seq s for i: its conflict memory keeps it.
Remember(p, i, c, s) ==
    known' = [known EXCEPT ![p] = @ \cup {[inst |-> i, cmd |-> c, seq |-> s]}]

\* Ballots ([C]): 0 is the initial coordinator's; p's recovery takes
\* round * 256 + OwnerRank(p) with the round one above that of b, the
\* highest ballot p has seen for the instance (so always above b).
Ballot(r, p) == r * 256 + OwnerRank(p)
NextBallot(p, b) == Ballot(b \div 256 + 1, p)

\* Network: a send adds one copy of each message; a receive consumes one.
Send(ms) == messages' = messages (+) SetToBag(ms)
Deliver(m, ms) == messages' = (messages (-) SetToBag({m})) (+) SetToBag(ms)
Receivable(q, m, type) == m.type = type /\ m.to = q /\ BagIn(m, messages)
Others(p) == Server \ {p}

-----------------------------------------------------------------------------
(* Messages ([C] "Messages").  Every one has type, from, to, inst.         *)

PreAcceptMsg(p, q, i, c, d, s) ==
    [type |-> "PreAccept", from |-> p, to |-> q, inst |-> i,
     cmd |-> c, deps |-> d, seq |-> s]
PreAcceptReplyMsg(p, q, i, d, s) ==
    [type |-> "PreAcceptReply", from |-> p, to |-> q, inst |-> i,
     deps |-> d, seq |-> s]
AcceptMsg(p, q, i, b, c, d, s) ==
    [type |-> "Accept", from |-> p, to |-> q, inst |-> i, bal |-> b,
     cmd |-> c, deps |-> d, seq |-> s]
AcceptReplyMsg(p, q, i, b) ==
    [type |-> "AcceptReply", from |-> p, to |-> q, inst |-> i, bal |-> b]
CommitMsg(p, q, i, b, c, d, s) ==
    [type |-> "Commit", from |-> p, to |-> q, inst |-> i, bal |-> b,
     cmd |-> c, deps |-> d, seq |-> s]
RecoverMsg(p, q, i, b) ==
    [type |-> "Recover", from |-> p, to |-> q, inst |-> i, bal |-> b]
\* What p holds for i, as a RecoverReply at ballot b carries it.
RecoverReplyMsg(p, q, i, b) ==
    [type |-> "RecoverReply", from |-> p, to |-> q, inst |-> i, bal |-> b,
     abal |-> AbalOf(p, i), phase |-> PhaseOf(p, i), cmd |-> CmdOf(p, i),
     deps |-> DepsOf(p, i), seq |-> SeqOf(p, i),
     initDeps |-> InitDepsOf(p, i), initSeq |-> InitSeqOf(p, i)]
ValidateMsg(p, q, i, b, c, d, s) ==
    [type |-> "Validate", from |-> p, to |-> q, inst |-> i, bal |-> b,
     cmd |-> c, deps |-> d, seq |-> s]
ValidateReplyMsg(p, q, i, b, cf) ==
    [type |-> "ValidateReply", from |-> p, to |-> q, inst |-> i, bal |-> b,
     conflicts |-> cf]
WaitingMsg(p, q, i, k) ==
    [type |-> "Waiting", from |-> p, to |-> q, inst |-> i, k |-> k]
CommitRequestMsg(p, q, i) ==
    [type |-> "CommitRequest", from |-> p, to |-> q, inst |-> i]

-----------------------------------------------------------------------------
(* Recovery state ([EP*] Fig. 5: Q, (c, D), |Rmax|, I of the RecoverOK     *)
(* handler, kept across its three stages).  stage: "recover" (collecting   *)
(* RecoverReply answers), "validate" (collecting ValidateReply answers     *)
(* from Q), "waiting" (waiting for the conflicts I to commit).  answers:   *)
(* the RecoverReply answers [from, abal, phase, cmd, deps, seq, initDeps,  *)
(* initSeq] (kept in every stage: WaitingLateReply reads them).            *)

NoCand == [cmd |-> NoCmd, deps |-> Zero, seq |-> 0]

NewRecovery(a) ==
    [stage |-> "recover", answers |-> {a}, quorum |-> {}, cand |-> NoCand,
     rmax |-> 0, validated |-> {}, conflicts |-> {}]

\* A RecoverReply as the recovering coordinator records it.
Answer(m) ==
    [from |-> m.from, abal |-> m.abal, phase |-> m.phase, cmd |-> m.cmd,
     deps |-> m.deps, seq |-> m.seq, initDeps |-> m.initDeps,
     initSeq |-> m.initSeq]

Recovering(p, i, stage) ==
    i \in DOMAIN recovery[p] /\ recovery[p][i].stage = stage

\* The recovery's decision ([EP*] l. 50-60): Q the answering servers, Top
\* the answers at the highest abal, Rmax those pre-accepted with their
\* initial attributes.
RQ(p, i)    == {a.from : a \in recovery[p][i].answers}
RTop(p, i)  == LET A == recovery[p][i].answers
               IN {a \in A : a.abal = MaxOf({x.abal : x \in A})}
RMax(p, i)  == {a \in recovery[p][i].answers :
                   /\ a.phase = "preaccepted"
                   /\ a.deps = a.initDeps
                   /\ a.seq = a.initSeq}
RecoverQuorum(p, i) ==
    Recovering(p, i, "recover") /\ Cardinality(RQ(p, i)) >= SlowQuorum

\* The conflicts I that replica q reports when validating candidate
\* (c, d) of instance i ([EP*] l. 81-87; [C] HandleValidate): the other
\* instances j it holds, not among d, whose command conflicts with c and
\* that do not know i: committed at q, not Nop and i not among its deps;
\* otherwise i not among its initial deps.  With j's phase at q.  Of the
\* committed ones only the highest of each owner is reported: one committed
\* conflict already decides the validation (Nop, l. 64), so the others
\* tell nothing, and a replica that forgot old instances answers from a
\* per-owner summary ([C] "Forgetting instances").
Unaware(q, i, j, c) ==
    IF Committed(q, j)
    THEN /\ CmdOf(q, j) # Nop
         /\ ~Covers(DepsOf(q, j), i)
         /\ Conflict(c, CmdOf(q, j))
    ELSE /\ InitCmdOf(q, j) # NoCmd
         /\ ~Covers(InitDepsOf(q, j), i)
         /\ Conflict(c, InitCmdOf(q, j))
ValidationConflicts(q, i, c, d) ==
    LET U    == {x \in Holds(q) \ {i} : ~Covers(d, x) /\ Unaware(q, i, x, c)}
        Done == {x \in U : Committed(q, x)}
        Top  == {x \in Done : \A y \in Done : y.owner = x.owner => y.num <= x.num}
    IN {[inst |-> j, phase |-> PhaseOf(q, j)] : j \in (U \ Done) \cup Top}

\* The candidate's command is written only where no command is held: an
\* accepted or committed command is never overwritten ([C] HandleValidate;
\* [EP*] l. 83 writes it unconditionally, unsafe with duplicated messages).
TakeCandidate(q, i, c, d, s) ==
    /\ IF PhaseOf(q, i) = "none"
       THEN cmd' = Set(cmd, NoCmd, q, i, c) /\ Remember(q, i, c, SeqOf(q, i))
       ELSE UNCHANGED <<cmd, known>>
    /\ initCmd' = Set(initCmd, NoCmd, q, i, c)
    /\ initDeps' = Set(initDeps, Zero, q, i, d)
    /\ initSeq' = Set(initSeq, 0, q, i, s)

-----------------------------------------------------------------------------
(* Local state changes shared by several actions.                          *)

\* p forgets its coordinator state for i (its ballot changed or i is
\* committed at p).
ForgetCoord(p, i) ==
    /\ preAccepts' = Drop(preAccepts, p, i)
    /\ accepts' = Drop(accepts, p, i)
    /\ recovery' = Drop(recovery, p, i)

\* p commits (c, d, s) for i at ballot b.
CommitAt(p, i, b, c, d, s) ==
    /\ phase' = Set(phase, "none", p, i, "committed")
    /\ bal' = IF b > BalOf(p, i) THEN Set(bal, 0, p, i, b) ELSE bal
    /\ abal' = Set(abal, 0, p, i, b)
    /\ cmd' = Set(cmd, NoCmd, p, i, c)
    /\ deps' = Set(deps, Zero, p, i, d)
    /\ seq' = Set(seq, 0, p, i, s)
    /\ committedOnce' =
          committedOnce \cup {[inst |-> i, cmd |-> c, deps |-> d, seq |-> s]}
    /\ Remember(p, i, c, s)
    /\ ForgetCoord(p, i)

\* p commits (c, d, s) at its ballot and tells every other replica
\* ([EP*] l. 22-23, 35-36, 54; [C] FastCommit, CommitAccepted,
\* RecoverCommitted, WaitingLateReply).
CommitAndSend(p, i, c, d, s) ==
    /\ CommitAt(p, i, BalOf(p, i), c, d, s)
    /\ Send({CommitMsg(p, q, i, BalOf(p, i), c, d, s) : q \in Others(p)})
    /\ UNCHANGED <<initCmd, initDeps, initSeq, next, waits, executed, answered>>

\* p, the coordinator of ballot bal[p][i], accepts (c, d, s) itself and
\* sends Accept to every other replica, counting its own answer ([EP*]
\* l. 24-25 and every "send Accept" of Fig. 5; [C] SlowAccept, Recover*,
\* Validate*, Waiting*).
LeadAccept(p, i, c, d, s) ==
    LET b == BalOf(p, i) IN
    /\ phase' = Set(phase, "none", p, i, "accepted")
    /\ abal' = Set(abal, 0, p, i, b)
    /\ cmd' = Set(cmd, NoCmd, p, i, c)
    /\ deps' = Set(deps, Zero, p, i, d)
    /\ seq' = Set(seq, 0, p, i, s)
    /\ Remember(p, i, c, s)
    /\ preAccepts' = Drop(preAccepts, p, i)
    /\ accepts' = Put(accepts, p, i, {p})
    /\ recovery' = Drop(recovery, p, i)
    /\ Send({AcceptMsg(p, q, i, b, c, d, s) : q \in Others(p)})
    /\ UNCHANGED <<bal, initCmd, initDeps, initSeq, next, waits, executed,
                   ghostVars>>

LeadAcceptNop(p, i) == LeadAccept(p, i, Nop, Zero, 0)

\* The recovery of i at p moves to another stage, keeping its answers.
SetRecovery(p, i, r) == recovery' = Put(recovery, p, i, r)

-----------------------------------------------------------------------------
(* Commit protocol ([EP] 4.3; [EP*] Fig. 3)                                *)

Init ==
    /\ phase = [p \in Server |-> NoRows]
    /\ bal = [p \in Server |-> NoRows]
    /\ abal = [p \in Server |-> NoRows]
    /\ cmd = [p \in Server |-> NoRows]
    /\ deps = [p \in Server |-> NoRows]
    /\ seq = [p \in Server |-> NoRows]
    /\ initCmd = [p \in Server |-> NoRows]
    /\ initDeps = [p \in Server |-> NoRows]
    /\ initSeq = [p \in Server |-> NoRows]
    /\ next = [p \in Server |-> 1]
    /\ preAccepts = [p \in Server |-> NoMap]
    /\ accepts = [p \in Server |-> NoMap]
    /\ recovery = [p \in Server |-> NoMap]
    /\ waits = [p \in Server |-> NoMap]
    /\ known = [p \in Server |-> {}]
    /\ executed = [p \in Server |-> << >>]
    /\ messages = EmptyBag
    /\ committedOnce = {}
    /\ answered = {}

\* A client command c at p starts p's next instance i: p pre-accepts it
\* with its conflicts (also as the initial attributes), sends PreAccept to
\* every other replica and counts its own answer ([EP] 4.3 Phase 1 steps
\* 1-4; [EP*] l. 8-10; [C] Propose).
Propose(p, i, c) ==
    LET d == ConfVector(p, i, c)
        s == ConfSeq(p, i, c)
    IN
    /\ i = Inst(p, next[p])
    /\ next' = [next EXCEPT ![p] = @ + 1]
    /\ phase' = Set(phase, "none", p, i, "preaccepted")
    /\ cmd' = Set(cmd, NoCmd, p, i, c)
    /\ deps' = Set(deps, Zero, p, i, d)
    /\ seq' = Set(seq, 0, p, i, s)
    /\ initCmd' = Set(initCmd, NoCmd, p, i, c)
    /\ initDeps' = Set(initDeps, Zero, p, i, d)
    /\ initSeq' = Set(initSeq, 0, p, i, s)
    /\ Remember(p, i, c, s)
    /\ preAccepts' = Put(preAccepts, p, i, {[from |-> p, deps |-> d, seq |-> s]})
    /\ Send({PreAcceptMsg(p, q, i, c, d, s) : q \in Others(p)})
    /\ UNCHANGED <<bal, abal, accepts, recovery, waits, executed, ghostVars>>

\* q pre-accepts an instance it has never seen at ballot 0 with the
\* PreAccept's attributes united with its own conflicts, and answers with
\* them ([EP] 4.3 Phase 1 steps 6-8; [EP*] l. 11-18; [C] HandlePreAccept).
HandlePreAccept(q, m) ==
    LET i == m.inst
        d == AttrDeps(q, i, m.cmd, m.deps)
        s == AttrSeq(q, i, m.cmd, m.seq)
    IN
    /\ Receivable(q, m, "PreAccept")
    /\ PhaseOf(q, i) = "none"
    /\ BalOf(q, i) = 0
    /\ phase' = Set(phase, "none", q, i, "preaccepted")
    /\ cmd' = Set(cmd, NoCmd, q, i, m.cmd)
    /\ deps' = Set(deps, Zero, q, i, d)
    /\ seq' = Set(seq, 0, q, i, s)
    /\ initCmd' = Set(initCmd, NoCmd, q, i, m.cmd)
    /\ initDeps' = Set(initDeps, Zero, q, i, m.deps)
    /\ initSeq' = Set(initSeq, 0, q, i, m.seq)
    /\ Remember(q, i, m.cmd, s)
    /\ Deliver(m, {PreAcceptReplyMsg(q, m.from, i, d, s)})
    /\ UNCHANGED <<bal, abal, next, coordVars, executed, ghostVars>>

\* The initial coordinator, still at ballot 0 and collecting, records an
\* answer ([EP*] l. 19; [C] HandlePreAcceptReply).
Collecting(p, i) ==
    /\ i \in DOMAIN preAccepts[p]
    /\ i.owner = p
    /\ BalOf(p, i) = 0
    /\ PhaseOf(p, i) = "preaccepted"

HandlePreAcceptReply(p, m) ==
    LET i == m.inst IN
    /\ Receivable(p, m, "PreAcceptReply")
    /\ Collecting(p, i)
    /\ preAccepts' = [preAccepts EXCEPT ![p][i] =
                        @ \cup {[from |-> m.from, deps |-> m.deps, seq |-> m.seq]}]
    /\ Deliver(m, {})
    /\ UNCHANGED <<durableVars, accepts, recovery, waits, known, executed, ghostVars>>

\* A slow quorum answered; the fast path needs a fast quorum of answers
\* identical to the initial attributes ([EP] 4.3 Phase 1 step 11, with
\* seq beside deps as [C] says; [EP*] l. 20-21).
PreAcceptQuorum(p, i) ==
    /\ Collecting(p, i)
    /\ Cardinality({a.from : a \in preAccepts[p][i]}) >= SlowQuorum
IsFast(p, i) ==
    LET same == {a \in preAccepts[p][i] :
                    a.deps = InitDepsOf(p, i) /\ a.seq = InitSeqOf(p, i)}
    IN Cardinality({a.from : a \in same}) >= FastQuorum
FastCommitReady(p, i) == PreAcceptQuorum(p, i) /\ IsFast(p, i)
SlowAcceptReady(p, i) == PreAcceptQuorum(p, i) /\ ~IsFast(p, i)

\* Fast path: commit the initial attributes at ballot 0 ([EP] 4.3 Phase 1
\* step 12, Commit phase; [EP*] l. 20-23; [C] FastCommit).
FastCommit(p, i) ==
    /\ FastCommitReady(p, i)
    /\ CommitAndSend(p, i, CmdOf(p, i), InitDepsOf(p, i), InitSeqOf(p, i))

\* Slow path: accept the union of the answers' deps and their highest seq
\* at ballot 0 ([EP] 4.3 Phase 1 step 14, Phase 2; [EP*] l. 24-25;
\* [C] SlowAccept).
SlowAccept(p, i) ==
    LET A == preAccepts[p][i] IN
    /\ SlowAcceptReady(p, i)
    /\ LeadAccept(p, i, CmdOf(p, i),
                  [s \in Server |-> MaxOf({a.deps[s] : a \in A})],
                  MaxOf({a.seq : a \in A}))

\* q accepts at a ballot it has not promised to refuse.  A committed
\* instance only answers: its command is final ([EP*] l. 26-33; [C]
\* HandleAccept).
HandleAccept(q, m) ==
    LET i == m.inst IN
    /\ Receivable(q, m, "Accept")
    /\ BalOf(q, i) <= m.bal
    /\ IF Committed(q, i)
       THEN UNCHANGED <<durableVars, coordVars, known>>
       ELSE /\ phase' = Set(phase, "none", q, i, "accepted")
            /\ bal' = Set(bal, 0, q, i, m.bal)
            /\ abal' = Set(abal, 0, q, i, m.bal)
            /\ cmd' = Set(cmd, NoCmd, q, i, m.cmd)
            /\ deps' = Set(deps, Zero, q, i, m.deps)
            /\ seq' = Set(seq, 0, q, i, m.seq)
            /\ Remember(q, i, m.cmd, m.seq)
            /\ ForgetCoord(q, i)
            /\ UNCHANGED <<initCmd, initDeps, initSeq, next, waits>>
    /\ Deliver(m, {AcceptReplyMsg(q, m.from, i, m.bal)})
    /\ UNCHANGED <<executed, ghostVars>>

\* The coordinator of ballot bal[p][i] counts an Accept answer ([EP*]
\* l. 34; [C] HandleAcceptReply).
AcceptCollecting(p, i, b) == i \in DOMAIN accepts[p] /\ BalOf(p, i) = b

HandleAcceptReply(p, m) ==
    LET i == m.inst IN
    /\ Receivable(p, m, "AcceptReply")
    /\ AcceptCollecting(p, i, m.bal)
    /\ accepts' = [accepts EXCEPT ![p][i] = @ \cup {m.from}]
    /\ Deliver(m, {})
    /\ UNCHANGED <<durableVars, preAccepts, recovery, waits, known, executed,
                   ghostVars>>

\* A slow quorum accepted: commit ([EP] 4.3 Phase 2 steps 18-19; [EP*]
\* l. 35-36; [C] CommitAccepted).
CommitAcceptedReady(p, i) ==
    /\ AcceptCollecting(p, i, BalOf(p, i))
    /\ Cardinality(accepts[p][i]) >= SlowQuorum

CommitAccepted(p, i) ==
    /\ CommitAcceptedReady(p, i)
    /\ CommitAndSend(p, i, CmdOf(p, i), DepsOf(p, i), SeqOf(p, i))

\* q learns a commit ([EP] 4.3 Commit; [EP*] l. 37-42; [C] HandleCommit).
\* Unlike [EP*] l. 38 it does not require bal = m.bal: a committed value
\* is final (Agreement), so a commit of any ballot is taken; bal rises to
\* m.bal if lower, keeping abal <= bal.
HandleCommit(q, m) ==
    LET i == m.inst IN
    /\ Receivable(q, m, "Commit")
    /\ ~Committed(q, i)
    /\ CommitAt(q, i, m.bal, m.cmd, m.deps, m.seq)
    /\ Deliver(m, {})
    /\ UNCHANGED <<initCmd, initDeps, initSeq, next, waits, executed, answered>>

\* p asks every other replica for a commit of i, an instance it has heard
\* of, or one another replica committed, and p has not; nothing else
\* changes ([C] RequestCommit: not in the papers; the core asks at once
\* for an instance its execution waits for, half-way to a recovery, and
\* for what another replica reports it executed, "Forgetting instances").
ReportedTo(p) ==
    {i \in UNION {Holds(q) : q \in Others(p)} : \E q \in Others(p) : Committed(q, i)}
RequestCommit(p, i) ==
    /\ IsHeardOf(p, i) \/ \E q \in Others(p) : Committed(q, i)
    /\ ~Committed(p, i)
    /\ Send({CommitRequestMsg(p, q, i) : q \in Others(p)})
    /\ UNCHANGED <<durableVars, coordVars, known, executed, ghostVars>>

\* q, which committed i, sends its commit (at abal) again to the asker;
\* one that did not answers nothing ([C] HandleCommitRequest).
HandleCommitRequest(q, m) ==
    LET i == m.inst IN
    /\ Receivable(q, m, "CommitRequest")
    /\ Deliver(m, IF Committed(q, i)
                  THEN {CommitMsg(q, m.from, i, AbalOf(q, i), CmdOf(q, i),
                                  DepsOf(q, i), SeqOf(q, i))}
                  ELSE {})
    /\ UNCHANGED <<durableVars, coordVars, known, executed, ghostVars>>

-----------------------------------------------------------------------------
(* Recovery ([EP] 4.4 in spirit; the rules are [EP*] Fig. 5)               *)

\* p has heard of i, not committed at p: it recovers i at its next ballot,
\* sends Recover to every other replica and counts its own answer ([EP*]
\* l. 43-45; [C] StartRecovery).  The core waits recoveryTicks first.
StartRecovery(p, i) ==
    LET b == NextBallot(p, BalOf(p, i)) IN
    /\ IsHeardOf(p, i)
    /\ ~Committed(p, i)
    /\ bal' = Set(bal, 0, p, i, b)
    /\ preAccepts' = Drop(preAccepts, p, i)
    /\ accepts' = Drop(accepts, p, i)
    /\ recovery' = Put(recovery, p, i,
                       NewRecovery(Answer(RecoverReplyMsg(p, p, i, b))))
    /\ Send({RecoverMsg(p, q, i, b) : q \in Others(p)})
    /\ UNCHANGED <<phase, abal, cmd, deps, seq, initCmd, initDeps, initSeq,
                   next, waits, known, executed, ghostVars>>

\* q promises a higher ballot and answers with what it holds for i
\* ([EP*] l. 46-49; [C] HandleRecover).
HandleRecover(q, m) ==
    LET i == m.inst IN
    /\ Receivable(q, m, "Recover")
    /\ BalOf(q, i) < m.bal
    /\ bal' = Set(bal, 0, q, i, m.bal)
    /\ ForgetCoord(q, i)
    /\ Deliver(m, {RecoverReplyMsg(q, m.from, i, m.bal)})
    /\ UNCHANGED <<phase, abal, cmd, deps, seq, initCmd, initDeps, initSeq,
                   next, waits, known, executed, ghostVars>>

\* The recovering coordinator records an answer of its ballot, in every
\* stage (WaitingLateReply reads late ones) ([EP*] l. 50; [C]
\* HandleRecoverReply).
RecoveryAt(p, i, b) == i \in DOMAIN recovery[p] /\ BalOf(p, i) = b

HandleRecoverReply(p, m) ==
    LET i == m.inst IN
    /\ Receivable(p, m, "RecoverReply")
    /\ RecoveryAt(p, i, m.bal)
    /\ recovery' = [recovery EXCEPT ![p][i].answers = @ \cup {Answer(m)}]
    /\ Deliver(m, {})
    /\ UNCHANGED <<durableVars, preAccepts, accepts, waits, known, executed,
                   ghostVars>>

\* The decision on n - f answers ([EP*] l. 51-60), in the contract's four
\* actions.  Among the answers at the highest abal: one committed ...
RecoverCommittedReady(p, i) ==
    /\ RecoverQuorum(p, i)
    /\ \E a \in RTop(p, i) : a.phase = "committed"

RecoverCommitted(p, i) ==
    /\ RecoverCommittedReady(p, i)
    /\ \E a \in RTop(p, i) :
          /\ a.phase = "committed"
          /\ CommitAndSend(p, i, a.cmd, a.deps, a.seq)

\* ... else one accepted: accept its attributes at p's ballot (l. 55-56).
RecoverAcceptedReady(p, i) ==
    /\ RecoverQuorum(p, i)
    /\ \A a \in RTop(p, i) : a.phase # "committed"
    /\ \E a \in RTop(p, i) : a.phase = "accepted"

RecoverAccepted(p, i) ==
    /\ RecoverAcceptedReady(p, i)
    /\ \E a \in RTop(p, i) :
          /\ a.phase = "accepted"
          /\ LeadAccept(p, i, a.cmd, a.deps, a.seq)

\* ... else nothing can have committed on the fast path when the initial
\* coordinator answered (it can no longer commit at ballot 0) or when
\* fewer than |Q| - e answers are pre-accepted with their initial
\* attributes: accept Nop (l. 57, 60).
NoneDecided(p, i) ==
    /\ RecoverQuorum(p, i)
    /\ \A a \in RTop(p, i) : a.phase \notin {"committed", "accepted"}
RecoverNopReady(p, i) ==
    /\ NoneDecided(p, i)
    /\ \/ i.owner \in RQ(p, i)
       \/ Cardinality(RMax(p, i)) < Cardinality(RQ(p, i)) - E

RecoverNop(p, i) == RecoverNopReady(p, i) /\ LeadAcceptNop(p, i)

\* ... else the fast path may have committed the initial attributes of
\* Rmax: validate them with Q (l. 58-59).  p validates too: it takes the
\* candidate as a Validate would and counts its own answer.
StartValidateReady(p, i) ==
    /\ NoneDecided(p, i)
    /\ i.owner \notin RQ(p, i)
    /\ Cardinality(RMax(p, i)) >= Cardinality(RQ(p, i)) - E

StartValidate(p, i) ==
    LET b == BalOf(p, i)
        Q == RQ(p, i)
    IN
    /\ StartValidateReady(p, i)
    /\ \E a \in RMax(p, i) :
          /\ SetRecovery(p, i,
                [recovery[p][i] EXCEPT
                   !.stage = "validate", !.quorum = Q,
                   !.cand = [cmd |-> a.cmd, deps |-> a.deps, seq |-> a.seq],
                   !.rmax = Cardinality(RMax(p, i)),
                   !.validated = {[from |-> p, conflicts |->
                                     ValidationConflicts(p, i, a.cmd, a.deps)]}])
          /\ TakeCandidate(p, i, a.cmd, a.deps, a.seq)
          /\ Send({ValidateMsg(p, q, i, b, a.cmd, a.deps, a.seq) : q \in Q \ {p}})
    /\ UNCHANGED <<phase, bal, abal, deps, seq, next, preAccepts, accepts,
                   waits, executed, ghostVars>>

\* q, which promised exactly this ballot, takes the candidate as i's
\* initial attributes and answers with its conflicts that do not know i
\* ([EP*] l. 81-87; [C] HandleValidate).
HandleValidate(q, m) ==
    LET i == m.inst IN
    /\ Receivable(q, m, "Validate")
    /\ BalOf(q, i) = m.bal
    /\ TakeCandidate(q, i, m.cmd, m.deps, m.seq)
    /\ Deliver(m, {ValidateReplyMsg(q, m.from, i, m.bal,
                                    ValidationConflicts(q, i, m.cmd, m.deps))})
    /\ UNCHANGED <<phase, bal, abal, deps, seq, next, coordVars, executed,
                   ghostVars>>

\* [EP*] l. 61; [C] HandleValidateReply.
HandleValidateReply(p, m) ==
    LET i == m.inst IN
    /\ Receivable(p, m, "ValidateReply")
    /\ Recovering(p, i, "validate")
    /\ BalOf(p, i) = m.bal
    /\ recovery' = [recovery EXCEPT ![p][i].validated =
                      @ \cup {[from |-> m.from, conflicts |-> m.conflicts]}]
    /\ Deliver(m, {})
    /\ UNCHANGED <<durableVars, preAccepts, accepts, waits, known, executed,
                   ghostVars>>

\* All of Q validated; I is the union of their conflicts ([EP*] l. 62-68).
Validated(p, i) ==
    /\ Recovering(p, i, "validate")
    /\ {v.from : v \in recovery[p][i].validated} = recovery[p][i].quorum
ValI(p, i) == UNION {v.conflicts : v \in recovery[p][i].validated}

\* I empty: no conflict can have missed i, accept the candidate (l. 63).
ValidateAcceptReady(p, i) == Validated(p, i) /\ ValI(p, i) = {}

ValidateAccept(p, i) ==
    LET r == recovery[p][i] IN
    /\ ValidateAcceptReady(p, i)
    /\ LeadAccept(p, i, r.cand.cmd, r.cand.deps, r.cand.seq)

\* A conflict committed without i, or (|Rmax| = |Q| - e) one whose owner
\* is outside Q: the fast path cannot have committed, accept Nop
\* (l. 64-65).
ValidateNopReady(p, i) ==
    LET I == ValI(p, i)
        r == recovery[p][i]
    IN
    /\ Validated(p, i)
    /\ I # {}
    /\ \/ \E x \in I : x.phase = "committed"
       \/ /\ r.rmax = Cardinality(r.quorum) - E
          /\ \E x \in I : x.inst.owner \notin r.quorum

ValidateNop(p, i) == ValidateNopReady(p, i) /\ LeadAcceptNop(p, i)

\* Otherwise wait for the conflicts to commit, telling every other
\* replica (l. 66-68; [C] StartWaiting).
StartWaitingReady(p, i) ==
    Validated(p, i) /\ ValI(p, i) # {} /\ ~ValidateNopReady(p, i)

StartWaiting(p, i) ==
    LET r == recovery[p][i] IN
    /\ StartWaitingReady(p, i)
    /\ SetRecovery(p, i, [r EXCEPT !.stage = "waiting", !.conflicts = ValI(p, i)])
    /\ Send({WaitingMsg(p, q, i, r.rmax) : q \in Others(p)})
    /\ UNCHANGED <<durableVars, preAccepts, accepts, waits, known, executed,
                   ghostVars>>

\* q notes that m.from waits on m.inst with m.k (the highest k per
\* instance) ([EP*] l. 66-68, 77-78; [C] HandleWaiting).
HandleWaiting(q, m) ==
    /\ Receivable(q, m, "Waiting")
    /\ waits' = Put(waits, q, m.inst, Max2(At(waits, q, m.inst, 0), m.k))
    /\ Deliver(m, {})
    /\ UNCHANGED <<durableVars, preAccepts, accepts, recovery, known, executed,
                   ghostVars>>

\* Every conflict committed at p as Nop or knowing i: accept the candidate
\* (l. 72-74; [C] WaitingAccept).
WaitingAcceptReady(p, i) ==
    /\ Recovering(p, i, "waiting")
    /\ \A x \in recovery[p][i].conflicts :
          /\ Committed(p, x.inst)
          /\ CmdOf(p, x.inst) = Nop \/ i \in DepSetOf(p, x.inst)

WaitingAccept(p, i) ==
    LET r == recovery[p][i] IN
    /\ WaitingAcceptReady(p, i)
    /\ LeadAccept(p, i, r.cand.cmd, r.cand.deps, r.cand.seq)

\* A conflict committed at p, not Nop, without i; or another recovery of a
\* conflict that waits with k > n - f - e: accept Nop (l. 70-71, 75-78;
\* [C] WaitingNop).
WaitingNopReady(p, i) ==
    /\ Recovering(p, i, "waiting")
    /\ \E x \in recovery[p][i].conflicts :
          \/ /\ Committed(p, x.inst)
             /\ CmdOf(p, x.inst) # Nop
             /\ i \notin DepSetOf(p, x.inst)
          \/ At(waits, p, x.inst, 0) > N - F - E

WaitingNop(p, i) == WaitingNopReady(p, i) /\ LeadAcceptNop(p, i)

\* An answer of this ballot from outside Q arrived late: committed, commit
\* it; accepted, accept it; from the initial coordinator (which can no
\* longer commit at ballot 0), accept Nop (l. 79-80; [C]
\* WaitingLateReply).
LateAnswers(p, i) ==
    {a \in recovery[p][i].answers :
        /\ a.from \notin recovery[p][i].quorum
        /\ a.phase \in {"committed", "accepted"} \/ a.from = i.owner}

WaitingLateReplyReady(p, i) ==
    Recovering(p, i, "waiting") /\ LateAnswers(p, i) # {}

WaitingLateReply(p, i) ==
    /\ WaitingLateReplyReady(p, i)
    /\ \E a \in LateAnswers(p, i) :
          CASE a.phase = "committed" -> CommitAndSend(p, i, a.cmd, a.deps, a.seq)
            [] a.phase = "accepted"  -> LeadAccept(p, i, a.cmd, a.deps, a.seq)
            [] OTHER                 -> LeadAcceptNop(p, i)

-----------------------------------------------------------------------------
(* Execution ([EP] 4.5; [EP*] Fig. 1)                                      *)

\* The instances i depends on at p, transitively (i too if on a cycle).
\* A dependency vector stands for every instance of each owner up to its
\* entry, so the closure is a vector too: ReachVector grows v by the deps
\* of every instance it covers until nothing changes, and Reach(p, i) is
\* i's own dependencies and everything that vector covers.
JoinDeps(p, S) == JoinVectors({DepsOf(p, j) : j \in S})
\* The vectors held at p for the instances v covers.
CoveredDeps(p, v) ==
    UNION {{deps[p][s][k] : k \in 1..Min2(v[s], Len(deps[p][s]))} : s \in Server}

RECURSIVE ReachVector(_, _)
ReachVector(p, v) ==
    LET w == Union(v, JoinVectors(CoveredDeps(p, v)))
    IN IF w = v THEN v ELSE ReachVector(p, w)

ReachV(p, i) == ReachVector(p, JoinDeps(p, DepSetOf(p, i)))
Reach(p, i) == DepSetOf(p, i) \cup DepSetV(ReachV(p, i))
\* j \in Reach(p, i), without building the set.
InReach(p, i, j) == j \in DepSetOf(p, i) \/ Covers(ReachV(p, i), j)

ExecutedSet(p) == {executed[p][k] : k \in 1..Len(executed[p])}
IsExecuted(p, i) == i \in ExecutedSet(p)

\* The tie-break inside a strongly connected component: (seq, owner, num).
Before(p, j, i) ==
    \/ SeqOf(p, j) < SeqOf(p, i)
    \/ SeqOf(p, j) = SeqOf(p, i) /\ OwnerRank(j.owner) < OwnerRank(i.owner)
    \/ SeqOf(p, j) = SeqOf(p, i) /\ j.owner = i.owner /\ j.num < i.num

\* i is committed and not executed at p; everything it depends on,
\* transitively, is committed; every component below i's is executed; in
\* its own component i is the first not executed.  (Of the instances i
\* reaches, an executed one is either below i's component or executed
\* before i in it; one not executed must be in i's component, reaching i,
\* and come after i in the tie-break.)
ExecuteReady(p, i) ==
    LET done == ExecutedSet(p) IN
    /\ Committed(p, i)
    /\ i \notin done
    /\ LET R == Reach(p, i) IN
       /\ \A j \in R : Committed(p, j)
       /\ \A j \in R \ ({i} \cup done) : InReach(p, j, i) /\ Before(p, i, j)

\* [C] Execute: the owner of i answers its client.
Execute(p, i) ==
    /\ ExecuteReady(p, i)
    /\ executed' = [executed EXCEPT ![p] = Append(@, i)]
    /\ answered' = IF i.owner = p /\ CmdOf(p, i) # Nop
                   THEN answered \cup {[inst |-> i, cmd |-> CmdOf(p, i)]}
                   ELSE answered
    /\ UNCHANGED <<durableVars, coordVars, known, messages, committedOnce>>

-----------------------------------------------------------------------------
(* Faults                                                                  *)

\* Crash and recovery: durable state kept; coordinator state and Waiting
\* notices lost; the core restores a snapshot that covers a prefix of what
\* it executed and executes the rest again ([C] Restart).
Restart(p) ==
    /\ preAccepts' = [preAccepts EXCEPT ![p] = NoMap]
    /\ accepts' = [accepts EXCEPT ![p] = NoMap]
    /\ recovery' = [recovery EXCEPT ![p] = NoMap]
    /\ waits' = [waits EXCEPT ![p] = NoMap]
    /\ known' = [known EXCEPT ![p] =
                    {[inst |-> i, cmd |-> CmdOf(p, i), seq |-> SeqOf(p, i)] :
                        i \in RowInsts(cmd, p, NoCmd)}]
    /\ \E k \in 0..Len(executed[p]) :
          executed' = [executed EXCEPT ![p] = SubSeq(@, 1, k)]
    /\ UNCHANGED <<durableVars, messages, ghostVars>>

DuplicateMessage(m) ==
    /\ BagIn(m, messages)
    /\ Send({m})
    /\ UNCHANGED <<durableVars, coordVars, known, executed, ghostVars>>

DropMessage(m) ==
    /\ BagIn(m, messages)
    /\ Deliver(m, {})
    /\ UNCHANGED <<durableVars, coordVars, known, executed, ghostVars>>

-----------------------------------------------------------------------------
(* The next-state relation                                                 *)

\* q receives m: the handler of its type.
ReceiveMessage(q, m) ==
    \/ HandlePreAccept(q, m) \/ HandlePreAcceptReply(q, m)
    \/ HandleAccept(q, m) \/ HandleAcceptReply(q, m)
    \/ HandleCommit(q, m) \/ HandleCommitRequest(q, m)
    \/ HandleRecover(q, m) \/ HandleRecoverReply(q, m)
    \/ HandleValidate(q, m) \/ HandleValidateReply(q, m)
    \/ HandleWaiting(q, m)

\* q receives m and its handler takes no step (a stale answer, a Commit of
\* an instance already committed, a Recover not above the promise, ...), or
\* m is about an instance every replica has committed (the core forgets
\* such instances once every replica executed them, and ignores what
\* still arrives about them): m leaves the network and nothing changes
\* ([C] IgnoreMessage, "Forgetting instances").  The guard makes the trace
\* show that the core ignores only what the spec cannot take or what no
\* replica can need; the effect is that of DropMessage.
IgnoreMessage(q, m) ==
    /\ BagIn(m, messages)
    /\ m.to = q
    /\ \/ ~ENABLED ReceiveMessage(q, m)
       \/ \A r \in Server : Committed(r, m.inst)
    /\ Deliver(m, {})
    /\ UNCHANGED <<durableVars, coordVars, known, executed, ghostVars>>

ReceiveNext ==
    \E m \in DOMAIN messages :
        ReceiveMessage(m.to, m) \/ IgnoreMessage(m.to, m)

\* The local steps on one instance: the core takes them in the step that
\* enables them ([C] "How the core's steps map to actions").
LocalNext(p, i) ==
    \/ FastCommit(p, i) \/ SlowAccept(p, i) \/ CommitAccepted(p, i)
    \/ RecoverCommitted(p, i) \/ RecoverAccepted(p, i)
    \/ RecoverNop(p, i) \/ StartValidate(p, i)
    \/ ValidateAccept(p, i) \/ ValidateNop(p, i) \/ StartWaiting(p, i)
    \/ WaitingAccept(p, i) \/ WaitingNop(p, i) \/ WaitingLateReply(p, i)
    \/ Execute(p, i)

Next ==
    \/ \E p \in Server, c \in Commands : Propose(p, Inst(p, next[p]), c)
    \/ ReceiveNext
    \/ \E p \in Server : \E i \in Holds(p) : LocalNext(p, i)
    \/ \E p \in Server : \E i \in HeardOf(p) : StartRecovery(p, i)
    \/ \E p \in Server : \E i \in HeardOf(p) \cup ReportedTo(p) : RequestCommit(p, i)
    \/ \E p \in Server : Restart(p)
    \/ \E m \in DOMAIN messages : DuplicateMessage(m) \/ DropMessage(m)

Spec == Init /\ [][Next]_vars

=============================================================================
