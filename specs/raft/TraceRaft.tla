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
(* (TraceRaft.cfg; the costly ones exactly as strongly but incrementally, *)
(* on what each step wrote: the <Name>OnChange properties below).          *)
(***************************************************************************)
EXTENDS Raft, TraceCommon

VARIABLES
    firstCommitted  \* ghost: id |-> its first index in the committed history
                    \* (read only by SessionExactlyOnceOnChange)

traceVars == <<vars, l, specSent, firstCommitted>>

\* Raft's constants that a trace does not fix (bound in TraceRaft.cfg).  A
\* trace logs Nil as ""; request ids and batch sizes are TraceCommon's.
TraceNil == ""
TraceMaxBatch == TraceUnbounded

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


-----------------------------------------------------------------------------
(* The ghost firstCommitted: id |-> FirstIndexOf(CommittedHistory, id) for *)
(* every id of the committed history (including the no-ops' "").  Raft's   *)
(* CommitTo only extends the history, so a step adds the ids of the new    *)
(* entries; otherwise the map is rebuilt.                                  *)

RECURSIVE AddFirstIndexes(_, _, _)
AddFirstIndexes(f, h, k) ==
    IF k > Len(h) THEN f
    ELSE LET id == h[k].entry.id
         IN AddFirstIndexes(IF id \in DOMAIN f THEN f ELSE f @@ (id :> k), h, k + 1)

NoFirstIndexes == [id \in {} |-> 0]

NextFirstCommitted ==
    IF IsPrefix(committed, committed')
    THEN AddFirstIndexes(firstCommitted, committed', Len(committed) + 1)
    ELSE AddFirstIndexes(NoFirstIndexes, committed', 1)

-----------------------------------------------------------------------------

TraceInit ==
    /\ Init
    /\ l = 1
    /\ specSent = EmptyBag
    /\ firstCommitted = NoFirstIndexes

TraceNext ==
    /\ l <= Len(Trace)
    /\ LET ln == Trace[l] IN
          /\ LineStep(ln)
          /\ specSent' = messages' (-) messages
          /\ Checked(ln, LineChecked(ln, StateAgrees(ln), SentMatches(Logged, ln)))
    /\ l' = l + 1
    /\ firstCommitted' = NextFirstCommitted

-----------------------------------------------------------------------------
(* Raft's invariants whose cost grows with the logs, the bag of messages   *)
(* or the ghost history, checked incrementally: on each step, only what    *)
(* the step can have falsified, given that the invariant held before it.   *)
(* This is exactly as strong as checking Raft's invariant in every         *)
(* explored state, by induction over the steps: OnChangeBase checks each   *)
(* in the initial state; TLC checks these properties on every step it      *)
(* takes from an explored state; and each explored state is reached by     *)
(* such a step (a state that a VIEW merge drops is never expanded, so      *)
(* nothing is inferred from it).  Each formulation below says why it is    *)
(* the invariant in the post-state when the invariant held in the          *)
(* pre-state.  TraceRaft.cfg lists them as PROPERTIES in place of the      *)
(* invariants; a violation is reported as "Action property <Name>OnChange  *)
(* is violated".  Where a step does something no TraceNext step does (two  *)
(* logs change at once, the ghost history is not extended), they fall back *)
(* to Raft's definitions over the servers concerned (Restricted(S) is Raft *)
(* with Server <- S).                                                      *)

OnChangeBase ==
    l = 1 => /\ TypeOK /\ LogMatching /\ StateMachineSafety
             /\ NoopStartsEveryTerm /\ SessionExactlyOnce

Restricted(S) == INSTANCE Raft WITH Server <- S

\* Server i's log, resp. its committed prefix, differs after the step.
LogChanged(i) == log'[i] # log[i]
PrefixChanged(i) == CommittedPrefix(i)' # CommittedPrefix(i)

\* (CommonPrefixLen is TraceCommon's.)
\* The first index of log'[i] that the step wrote (Len(log'[i]) + 1 if it
\* only truncated or changed nothing).
FirstNewIndex(i) == CommonPrefixLen(log[i], log'[i]) + 1

(* LogMatching is a conjunction over pairs of servers and indexes n:       *)
(* equal terms at n => equal prefixes 1..n.  A step changes one log, a0 =  *)
(* log[i] to a = log'[i], first differing at c = FirstNewIndex(i).  The    *)
(* conjuncts of pairs without i, of (i, i) and of indexes n < c are those  *)
(* of the pre-state.  For another server's log b and n >= c: a[1..n] =     *)
(* b[1..n] iff a[1..c-1] = b[1..c-1] and a[c..n] = b[c..n]; a[1..c-1] is   *)
(* a0[1..c-1], which LogMatching of a0 and b says equals b[1..c-1] iff     *)
(* their terms at c-1 agree (or c = 1).  And the prefixes agree at every   *)
(* n >= c whose terms agree iff they agree at the last such n.  So         *)
(* SuffixMatches is LogMatching of a and b, given that of a0 and b.        *)

\* The last n in lo..hi at which the terms of s and t agree, else lo - 1.
RECURSIVE LastTermAgreement(_, _, _, _)
LastTermAgreement(s, t, lo, n) ==
    IF n < lo THEN lo - 1
    ELSE IF s[n].term = t[n].term THEN n ELSE LastTermAgreement(s, t, lo, n - 1)

SuffixMatches(a, c, b) ==
    LET n == LastTermAgreement(a, b, c, Min(Len(a), Len(b)))
    IN n >= c => /\ c = 1 \/ a[c - 1].term = b[c - 1].term
                 /\ SubSeq(a, c, n) = SubSeq(b, c, n)

LogMatchingOnChange ==
    [][\A i \in Server : LogChanged(i) =>
          LET c == FirstNewIndex(i) IN
          \A j \in Server \ {i} :
             IF LogChanged(j) THEN Restricted({i, j})!LogMatching'
             ELSE SuffixMatches(log'[i], c, log[j])]_traceVars

(* StateMachineSafety of servers i and j says that their logs agree up to  *)
(* the smaller commit index: one committed prefix is a prefix of the other *)
(* (a whole-sequence comparison, done by TLC in Java).  Only the pairs of  *)
(* a server whose committed prefix changed can become false.               *)

PrefixesAgree(i, j) ==
    LET n == Min(commitIndex'[i], commitIndex'[j])
    IN SubSeq(log'[i], 1, n) = SubSeq(log'[j], 1, n)

StateMachineSafetyOnChange ==
    [][\A i \in Server : PrefixChanged(i) =>
          \A j \in Server \ {i} : PrefixesAgree(i, j)]_traceVars

(* NoopStartsEveryTerm is, per server, a conjunction over log indexes k    *)
(* that reads entries k-1 and k (checked from FirstNewIndex(i) on: the     *)
(* earlier ones did not change), and "a leader's log holds the no-op of    *)
(* its term", which a step keeps if i's role and term do not change and    *)
(* its old log is a prefix of the new one (the no-op stays); otherwise it  *)
(* is checked again, searching from the log's end where the no-op is.      *)

TermStartsWithNoop(xlog, k) ==
    (k = 1 \/ xlog[k - 1].term < xlog[k].term) => xlog[k].kind = "noop"

LeaderHasNoop(i) ==
    state'[i] = "Leader" =>
        \E d \in 0..(Len(log'[i]) - 1) :
            log'[i][Len(log'[i]) - d] = NoopEntry(currentTerm'[i])

NoopStartsEveryTermOnChange ==
    [][\A i \in Server :
          /\ LogChanged(i) =>
                \A k \in FirstNewIndex(i)..Len(log'[i]) : TermStartsWithNoop(log'[i], k)
          /\ \/ /\ <<state[i], currentTerm[i]>>' = <<state[i], currentTerm[i]>>
                /\ IsPrefix(log[i], log'[i])
             \/ LeaderHasNoop(i)]_traceVars

(* SessionExactlyOnce, for a committed prefix s and the committed history  *)
(* H (CommittedHistory), says for each id # "" in s that its first index f *)
(* in s is a "cmd" and equals F = FirstIndexOf(H, id).  Equivalently, for  *)
(* each index k of s with id # "": F is in 1..k, and s[F] is a "cmd" with  *)
(* s[k]'s id (so F is an occurrence in s no later than any, i.e. f; and    *)
(* conversely f = F <= k).  That conjunct for k reads s[1..k] and F only.  *)
(* H only grows (Raft's CommitTo), which keeps F of every id already in H, *)
(* and every id of the pre-state's prefixes is in H (F >= 1 held).  So a   *)
(* step can only falsify the conjuncts of the indexes at which a committed *)
(* prefix changed, and those read F from firstCommitted, a ghost map kept  *)
(* equal to [id \in ids of H |-> FirstIndexOf(H, id)] (NextFirstCommitted) *)
(* instead of scanning H.  If H were ever not extended, every server is    *)
(* checked again with Raft's definition.                                   *)

FirstCommittedAt(id) ==
    IF id \in DOMAIN firstCommitted' THEN firstCommitted'[id] ELSE 0

ExecutedOnceAt(s, k) ==
    s[k].id # "" =>
        LET f == FirstCommittedAt(s[k].id)
        IN f \in 1..k /\ s[f].id = s[k].id /\ s[f].kind = "cmd"

SessionExactlyOnceOnChange ==
    [][IF IsPrefix(committed, committed')
       THEN \A i \in Server : PrefixChanged(i) =>
               LET s == CommittedPrefix(i)'
               IN \A k \in (CommonPrefixLen(CommittedPrefix(i), s) + 1)..Len(s) :
                     ExecutedOnceAt(s, k)
       ELSE \A i \in Server : Restricted({i})!SessionExactlyOnce']_traceVars

(* TypeOK is a conjunction over the variables, and a conjunct about a      *)
(* variable the step left unchanged still holds.  So each is checked only  *)
(* if its variable changed, and the ones that grow with the logs, the bag  *)
(* and the history only on what the step wrote: a changed log is a        *)
(* sequence (TLC's Len fails on anything else) whose entries from          *)
(* FirstNewIndex(i) on are Entries; every message whose count changed      *)
(* (those of specSent' = messages' (-) messages, and those received or     *)
(* dropped) and is still in flight is a Message with a positive count; the *)
(* history's new records are typed (all of it if it was not extended).     *)

CountChanged == DOMAIN specSent' \cup DOMAIN (messages (-) messages')

LogTyped(i) ==
    LogChanged(i) =>
        /\ DOMAIN log'[i] = 1..Len(log'[i])
        /\ \A k \in FirstNewIndex(i)..Len(log'[i]) : log'[i][k] \in Entry

CommittedRecord == [entry: Entry, cterm: Nat]

HistoryTyped ==
    IF IsPrefix(committed, committed')
    THEN \A k \in (Len(committed) + 1)..Len(committed') : committed'[k] \in CommittedRecord
    ELSE committed' \in Seq(CommittedRecord)

TypeOKOnChange ==
    [][/\ currentTerm' = currentTerm \/ currentTerm' \in [Server -> Nat]
       /\ votedFor' = votedFor \/ votedFor' \in [Server -> Server \cup {Nil}]
       /\ DOMAIN log' = Server
       /\ \A i \in Server : LogTyped(i)
       /\ state' = state
          \/ state' \in [Server -> {"Follower", "PreCandidate", "Candidate", "Leader"}]
       /\ \A i \in Server : commitIndex'[i] \in 0..Len(log'[i])
       /\ votesGranted' = votesGranted \/ votesGranted' \in [Server -> SUBSET Server]
       /\ matchIndex' = matchIndex \/ matchIndex' \in [Server -> [Server -> Nat]]
       /\ pendingReads' = pendingReads \/ pendingReads' \in [Server -> Seq(PendingRead)]
       /\ lastReadId' = lastReadId \/ lastReadId' \in [Server -> Nat]
       /\ \A m \in CountChanged \cap DOMAIN messages' :
             m \in Message /\ messages'[m] \in Nat \ {0}
       /\ HistoryTyped
       /\ elections' = elections \/ elections' \subseteq [term: Nat, leader: Server]
       /\ readStart' = readStart
          \/ readStart' \in [Server -> SUBSET [id: Nat, start: Nat]]
       /\ lastServedRead' = lastServedRead
          \/ lastServedRead' \in [index: Nat, start: Nat]]_traceVars

-----------------------------------------------------------------------------
(* TLC tells states apart by this view instead of the whole state: every   *)
(* variable, except that each log is summarised by its length and last     *)
(* term and the ghost history by its length (firstCommitted, a function  *)
(* of the history, is left out too).  Fingerprinting whole logs           *)
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
(* The diagnostic view of a rejection run (TraceCommon's ProgressViewOf):  *)
(* before = the spec's values of the fields that line l logs, now (before  *)
(* line l); after = those of line l - 1 (the post-state it produced); sent *)
(* = what line l - 1 sent in the spec; msgInFlight = whether line l's      *)
(* received message is in flight.                                          *)

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

TraceConstraint == TraceConstraintOf(ProgressViewOf(DiagnosticView))

=============================================================================
