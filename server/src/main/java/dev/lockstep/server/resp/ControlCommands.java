package dev.lockstep.server.resp;

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
            return new RespReply.Arr(CommandParser.COMMANDS.values().stream().map(ControlCommands::describe).toList());
        }
        String sub = CommandParser.lower(args.get(1));
        switch (sub) {
            case "count" -> {
                return new RespReply.Int(CommandParser.COMMANDS.size());
            }
            case "docs" -> {
                return new RespReply.MapReply(List.of());
            }
            case "info" -> {
                List<RespReply> out = new ArrayList<>();
                for (int i = 2; i < args.size(); i++) {
                    CommandParser.Spec spec = CommandParser.COMMANDS.get(CommandParser.lower(args.get(i)));
                    out.add(spec == null ? RespReply.NULL_ARRAY : describe(spec));
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

    static String text(byte[] arg) {
        return new String(arg, StandardCharsets.UTF_8);
    }

    static String upper(byte[] arg) {
        return text(arg).toUpperCase(Locale.ROOT);
    }
}
