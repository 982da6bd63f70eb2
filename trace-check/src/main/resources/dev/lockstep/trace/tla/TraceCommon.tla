---------------------------- MODULE TraceCommon -----------------------------
(***************************************************************************)
(* What every Trace<Proto>.tla shares (docs/runtime-contract.md, "Trace    *)
(* lines"; docs/verification.md).  A trace is the NDJSON log of one run:   *)
(* line l names the spec action it stands for, the acting node, the        *)
(* received message, the action's parameters, the messages it sent and the *)
(* node's logged variables after it.  A trace spec matches line l by the   *)
(* one action it names, then checks the logged post-state ("state") and    *)
(* the messages sent ("sent") against the spec; the cursor l is the next   *)
(* line to match.  The trace is accepted iff some behaviour reaches        *)
(* l = Len(Trace) + 1, which the validator learns from TraceProgress (TLC  *)
(* has no POSTCONDITION).  A protocol's trace spec extends this module and *)
(* its protocol's spec, and defines LineStep (line to action), StateAgrees *)
(* (the logged state fields), Logged (how a spec message is logged) and a  *)
(* DiagnosticView; this module supplies the rest.                          *)
(***************************************************************************)
EXTENDS Naturals, Sequences, FiniteSets, Bags, TLC, NDJson, TraceProgress

CONSTANTS
    TraceFile,   \* absolute path of the NDJSON trace
    RelaxLine    \* 0; or a line whose "state"/"sent" checks are skipped, to
                 \* learn what the spec itself does there (rejection reports)

VARIABLES
    l,           \* the next trace line to match
    specSent     \* the bag of messages the last matched action sent

Trace == NDJsonRead(TraceFile)

\* Values of spec constants that a trace does not fix: client request ids
\* are "<client>:<seq>" strings; tuning knobs of a core (batch sizes) are
\* unbounded, so any logged count is allowed.
TraceRequestIds == STRING \ {""}
TraceUnbounded == 2147483647

Range(s) == {s[k] : k \in DOMAIN s}

SeqToBag(s) == [x \in Range(s) |-> Cardinality({k \in DOMAIN s : s[k] = x})]

\* The messages the matched action sent, as a bag of logged messages, equal
\* those the line logs.
SentMatches(Logged(_), ln) == BagOfAll(Logged, specSent') = SeqToBag(ln.sent)

\* A line's checks: its logged state and its sent messages, where logged.
LineChecked(ln, stateAgrees, sentAgrees) ==
    /\ "state" \in DOMAIN ln => stateAgrees
    /\ "sent" \in DOMAIN ln => sentAgrees

\* A matched line moves the cursor; the relaxed line skips its checks.
Checked(ln, checks) == IF l = RelaxLine THEN TRUE ELSE checks

NoFields == [f \in {} |-> 0]

\* The length of the longest common prefix of the sequences s and t, for
\* the incremental checks of a trace spec (what a step wrote to a log
\* starts after it).  Binary search over whole-prefix comparisons (TLC
\* compares sequences in Java), so a step that appends costs one
\* comparison.  LcpBetween(s, t, lo, hi): the first lo elements agree and
\* the common prefix is at most hi long.
RECURSIVE LcpBetween(_, _, _, _)
LcpBetween(s, t, lo, hi) ==
    IF lo = hi THEN lo
    ELSE LET mid == (lo + hi + 1) \div 2
         IN IF SubSeq(s, 1, mid) = SubSeq(t, 1, mid)
            THEN LcpBetween(s, t, mid, hi) ELSE LcpBetween(s, t, lo, mid - 1)

CommonPrefixLen(s, t) ==
    LET m == IF Len(s) <= Len(t) THEN Len(s) ELSE Len(t)
    IN IF SubSeq(s, 1, m) = SubSeq(t, 1, m) THEN m ELSE LcpBetween(s, t, 0, m - 1)

(* What the validator learns about the explored states (TraceProgress).    *)
(* Every state reports its cursor l.  Only a diagnostic run (RelaxLine > 0, *)
(* after a rejection at RelaxLine) also reports the protocol's diagnostic  *)
(* view for the states at lines RelaxLine and RelaxLine + 1: building it   *)
(* for every state would cost much of a validation.                        *)
ProgressViewOf(diagnostic) ==
    IF RelaxLine > 0 /\ l \in {RelaxLine, RelaxLine + 1}
    THEN diagnostic ELSE NoFields

\* The state constraint: report progress; stop as soon as the whole trace
\* is matched, or in a diagnostic run as soon as every state after the
\* relaxed line has been generated (breadth-first: the first state two
\* lines further is generated after all of them).
TraceConstraintOf(progressView) ==
    /\ TraceProgress(l, progressView)
    /\ \/ l > Len(Trace)
       \/ RelaxLine > 0 /\ l > RelaxLine + 1
       => TLCSet("exit", TRUE)

=============================================================================
