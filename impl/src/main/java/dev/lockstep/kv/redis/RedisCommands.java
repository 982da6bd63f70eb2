package dev.lockstep.kv.redis;

import dev.lockstep.base.Bytes;
import dev.lockstep.kv.Result;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The Redis commands of the replicated data model (strings, hashes, lists, sets, sorted sets,
 * keyspace and expiry), by lower-case name. The same table serves the server's parser (arity,
 * read or write), the protocols (keys, for conflicts) and the state machine (the handler).
 */
public final class RedisCommands {
    private static final Map<String, CommandSpec> TABLE = build();

    private RedisCommands() {}

    private static Map<String, CommandSpec> build() {
        Table t = new Table();
        StringCommands.register(t);
        KeyCommands.register(t);
        ExpiryCommands.register(t);
        HashCommands.register(t);
        ListCommands.register(t);
        SetCommands.register(t);
        ZSetCommands.register(t);
        return Collections.unmodifiableMap(t.specs);
    }

    /** The command named {@code name} (any case), or null. */
    public static CommandSpec spec(String name) {
        return TABLE.get(name.toLowerCase(Locale.ROOT));
    }

    /** Every command, by name. */
    public static Map<String, CommandSpec> all() {
        return TABLE;
    }

    /**
     * Runs {@code argv} (a known command with a fitting arity) against {@code db}; a
     * deterministic failure is a {@link Result.Error} whose message starts with its Redis code.
     */
    public static Result run(Db db, List<Bytes> argv) {
        CommandSpec spec = spec(argv.get(0).utf8());
        if (spec == null || !spec.arityFits(argv.size())) {
            throw new IllegalArgumentException("not a runnable command: " + argv.get(0).utf8());
        }
        try {
            return spec.handler().run(db, new Args(argv));
        } catch (RedisError e) {
            return new Result.Error(e.getMessage());
        }
    }

    /** Where command groups register their commands. */
    public static final class Table {
        private final Map<String, CommandSpec> specs = new LinkedHashMap<>();

        /** A command that reads ({@code readOnly}) or writes the keys at first..last by step. */
        public void add(String name, int arity, boolean readOnly, int firstKey, int lastKey, int step, Handler h) {
            put(new CommandSpec(name, arity, readOnly, firstKey, lastKey, step, false, h));
        }

        /** A command on one key, the first argument. */
        public void oneKey(String name, int arity, boolean readOnly, Handler h) {
            add(name, arity, readOnly, 1, 1, 1, h);
        }

        /** A command that reads or writes every key (ordered against every command). */
        public void everyKey(String name, int arity, boolean readOnly, Handler h) {
            put(new CommandSpec(name, arity, readOnly, 0, 0, 0, true, h));
        }

        private void put(CommandSpec spec) {
            if (specs.putIfAbsent(spec.name(), spec) != null) {
                throw new IllegalStateException("command registered twice: " + spec.name());
            }
        }
    }
}
