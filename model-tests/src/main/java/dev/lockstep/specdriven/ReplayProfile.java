package dev.lockstep.specdriven;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;
import java.util.TreeSet;

/**
 * How a protocol's spec steps map onto stimuli of its core, for {@link SpecReplay}; the generator
 * module states it (its {@code ReplayProfile}, logged with the initial state), so this module
 * names no protocol. Every step a behaviour names is one of: a network step (the driver drops or
 * duplicates a message in flight); a stimulus (a timeout: ticks until the core logs it; a client
 * request; a restart; or any step that names a message: the driver delivers that message); or a
 * local step the core takes by itself in the same event as the stimulus before it (e.g.
 * BecomeLeader on the deciding vote), which the driver only matches. Steps in
 * {@code coreInitiative} are ones the core takes at its own discretion and the generator leaves
 * out (appends, heartbeats): their lines are passed over, their messages stay in flight, and no
 * spec step ever delivers them.
 *
 * @param timeout the step a core's timer takes (ticked until the core logs it; messages outside
 *     the spec, such as MultiPaxos's pre-prepare round, are delivered after each tick)
 * @param request the client-request step; its {@code params.id} is "client:seq"
 * @param restart the crash-and-recover step
 * @param local steps the core takes in the same event as the step before them
 * @param coreInitiative steps the core takes on its own, passed over when the spec does not name them
 * @param keepMessage receipts after which the spec keeps the message in flight for the action
 *     that handles it (UpdateTerm, ObserveBallot); the core handles it in the same event, so the
 *     driver keeps a copy in flight too and removes it when the spec's handling step comes
 * @param setFields fields of a node's state the spec writes from sets (compared without order)
 * @param maxTicks how many ticks a timeout may take before the replay calls it missing
 */
record ReplayProfile(String timeout, String request, String restart, Set<String> local,
        Set<String> coreInitiative, Set<String> keepMessage, Set<String> setFields, int maxTicks) {

    static final String DROP = "DropMessage";
    static final String DUPLICATE = "DuplicateMessage";
    static final int MAX_TICKS = 1000;

    /** The profile a generator logged with its initial state (field {@code replay}). */
    static ReplayProfile fromInit(JsonNode init) {
        JsonNode r = init.path("replay");
        if (!r.isObject()) {
            throw new IllegalArgumentException("the generator's initial state logs no 'replay' profile: " + init);
        }
        return new ReplayProfile(text(r, "timeout"), text(r, "request"), text(r, "restart"), names(r, "local"),
                names(r, "coreInitiative"), names(r, "keepMessage"), names(r, "setFields"), MAX_TICKS);
    }

    private static String text(JsonNode r, String field) {
        if (!r.path(field).isTextual()) {
            throw new IllegalArgumentException("the replay profile has no '" + field + "': " + r);
        }
        return r.get(field).asText();
    }

    private static Set<String> names(JsonNode r, String field) {
        Set<String> out = new TreeSet<>();
        r.path(field).forEach(n -> out.add(n.asText()));
        return Set.copyOf(out);
    }
}
