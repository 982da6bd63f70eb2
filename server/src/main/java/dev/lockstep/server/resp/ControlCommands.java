package dev.lockstep.server.resp;

import dev.lockstep.kv.redis.CommandSpec;
import dev.lockstep.kv.redis.RedisCommands;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Replies of the connection and server commands that do not touch data: PING, ECHO, INFO,
 * COMMAND (minimal, enough for redis-cli), and the reply map of HELLO.
 */
final class ControlCommands {
    private ControlCommands() {}

    static RespReply ping(List<byte[]> args) {
        if (args.size() > 2) {
            return new RespReply.Err("ERR wrong number of arguments for 'ping' command");
        }
        return args.size() == 1 ? new RespReply.Simple("PONG") : new RespReply.Bulk(args.get(1));
    }

    static RespReply info(ServerView view, ClientStats clients, List<byte[]> args) {
        Set<String> wanted = new TreeSet<>();
        for (int i = 1; i < args.size(); i++) {
            wanted.add(CommandParser.lower(args.get(i)));
        }
        return RespReply.bulk(InfoReport.render(view, clients, wanted));
    }

    /** SELECT index: Lockstep has one database, 0. */
    static RespReply select(List<byte[]> args) {
        try {
            long index = CommandParser.integer(args.get(1));
            return index == 0 ? RespReply.OK : new RespReply.Err("ERR DB index is out of range");
        } catch (CommandParser.BadCommand e) {
            return new RespReply.Err(e.getMessage());
        }
    }

    /** HELLO's answer: who we are, in the (new) protocol version. */
    static RespReply helloMap(ServerView view, long connectionId, int protocol) {
        List<RespReply> kv = new ArrayList<>();
        pair(kv, "server", RespReply.bulk("lockstep"));
        pair(kv, "version", RespReply.bulk(InfoReport.VERSION));
        pair(kv, "proto", new RespReply.Int(protocol));
        pair(kv, "id", new RespReply.Int(connectionId));
        pair(kv, "mode", RespReply.bulk("standalone"));
        pair(kv, "role", RespReply.bulk(view.status().leading() ? "master" : "replica"));
        pair(kv, "modules", new RespReply.Arr(List.of()));
        return new RespReply.MapReply(kv);
    }

    private static void pair(List<RespReply> kv, String key, RespReply value) {
        kv.add(RespReply.bulk(key));
        kv.add(value);
    }

    /** COMMAND, COMMAND COUNT, COMMAND INFO name..., COMMAND DOCS (empty). */
    static RespReply command(List<byte[]> args) {
        if (args.size() == 1) {
            List<RespReply> all = new ArrayList<>();
            CommandParser.COMMANDS.values().forEach(spec -> all.add(describe(spec)));
            RedisCommands.all().values().stream().filter(spec -> !CommandParser.COMMANDS.containsKey(spec.name()))
                    .forEach(spec -> all.add(describe(spec)));
            return new RespReply.Arr(all);
        }
        String sub = CommandParser.lower(args.get(1));
        switch (sub) {
            case "count" -> {
                return new RespReply.Int(CommandParser.COMMANDS.size() + RedisCommands.all().keySet().stream()
                        .filter(name -> !CommandParser.COMMANDS.containsKey(name)).count());
            }
            case "docs" -> {
                return new RespReply.MapReply(List.of());
            }
            case "info" -> {
                List<RespReply> out = new ArrayList<>();
                for (int i = 2; i < args.size(); i++) {
                    String name = CommandParser.lower(args.get(i));
                    CommandParser.Spec spec = CommandParser.COMMANDS.get(name);
                    CommandSpec model = RedisCommands.spec(name);
                    out.add(spec != null ? describe(spec) : model != null ? describe(model) : RespReply.NULL_ARRAY);
                }
                return new RespReply.Arr(out);
            }
            default -> {
                return new RespReply.Err("ERR unknown subcommand '" + sub + "'. Try COMMAND, COMMAND COUNT, "
                        + "COMMAND INFO or COMMAND DOCS.");
            }
        }
    }

    /** One COMMAND entry: name, arity, flags, first key, last key, key step. */
    private static RespReply describe(CommandParser.Spec spec) {
        boolean keyed = spec.data();
        int last = !keyed ? 0 : Math.abs(spec.arity()) == spec.arity() ? 1 : -1;
        int step = spec.name().equals("mset") ? 2 : 1;
        return new RespReply.Arr(List.of(
                RespReply.bulk(spec.name()),
                new RespReply.Int(spec.arity()),
                new RespReply.Arr(List.of(new RespReply.Simple(spec.flags()))),
                new RespReply.Int(keyed ? 1 : 0),
                new RespReply.Int(last),
                new RespReply.Int(keyed ? step : 0)));
    }

    /** One COMMAND entry of a data-model command. */
    private static RespReply describe(CommandSpec spec) {
        return new RespReply.Arr(List.of(
                RespReply.bulk(spec.name()),
                new RespReply.Int(spec.arity()),
                new RespReply.Arr(List.of(new RespReply.Simple(spec.readOnly() ? "readonly" : "write"))),
                new RespReply.Int(spec.firstKey()),
                new RespReply.Int(spec.lastKey()),
                new RespReply.Int(spec.step())));
    }

    static String text(byte[] arg) {
        return new String(arg, StandardCharsets.UTF_8);
    }

    static String upper(byte[] arg) {
        return text(arg).toUpperCase(Locale.ROOT);
    }
}
