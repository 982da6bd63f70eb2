----------------------------- MODULE TraceRaft -----------------------------
(***************************************************************************)
(* Trace validation of the Java Raft core against Raft.tla.                *)
(*                                                                         *)
(* The trace is the core's NDJSON log (docs/protocols/raft-contract.md,    *)
(* "Trace lines"; docs/verification.md).  Line l is matched by the one     *)
(* Raft action it names, called with the logged node, parameters and       *)
(* received message; the step must then produce the logged post-values of  *)
(* the acting node ("state") and add exactly the logged messages to the    *)
(* bag ("sent").  Everything the trace does not log (whole logs, other     *)
(* nodes, the acks of reads, ghost history, the choices of Restart and of  *)
(* a pre-vote) follows from Raft's actions; where Raft is nondeterministic *)
(* TLC's breadth-first search keeps every choice that the later lines do   *)
(* not rule out.  The cursor l is the next line to match: the trace is     *)
(* accepted iff some behaviour reaches l = Len(Trace) + 1, which the       *)
(* validator learns from TraceProgress (TLC has no POSTCONDITION).  Raft's *)
(* invariants and action properties are checked along the way             *)
(* (TraceRaft.cfg; the costly ones exactly as strongly but only on the     *)
(* steps that can change them, see Restricted below).                      *)
(***************************************************************************)
EXTENDS Raft, NDJson, TraceProgress

CONSTANTS
    TraceFile,   \* absolute path of the NDJSON trace
    RelaxLine    \* 0; or a line whose "state"/"sent" checks are skipped, to
                 \* learn what the spec itself does there (rejection reports)

VARIABLES
    l,           \* the next trace line to match
    specSent     \* the bag of messages the last matched action sent

traceVars == <<vars, l, specSent>>

Trace == NDJsonRead(TraceFile)

\* Raft's constants that a trace does not fix (bound in TraceRaft.cfg).  A
\* trace logs Nil as "" and client request ids as "<client>:<seq>" strings;
\* MaxBatch is a tuning knob of the core, so any logged count is allowed.
TraceNil == ""
TraceRequestIds == STRING \ {""}
TraceMaxBatch == 2147483647

-----------------------------------------------------------------------------
(* Messages.  A logged message has the contract's fields; the spec's       *)
(* InstallSnapshotRequest also carries the ghost field entries.            *)

Logged(m) ==
    IF m.type = "InstallSnapshotRequest"
    THEN [type |-> m.type, from |-> m.from, to |-> m.to, term |-> m.term,
          lastIndex |-> m.lastIndex, lastTerm |-> m.lastTerm]
    ELSE m

\* The messages in flight that the logged message lm stands for.
InFlight(lm) ==
    IF lm.type = "InstallSnapshotRequest"
    THEN {m \in DOMAIN messages : Logged(m) = lm}
    ELSE {lm} \cap DOMAIN messages

Range(s) == {s[k] : k \in DOMAIN s}

SeqToBag(s) == [x \in Range(s) |-> Cardinality({k \in DOMAIN s : s[k] = x})]

-----------------------------------------------------------------------------
(* Lines to actions.                                                       *)

LineStep(ln) ==
    LET i == ln.node IN
    \/ ln.action = "Timeout" /\ Timeout(i)
    \/ ln.action = "HandleRequestPreVoteRequest" /\
         \E m \in InFlight(ln.msg) : HandleRequestPreVoteRequest(i, m)
    \/ ln.action = "HandleRequestPreVoteResponse" /\
         \E m \in InFlight(ln.msg) : HandleRequestPreVoteResponse(i, m)
    \/ ln.action = "BecomeCandidate" /\ BecomeCandidate(i)
    \/ ln.action = "HandleRequestVoteRequest" /\
         \E m \in InFlight(ln.msg) : HandleRequestVoteRequest(i, m)
    \/ ln.action = "HandleRequestVoteResponse" /\
         \E m \in InFlight(ln.msg) : HandleRequestVoteResponse(i, m)
    \/ ln.action = "BecomeLeader" /\ BecomeLeader(i)
    \/ ln.action = "ClientRequest" /\ ClientRequest(i, ln.params.id)
    \/ ln.action = "AppendEntries" /\
         AppendEntries(i, ln.params.peer, ln.params.prevLogIndex, ln.params.count)
    \/ ln.action = "HandleAppendEntriesRequest" /\
         \E m \in InFlight(ln.msg) : HandleAppendEntriesRequest(i, m)
    \/ ln.action = "HandleAppendEntriesResponse" /\
         \E m \in InFlight(ln.msg) : HandleAppendEntriesResponse(i, m)
    \/ ln.action = "AdvanceCommitIndex" /\ AdvanceCommitIndex(i, ln.params.n)
    \/ ln.action = "Heartbeat" /\ Heartbeat(i)
    \/ ln.action = "HandleHeartbeatRequest" /\
         \E m \in InFlight(ln.msg) : HandleHeartbeatRequest(i, m)
    \/ ln.action = "HandleHeartbeatResponse" /\
         \E m \in InFlight(ln.msg) : HandleHeartbeatResponse(i, m)
    \/ ln.action = "ClientRead" /\ ClientRead(i, ln.params.readId)
    \/ ln.action = "ServeRead" /\ ServeRead(i, ln.params.readId)
    \/ ln.action = "InstallSnapshot" /\
         InstallSnapshot(i, ln.params.peer, ln.params.lastIndex)
    \/ ln.action = "HandleInstallSnapshotRequest" /\
         \E m \in InFlight(ln.msg) : HandleInstallSnapshotRequest(i, m)
    \/ ln.action = "UpdateTerm" /\ \E m \in InFlight(ln.msg) : UpdateTerm(i, m)
    \/ ln.action = "Restart" /\ Restart(i)
    \/ ln.action = "DuplicateMessage" /\ \E m \in InFlight(ln.msg) : DuplicateMessage(m)
    \/ ln.action = "DropMessage" /\ \E m \in InFlight(ln.msg) : DropMessage(m)

-----------------------------------------------------------------------------
(* The logged "state" fields of node ln.node, as the spec has them in the  *)
(* given variable values: the one place that says which spec expression a  *)
(* trace field stands for.  An unknown field name yields a string that no  *)
(* logged value equals, so such a line is rejected.                        *)

SpecField(ln, f, ct, vf, st, ci, lg, vg, mi, pr) ==
    LET i == ln.node IN
    CASE f = "currentTerm"  -> ct[i]
      [] f = "votedFor"     -> vf[i]
      [] f = "role"         -> st[i]
      [] f = "commitIndex"  -> ci[i]
      [] f = "logLen"       -> Len(lg[i])
      [] f = "logLastTerm"  -> LastTerm(lg[i])
      [] f = "votesGranted" -> vg[i]
      [] f = "matchIndex"   -> mi[i][ln.msg.from]
      [] f = "pendingReads" -> [k \in 1..Len(pr[i]) |-> pr[i][k].id]
      [] OTHER              -> "<no spec variable for the trace field " \o f \o ">"

\* A spec value agrees with the logged one.  votesGranted is a set in the
\* spec and a sorted list in the trace.
FieldAgrees(f, specValue, loggedValue) ==
    IF f = "votesGranted" THEN specValue = Range(loggedValue)
    ELSE specValue = loggedValue

SpecFields(ln, ct, vf, st, ci, lg, vg, mi, pr) ==
    [f \in DOMAIN ln.state |-> SpecField(ln, f, ct, vf, st, ci, lg, vg, mi, pr)]

StateAgrees(ln) ==
    \A f \in DOMAIN ln.state :
        FieldAgrees(f, SpecField(ln, f, currentTerm', votedFor', state',
                                 commitIndex', log', votesGranted',
                                 matchIndex', pendingReads'),
                    ln.state[f])

SentAgrees(ln) == BagOfAll(Logged, specSent') = SeqToBag(ln.sent)

LineChecked(ln) ==
    /\ "state" \in DOMAIN ln => StateAgrees(ln)
    /\ "sent" \in DOMAIN ln => SentAgrees(ln)

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
          /\ IF l = RelaxLine THEN TRUE ELSE LineChecked(ln)
    /\ l' = l + 1

-----------------------------------------------------------------------------
(* Raft's invariants whose cost grows with the log length times the        *)
(* number of servers (or its square), checked only where a step can change *)
(* them, with Raft's own definitions evaluated over fewer servers (the     *)
(* instance Restricted(S) is Raft with Server <- S).  This is exactly as   *)
(* strong as checking them in every state: they hold in Init (empty logs), *)
(* and each is a conjunction over servers or pairs of servers of a         *)
(* predicate that reads only those servers' logs or committed prefixes     *)
(* (and the ghost history), so a step can only falsify the conjuncts of    *)
(* the servers it changes.  TraceRaft.cfg lists these as PROPERTIES in     *)
(* place of the invariants; a violation is reported as "Action property    *)
(* <Name>OnChange is violated".                                            *)

Restricted(S) == INSTANCE Raft WITH Server <- S

\* Server i's log, resp. its committed prefix, differs after the step.
LogChanged(i) == log'[i] # log[i]
PrefixChanged(i) == CommittedPrefix(i)' # CommittedPrefix(i)

LogMatchingOnChange ==
    [][\A i \in Server : LogChanged(i) =>
          \A j \in Server : Restricted({i, j})!LogMatching']_traceVars

StateMachineSafetyOnChange ==
    [][\A i \in Server : PrefixChanged(i) =>
          \A j \in Server : Restricted({i, j})!StateMachineSafety']_traceVars

NoopStartsEveryTermOnChange ==
    [][\A i \in Server :
          <<log[i], state[i], currentTerm[i]>>' # <<log[i], state[i], currentTerm[i]>> =>
             Restricted({i})!NoopStartsEveryTerm']_traceVars

SessionExactlyOnceOnChange ==
    [][\A i \in Server : PrefixChanged(i) \/ committed' # committed =>
          Restricted({i})!SessionExactlyOnce']_traceVars

-----------------------------------------------------------------------------
(* TLC tells states apart by this view instead of the whole state: every   *)
(* variable, except that each log is summarised by its length and last     *)
(* term and the ghost history by its length.  Fingerprinting whole logs    *)
(* cost about 15% of a validation.  Merging two states is safe for the     *)
(* verdict: an accepted trace is still a behaviour of Raft (merging only   *)
(* drops states), and no state is dropped that matters, because the only   *)
(* choice of TraceNext that can make two logs differ while everything in   *)
(* the view agrees is between InstallSnapshotRequests that agree on every  *)
(* logged field, and those carry equal prefixes (one leader per term, and  *)
(* its log only grows within the term: LeaderAppendOnly).                  *)

TraceView ==
    <<l, specSent, currentTerm, votedFor, state, commitIndex, votesGranted,
      matchIndex, pendingReads, lastReadId, messages, elections, readStart,
      lastServedRead, Len(committed),
      [i \in Server |-> <<Len(log[i]), LastTerm(log[i])>>]>>

-----------------------------------------------------------------------------
(* What the validator learns about the explored states (TraceProgress).    *)
(* Every state reports its cursor l.  Only a diagnostic run (RelaxLine > 0, *)
(* after a rejection at RelaxLine) also reports, for the states at lines   *)
(* RelaxLine and RelaxLine + 1: before = the spec's values of the fields   *)
(* that line l logs, now (before line l); after = those of line l - 1 (the *)
(* post-state it produced); sent = what line l - 1 sent in the spec;       *)
(* msgInFlight = whether line l's received message is in flight.  Building *)
(* this view for every state would cost a third of a validation.           *)

NoFields == [f \in {} |-> 0]

FieldsNow(k) ==
    IF k \in 1..Len(Trace) /\ "state" \in DOMAIN Trace[k]
    THEN SpecFields(Trace[k], currentTerm, votedFor, state, commitIndex, log,
                    votesGranted, matchIndex, pendingReads)
    ELSE NoFields

DiagnosticView ==
    [before      |-> FieldsNow(l),
     after       |-> FieldsNow(l - 1),
     sent        |-> specSent,
     msgInFlight |-> IF l <= Len(Trace) /\ "msg" \in DOMAIN Trace[l]
                     THEN InFlight(Trace[l].msg) # {} ELSE TRUE]

ProgressView ==
    IF RelaxLine > 0 /\ l \in {RelaxLine, RelaxLine + 1}
    THEN DiagnosticView ELSE NoFields

\* Stop as soon as the whole trace is matched; in a diagnostic run, as soon
\* as every state after the relaxed line has been generated (breadth-first:
\* the first state two lines further is generated after all of them).
TraceConstraint ==
    /\ TraceProgress(l, ProgressView)
    /\ \/ l > Len(Trace)
       \/ RelaxLine > 0 /\ l > RelaxLine + 1
       => TLCSet("exit", TRUE)

=============================================================================
