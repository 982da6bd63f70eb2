package dev.lockstep.server.resp;

import dev.lockstep.base.Bytes;
import dev.lockstep.kv.Command;
import dev.lockstep.kv.redis.CommandSpec;
import dev.lockstep.kv.redis.RedisCommands;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The commands of the replicated data model ({@link RedisCommands}: hashes, lists, sets, sorted
 * sets, expiry, keyspace) as client commands: each is one {@link Command.Redis} replied to as
 * Redis replies ({@link Replies#generic}). Commands Lockstep leaves out get an error that says
 * so and why, instead of "unknown command".
 */
final class DataModelCommands {
    private DataModelCommands() {}

    /** Families of Redis commands that are deliberately not implemented, and why (docs/operations.md). */
    private static final Map<String, String> LEFT_OUT = leftOut();

    private static Map<String, String> leftOut() {
        Map<String, String> m = new java.util.HashMap<>();
        String pubsub = "pub/sub is not replicated state and is left out";
        for (String c : List.of("subscribe", "unsubscribe", "psubscribe", "punsubscribe", "publish", "pubsub",
                "ssubscribe", "sunsubscribe", "spublish")) {
            m.put(c, pubsub);
        }
        String scripting = "scripting is left out (a script would have to be deterministic on every replica)";
        for (String c : List.of("eval", "evalsha", "eval_ro", "evalsha_ro", "script", "fcall", "fcall_ro",
                "function")) {
            m.put(c, scripting);
        }
        String streams = "streams are left out";
        for (String c : List.of("xadd", "xread", "xrange", "xrevrange", "xlen", "xdel", "xtrim", "xgroup",
                "xreadgroup", "xack", "xpending", "xclaim", "xautoclaim", "xinfo", "xsetid")) {
            m.put(c, streams);
        }
        String blocking = "blocking commands are left out; poll with the non-blocking form";
        for (String c : List.of("blpop", "brpop", "blmove", "brpoplpush", "bzpopmin", "bzpopmax", "blmpop",
                "bzmpop", "wait", "waitaof")) {
            m.put(c, blocking);
        }
        return m;
    }

    static CommandParser.Parsed parse(String name, List<byte[]> args) {
        CommandSpec spec = RedisCommands.spec(name);
        if (spec == null) {
            String why = LEFT_OUT.get(name);
            return CommandParser.invalid(why == null ? CommandParser.unknownCommand(args)
                    : "ERR '" + name + "' is not supported by Lockstep: " + why + " (see docs/operations.md)");
        }
        if (!spec.arityFits(args.size())) {
            return CommandParser.invalid("ERR wrong number of arguments for '" + name + "' command");
        }
        long bytes = 0;
        for (byte[] a : args) {
            bytes += a.length;
        }
        return new CommandParser.Parsed.Data(redis(name, args, bytes));
    }

    /** {@code args} as one data-model command, its reply as Redis gives it. */
    static KvCommand redis(String name, List<byte[]> args, long bytes) {
        List<Bytes> argv = new ArrayList<>(args.size());
        for (byte[] a : args) {
            argv.add(Bytes.wrap(a));
        }
        return new KvCommand(name, List.of(new Command.Redis(argv)), results -> Replies.generic(results.get(0)), bytes);
    }
}
