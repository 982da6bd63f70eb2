---------------------------- MODULE TraceEPaxos ----------------------------
(***************************************************************************)
(* Trace validation of the Java EPaxos core against EPaxos.tla.            *)
(*                                                                         *)
(* The trace is the core's NDJSON log (docs/protocols/epaxos-contract.md,  *)
(* "Trace lines"; docs/verification.md).  Line l is matched by the one     *)
(* EPaxos action it names, called with the logged node, parameters and     *)
(* received message (found in the bag by its logged fields); the step must *)
(* then produce the logged post-values of the acting node for the line's   *)
(* instance ("state") and add exactly the logged messages to the bag       *)
(* ("sent").  What the trace does not log (other nodes, other instances,   *)
(* coordinator state, the prefix of executed a Restart keeps beyond its    *)
(* length, the ghost history) follows from EPaxos's actions; where the     *)
(* spec is nondeterministic (which answer a recovery takes, which prefix a *)
(* Restart keeps) TLC's breadth-first search keeps every choice the later  *)
(* lines allow.  The cursor l is the next line to match: the trace is      *)
(* accepted iff some behaviour reaches l = Len(Trace) + 1, which the       *)
(* validator learns from TraceProgress.  EPaxos's invariants are checked   *)
(* along the way: TypeOK in every state, the others, whose cost grows with *)
(* the number of instances, as action properties on what a step changed,   *)
(* exactly as strongly (see below).                                        *)
(*                                                                         *)
(* The trace writes values in JSON: a command as a sorted list of its      *)
(* conflict keys, Nop as "nop" and no command as "none"; deps as an object *)
(* owner -> number with every server; an instance as {"owner", "num"}; a   *)
(* ValidateReply's conflicts as a list.  FromLog turns a logged message    *)
(* into the spec's record (sets for lists, functions for objects, the      *)
(* model values Nop and NoCmd), so both sides compare as spec values.      *)
(***************************************************************************)
EXTENDS EPaxosProperties, TraceCommon, NodeNames

traceVars == <<vars, l, specSent>>

\* EPaxos's constants that a trace does not fix (bound in the .cfg): any
\* non-empty set of conflict keys is a command; a server's number is the
\* one in its name (ballots and the execution tie-break read it).
TraceCommands == (SUBSET STRING) \ {{}}
TraceOwnerRank(s) == NodeNumber(s)

-----------------------------------------------------------------------------
(* Logged values to spec values.                                           *)

\* A logged command: "nop", "none", or a list of conflict keys.  ToString
\* tells a string from a list (TLC cannot compare the two directly).
LCmd(c) ==
    IF ToString(c) = ToString("nop") THEN Nop
    ELSE IF ToString(c) = ToString("none") THEN NoCmd
    ELSE Range(c)

LDeps(d) == [s \in Server |-> d[s]]
LInst(x) == Inst(x.owner, x.num)
LConflicts(cs) == {[inst |-> LInst(x.inst), phase |-> x.phase] : x \in Range(cs)}

\* The spec's message that the logged message lm stands for.
FromLog(lm) ==
    LET i == LInst(lm.inst) IN
    CASE lm.type = "PreAccept" ->
            PreAcceptMsg(lm.from, lm.to, i, LCmd(lm.cmd), LDeps(lm.deps), lm.seq)
      [] lm.type = "PreAcceptReply" ->
            PreAcceptReplyMsg(lm.from, lm.to, i, LDeps(lm.deps), lm.seq)
      [] lm.type = "Accept" ->
            AcceptMsg(lm.from, lm.to, i, lm.bal, LCmd(lm.cmd), LDeps(lm.deps), lm.seq)
      [] lm.type = "AcceptReply" -> AcceptReplyMsg(lm.from, lm.to, i, lm.bal)
      [] lm.type = "Commit" ->
            CommitMsg(lm.from, lm.to, i, lm.bal, LCmd(lm.cmd), LDeps(lm.deps), lm.seq)
      [] lm.type = "Recover" -> RecoverMsg(lm.from, lm.to, i, lm.bal)
      [] lm.type = "RecoverReply" ->
            [type |-> "RecoverReply", from |-> lm.from, to |-> lm.to, inst |-> i,
             bal |-> lm.bal, abal |-> lm.abal, phase |-> lm.phase,
             cmd |-> LCmd(lm.cmd), deps |-> LDeps(lm.deps), seq |-> lm.seq,
             initDeps |-> LDeps(lm.initDeps), initSeq |-> lm.initSeq]
      [] lm.type = "Validate" ->
            ValidateMsg(lm.from, lm.to, i, lm.bal, LCmd(lm.cmd), LDeps(lm.deps), lm.seq)
      [] lm.type = "ValidateReply" ->
            ValidateReplyMsg(lm.from, lm.to, i, lm.bal, LConflicts(lm.conflicts))
      [] lm.type = "Waiting" -> WaitingMsg(lm.from, lm.to, i, lm.k)
      [] lm.type = "CommitRequest" -> CommitRequestMsg(lm.from, lm.to, i)
      [] OTHER -> [unknownMessageType |-> lm.type]

\* The messages in flight that the logged message lm stands for.
InFlight(lm) == {FromLog(lm)} \cap DOMAIN messages

\* The messages the matched action sent equal those the line logs.
SentAgrees(ln) ==
    specSent' = SeqToBag([k \in DOMAIN ln.sent |-> FromLog(ln.sent[k])])

-----------------------------------------------------------------------------
(* Lines to actions.                                                       *)

\* The instance of an action on one instance that receives no message.
PInst(ln) == LInst(ln.params.inst)

LineStep(ln) ==
    LET p == ln.node IN
    \/ ln.action = "Propose" /\ Propose(p, PInst(ln), LCmd(ln.params.cmd))
    \/ ln.action = "HandlePreAccept" /\
         \E m \in InFlight(ln.msg) : HandlePreAccept(p, m)
    \/ ln.action = "HandlePreAcceptReply" /\
         \E m \in InFlight(ln.msg) : HandlePreAcceptReply(p, m)
    \/ ln.action = "FastCommit" /\ FastCommit(p, PInst(ln))
    \/ ln.action = "SlowAccept" /\ SlowAccept(p, PInst(ln))
    \/ ln.action = "HandleAccept" /\ \E m \in InFlight(ln.msg) : HandleAccept(p, m)
    \/ ln.action = "HandleAcceptReply" /\
         \E m \in InFlight(ln.msg) : HandleAcceptReply(p, m)
    \/ ln.action = "CommitAccepted" /\ CommitAccepted(p, PInst(ln))
    \/ ln.action = "HandleCommit" /\ \E m \in InFlight(ln.msg) : HandleCommit(p, m)
    \/ ln.action = "RequestCommit" /\ RequestCommit(p, PInst(ln))
    \/ ln.action = "HandleCommitRequest" /\
         \E m \in InFlight(ln.msg) : HandleCommitRequest(p, m)
    \/ ln.action = "StartRecovery" /\
         /\ StartRecovery(p, PInst(ln))
         /\ Get(bal', p, PInst(ln), 0) = ln.params.bal
    \/ ln.action = "HandleRecover" /\ \E m \in InFlight(ln.msg) : HandleRecover(p, m)
    \/ ln.action = "HandleRecoverReply" /\
         \E m \in InFlight(ln.msg) : HandleRecoverReply(p, m)
    \/ ln.action = "RecoverCommitted" /\ RecoverCommitted(p, PInst(ln))
    \/ ln.action = "RecoverAccepted" /\ RecoverAccepted(p, PInst(ln))
    \/ ln.action = "RecoverNop" /\ RecoverNop(p, PInst(ln))
    \/ ln.action = "StartValidate" /\ StartValidate(p, PInst(ln))
    \/ ln.action = "HandleValidate" /\
         \E m \in InFlight(ln.msg) : HandleValidate(p, m)
    \/ ln.action = "HandleValidateReply" /\
         \E m \in InFlight(ln.msg) : HandleValidateReply(p, m)
    \/ ln.action = "ValidateAccept" /\ ValidateAccept(p, PInst(ln))
    \/ ln.action = "ValidateNop" /\ ValidateNop(p, PInst(ln))
    \/ ln.action = "StartWaiting" /\ StartWaiting(p, PInst(ln))
    \/ ln.action = "HandleWaiting" /\ \E m \in InFlight(ln.msg) : HandleWaiting(p, m)
    \/ ln.action = "WaitingAccept" /\ WaitingAccept(p, PInst(ln))
    \/ ln.action = "WaitingNop" /\ WaitingNop(p, PInst(ln))
    \/ ln.action = "WaitingLateReply" /\ WaitingLateReply(p, PInst(ln))
    \/ ln.action = "Execute" /\ Execute(p, PInst(ln))
    \/ ln.action = "Restart" /\ Restart(p)
    \/ ln.action = "DuplicateMessage" /\
         \E m \in InFlight(ln.msg) : DuplicateMessage(m)
    \/ ln.action = "DropMessage" /\ \E m \in InFlight(ln.msg) : DropMessage(m)
    \/ ln.action = "IgnoreMessage" /\
         \E m \in InFlight(ln.msg) : IgnoreMessage(p, m)

-----------------------------------------------------------------------------
(* The logged "state" fields of node ln.node for the line's instance (the  *)
(* received message's, else params.inst), as the spec has them in the      *)
(* given variable values: the one place that says which spec expression a  *)
(* trace field stands for.  executed (Execute, Restart) is how many        *)
(* instances the node executed; next (Propose) the number of its next own  *)
(* instance.  An unknown field name yields a string that no logged value   *)
(* equals, so such a line is rejected.                                     *)

LineInst(ln) ==
    IF "msg" \in DOMAIN ln THEN LInst(ln.msg.inst) ELSE PInst(ln)

SpecField(ln, f, ph, bl, ab, dp, sq, ex, nx) ==
    LET p == ln.node
        i == LineInst(ln)
    IN CASE f = "phase"    -> Get(ph, p, i, "none")
         [] f = "bal"      -> Get(bl, p, i, 0)
         [] f = "abal"     -> Get(ab, p, i, 0)
         [] f = "deps"     -> Get(dp, p, i, Zero)
         [] f = "seq"      -> Get(sq, p, i, 0)
         [] f = "executed" -> Len(ex[p])
         [] f = "next"     -> nx[p]
         [] OTHER -> "<no spec variable for the trace field " \o f \o ">"

\* A spec value agrees with the logged one.  deps is a function in the
\* spec and an object in the trace.
FieldAgrees(f, specValue, loggedValue) ==
    IF f = "deps" THEN specValue = LDeps(loggedValue)
    ELSE specValue = loggedValue

SpecFields(ln, ph, bl, ab, dp, sq, ex, nx) ==
    [f \in DOMAIN ln.state |-> SpecField(ln, f, ph, bl, ab, dp, sq, ex, nx)]

StateAgrees(ln) ==
    \A f \in DOMAIN ln.state :
        FieldAgrees(f, SpecField(ln, f, phase', bal', abal', deps', seq',
                                 executed', next'),
                    ln.state[f])

-----------------------------------------------------------------------------

TraceInit ==
    /\ Init
    /\ l = 1
    /\ specSent = EmptyBag

TraceNext ==
    /\ l <= Len(Trace)
    /\ LET ln == Trace[l] IN
          /\ LineStep(ln)
          /\ specSent' = messages' (-) messages
          /\ Checked(ln, LineChecked(ln, StateAgrees(ln), SentAgrees(ln)))
    /\ l' = l + 1

-----------------------------------------------------------------------------
(* EPaxos's invariants whose cost grows with the number of instances,      *)
(* checked only on what a step changed.  This is exactly as strong as      *)
(* checking them in every state, by induction over the steps: OnChangeBase *)
(* checks them in the initial state, and each property below is the        *)
(* invariant in the post-state of a step given that it held in the         *)
(* pre-state (committedOnce and answered only grow; a step changes one     *)
(* node's executed by appending one instance or by keeping a prefix).      *)
(* TraceEPaxos.cfg lists these as PROPERTIES in place of the invariants; a *)
(* violation is reported as "Action property <Name>OnChange is violated".  *)

OnChangeBase ==
    l = 1 => CommittedOnce /\ Visibility /\ ExecutionConsistency /\ AnsweredNotLost

NewCommits == committedOnce' \ committedOnce

\* The instances whose phase, command or attributes changed at p.
Changed(p) ==
    IF <<phase[p], cmd[p], deps[p], seq[p]>> = <<phase'[p], cmd'[p], deps'[p], seq'[p]>>
    THEN {}
    ELSE {i \in RowInsts(phase', p, "none") :
             <<Get(phase', p, i, "none"), Get(cmd', p, i, NoCmd), Get(deps', p, i, Zero),
               Get(seq', p, i, 0)>>
             # <<PhaseOf(p, i), CmdOf(p, i), DepsOf(p, i), SeqOf(p, i)>>}

\* A committed instance at p, as a record of committedOnce, after the step.
CommittedRecord(p, i) ==
    [inst |-> i, cmd |-> Get(cmd', p, i, NoCmd), deps |-> Get(deps', p, i, Zero),
     seq |-> Get(seq', p, i, 0)]

CommittedOnceOnChange ==
    [][/\ \A c \in NewCommits : \A d \in committedOnce' : d.inst = c.inst => d = c
       /\ \A p \in Server : \A i \in Changed(p) :
             Get(phase', p, i, "none") = "committed" =>
                CommittedRecord(p, i) \in committedOnce']_traceVars

VisibilityOnChange ==
    [][\A c1 \in NewCommits : \A c2 \in committedOnce' :
          /\ c1.inst # c2.inst
          /\ c1.cmd # Nop /\ c2.cmd # Nop
          /\ Conflict(c1.cmd, c2.cmd)
          => Covers(c2.deps, c1.inst) \/ Covers(c1.deps, c2.inst)]_traceVars

\* A step that appends i to executed[p]: no replica q executed, after i, a
\* conflicting instance that p executed before i.  (Any pair that i is not
\* part of was checked when its later member was executed; a prefix kept
\* by Restart has no new pairs.)
ExecutedAfterOK(p, i) ==
    LET done == ExecutedSet(p) IN
    \A q \in Server \ {p} :
        \A n \in 1..Len(executed'[q]) :
            executed'[q][n] = i =>
                \A k \in (n + 1)..Len(executed'[q]) :
                    LET j == executed'[q][k]
                        ci == Get(cmd', p, i, NoCmd)
                        cj == Get(cmd', p, j, NoCmd)
                    IN /\ ci # Nop /\ cj \notin {Nop, NoCmd}
                       /\ Conflict(ci, cj)
                       => j \notin done

IsPrefix(s, t) == Len(s) <= Len(t) /\ SubSeq(t, 1, Len(s)) = s

ExecutionConsistencyOnChange ==
    [][\A p \in Server :
          \/ executed'[p] = executed[p]
          \/ IsPrefix(executed'[p], executed[p])
          \/ /\ Len(executed'[p]) = Len(executed[p]) + 1
             /\ IsPrefix(executed[p], executed'[p])
             /\ \E i \in {executed'[p][Len(executed'[p])]} : ExecutedAfterOK(p, i)
          \/ ExecutionConsistency']_traceVars

AnsweredOK(a) ==
    /\ \E c \in committedOnce : c.inst = a.inst /\ c.cmd = a.cmd
    /\ \A p \in Server : Committed(p, a.inst) => CmdOf(p, a.inst) = a.cmd

AnsweredNotLostOnChange ==
    [][/\ \A a \in answered' \ answered : AnsweredOK(a)'
       /\ \A p \in Server : \A i \in Changed(p) :
             Get(phase', p, i, "none") = "committed" =>
                \A a \in answered' : a.inst = i => Get(cmd', p, i, NoCmd) = a.cmd]_traceVars

-----------------------------------------------------------------------------
(* The diagnostic view of a rejection run (TraceCommon's ProgressViewOf):  *)
(* before = the spec's values of the fields that line l logs, now (before  *)
(* line l); after = those of line l - 1 (the post-state it produced); sent *)
(* = what line l - 1 sent in the spec; msgInFlight = whether line l's      *)
(* received message is in flight.                                          *)

FieldsNow(k) ==
    IF k \in 1..Len(Trace) /\ "state" \in DOMAIN Trace[k]
    THEN SpecFields(Trace[k], phase, bal, abal, deps, seq, executed, next)
    ELSE NoFields

DiagnosticView ==
    [before      |-> FieldsNow(l),
     after       |-> FieldsNow(l - 1),
     sent        |-> specSent,
     msgInFlight |-> IF l <= Len(Trace) /\ "msg" \in DOMAIN Trace[l]
                     THEN InFlight(Trace[l].msg) # {} ELSE TRUE]

TraceConstraint == TraceConstraintOf(ProgressViewOf(DiagnosticView))

=============================================================================
