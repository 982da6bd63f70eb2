package dev.lockstep.lin;

import dev.lockstep.kv.Command;
import dev.lockstep.kv.Result;

/**
 * One client operation of a history: invoked at {@code invoke}, answered at {@code response}
 * with {@code result}, or of unknown outcome ({@code result == null}, {@code response ==}
 * {@link #NEVER}) when the client gave up. Times are any totally ordered stamps (simulator event
 * numbers, nanoseconds); equal stamps count as concurrent.
 *
 * @param id position in the history, unique
 * @param client the issuing client (for explanations only)
 */
public record Operation(int id, long client, Command command, long invoke, long response, Result result) {

    /** The response time of an operation whose outcome is unknown. */
    public static final long NEVER = Long.MAX_VALUE;

    public Operation {
        if ((result == null) != (response == NEVER)) {
            throw new IllegalArgumentException("an unknown outcome has no response time and vice versa");
        }
        if (response < invoke) {
            throw new IllegalArgumentException("response " + response + " before invoke " + invoke);
        }
    }

    public static Operation completed(int id, long client, Command command, long invoke, long response,
            Result result) {
        return new Operation(id, client, command, invoke, response, result);
    }

    public static Operation unknown(int id, long client, Command command, long invoke) {
        return new Operation(id, client, command, invoke, NEVER, null);
    }

    /** True when the client never learned the outcome: it may take effect after invoke, or never. */
    public boolean isUnknown() {
        return result == null;
    }

    /** The same operation with its outcome forgotten (a weaker constraint). */
    Operation forgetOutcome() {
        return unknown(id, client, command, invoke);
    }

    @Override
    public String toString() {
        String end = isUnknown() ? "?" : Long.toString(response);
        String outcome = isUnknown() ? "unknown" : Describe.result(result);
        return "#" + id + " client " + client + " [" + invoke + ".." + end + "] "
                + Describe.command(command) + " -> " + outcome;
    }
}
