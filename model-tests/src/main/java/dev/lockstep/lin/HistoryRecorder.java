package dev.lockstep.lin;

import dev.lockstep.kv.Command;
import dev.lockstep.kv.Result;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds a {@link History} while a system runs: {@link #invoke} when a client sends a request,
 * {@link #complete} when it gets a definite answer. An operation never completed (the client
 * timed out, or its answer was {@link Result#isDefinite() indefinite}) has an unknown outcome.
 * Not thread-safe: callers recording from several threads must serialise the calls.
 */
public final class HistoryRecorder {
    private final List<Command> commands = new ArrayList<>();
    private final List<Long> clients = new ArrayList<>();
    private final List<Long> invokes = new ArrayList<>();
    private final List<Long> responses = new ArrayList<>();
    private final List<Result> results = new ArrayList<>();

    /** Records an invocation and returns its operation id. */
    public int invoke(long client, Command command, long time) {
        commands.add(command);
        clients.add(client);
        invokes.add(time);
        responses.add(Operation.NEVER);
        results.add(null);
        return commands.size() - 1;
    }

    /**
     * Records the answer of operation {@code op}. An indefinite result ({@code NotLeader},
     * {@code Unknown}) leaves the outcome unknown.
     */
    public void complete(int op, Result result, long time) {
        if (results.get(op) != null) {
            throw new IllegalStateException("operation " + op + " already completed");
        }
        if (result.isDefinite()) {
            responses.set(op, Math.max(time, invokes.get(op)));
            results.set(op, result);
        }
    }

    public boolean isCompleted(int op) {
        return results.get(op) != null;
    }

    public int size() {
        return commands.size();
    }

    /** The history so far; operations without a definite answer are unknown. */
    public History history() {
        List<Operation> ops = new ArrayList<>(commands.size());
        for (int i = 0; i < commands.size(); i++) {
            ops.add(new Operation(i, clients.get(i), commands.get(i), invokes.get(i), responses.get(i),
                    results.get(i)));
        }
        return new History(ops);
    }
}
