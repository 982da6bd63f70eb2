package dev.lockstep.server.resp;

import dev.lockstep.base.Bytes;
import dev.lockstep.kv.Command;
import dev.lockstep.kv.Result;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Parses a client command's arguments: data commands become a {@link KvCommand}, connection and
 * server commands stay {@link Parsed.Control} for the connection handler, and everything else is
 * the same error Redis gives (unknown command, wrong number of arguments, syntax error).
 */
final class CommandParser {

    sealed interface Parsed {
        /** A data command. */
        record Data(KvCommand command) implements Parsed {}

        /** A connection or server command (PING, MULTI, INFO, ...); {@code name} is lower case. */
        record Control(String name, List<byte[]> args) implements Parsed {}

        /** Not a valid command; the reply says why. */
        record Invalid(RespReply error) implements Parsed {}
    }

    /** Redis-style arity: n means exactly n arguments (name included), -n at least n. */
    record Spec(String name, int arity, boolean data, String flags) {}

    static final Map<String, Spec> COMMANDS = table(
            new Spec("get", 2, true, "readonly"),
            new Spec("set", -3, true, "write"),
            new Spec("del", -2, true, "write"),
            new Spec("exists", -2, true, "readonly"),
            new Spec("mget", -2, true, "readonly"),
            new Spec("mset", -3, true, "write"),
            new Spec("incr", 2, true, "write"),
            new Spec("decr", 2, true, "write"),
            new Spec("incrby", 3, true, "write"),
            new Spec("decrby", 3, true, "write"),
            new Spec("multi", 1, false, "fast"),
            new Spec("watch", -2, false, "fast"),
            new Spec("unwatch", 1, false, "fast"),
            new Spec("select", 2, false, "fast"),
            new Spec("exec", 1, false, "write"),
            new Spec("discard", 1, false, "fast"),
            new Spec("ping", -1, false, "fast"),
            new Spec("echo", 2, false, "fast"),
            new Spec("hello", -1, false, "fast"),
            new Spec("info", -1, false, "loading"),
            new Spec("command", -1, false, "loading"),
            new Spec("client", -2, false, "admin"),
            new Spec("quit", -1, false, "fast"));

    private CommandParser() {}

    private static Map<String, Spec> table(Spec... specs) {
        Map<String, Spec> map = new java.util.LinkedHashMap<>();
        for (Spec s : specs) {
            map.put(s.name(), s);
        }
        return java.util.Collections.unmodifiableMap(map);
    }

    static Parsed parse(List<byte[]> args) {
        String name = lower(args.get(0));
        Spec spec = COMMANDS.get(name);
        if (spec == null) {
            return DataModelCommands.parse(name, args);
        }
        int n = args.size();
        if (spec.arity() > 0 ? n != spec.arity() : n < -spec.arity()) {
            return invalid("ERR wrong number of arguments for '" + name + "' command");
        }
        if (!spec.data()) {
            return new Parsed.Control(name, args);
        }
        long bytes = 0;
        for (byte[] a : args) {
            bytes += a.length;
        }
        try {
            return new Parsed.Data(data(name, args, bytes));
        } catch (BadCommand e) {
            return invalid(e.getMessage());
        }
    }

    private static KvCommand data(String name, List<byte[]> args, long bytes) throws BadCommand {
        return switch (name) {
            case "get" -> kv(name, List.of(new Command.Get(key(args, 1))), Replies::get, bytes);
            case "set" -> set(args, bytes);
            case "del" -> kv(name, each(args, 1, k -> new Command.Delete(k)), Replies::delCount, bytes);
            case "exists" -> kv(name, each(args, 1, k -> new Command.Get(k)), Replies::existsCount, bytes);
            case "mget" -> kv(name, each(args, 1, k -> new Command.Get(k)), Replies::values, bytes);
            case "mset" -> mset(args, bytes);
            case "incr" -> incr(name, args, 1, bytes);
            case "decr" -> incr(name, args, -1, bytes);
            case "incrby" -> incr(name, args, integer(args.get(2)), bytes);
            case "decrby" -> incr(name, args, negate(integer(args.get(2))), bytes);
            default -> throw new IllegalStateException("no parser for data command " + name);
        };
    }

    private static KvCommand kv(String name, List<Command> ops, Function<List<Result>, RespReply> shape, long bytes) {
        return new KvCommand(name, ops, shape, bytes);
    }

    /**
     * SET key value [NX | XX | IFEQ old] as a plain put; with expiry or GET options it is the data
     * model's full SET ({@link DataModelCommands}).
     */
    private static KvCommand set(List<byte[]> args, long bytes) throws BadCommand {
        Bytes key = key(args, 1);
        Bytes value = key(args, 2);
        Command.Condition condition = Command.Condition.ALWAYS;
        Optional<Bytes> ifEqual = Optional.empty();
        for (int i = 3; i < args.size(); i++) {
            String option = upper(args.get(i));
            switch (option) {
                case "NX", "XX" -> {
                    Command.Condition wanted = option.equals("NX") ? Command.Condition.IF_ABSENT
                            : Command.Condition.IF_PRESENT;
                    if ((condition != Command.Condition.ALWAYS && condition != wanted) || ifEqual.isPresent()) {
                        throw new BadCommand("ERR syntax error"); // NX twice is accepted, as Redis does
                    }
                    condition = wanted;
                }
                case "IFEQ" -> {
                    if (condition != Command.Condition.ALWAYS || ifEqual.isPresent() || i + 1 >= args.size()) {
                        throw new BadCommand("ERR syntax error");
                    }
                    ifEqual = Optional.of(key(args, ++i));
                }
                case "EX", "PX", "EXAT", "PXAT", "KEEPTTL", "GET" -> {
                    return DataModelCommands.redis("set", args, bytes);
                }
                default -> throw new BadCommand("ERR syntax error");
            }
        }
        Command op = ifEqual.isPresent() ? new Command.Cas(key, ifEqual, value) : new Command.Put(key, value, condition);
        return kv("set", List.of(op), Replies::set, bytes);
    }

    private static KvCommand mset(List<byte[]> args, long bytes) throws BadCommand {
        if (args.size() % 2 != 1) {
            throw new BadCommand("ERR wrong number of arguments for 'mset' command");
        }
        List<Command> ops = new ArrayList<>();
        for (int i = 1; i < args.size(); i += 2) {
            ops.add(new Command.Put(key(args, i), key(args, i + 1)));
        }
        return kv("mset", ops, Replies::allOk, bytes);
    }

    private static KvCommand incr(String name, List<byte[]> args, long delta, long bytes) {
        return kv(name, List.of(new Command.Incr(key(args, 1), delta)), Replies::integer, bytes);
    }

    private static List<Command> each(List<byte[]> args, int from, Function<Bytes, Command> op) {
        List<Command> ops = new ArrayList<>(args.size() - from);
        for (int i = from; i < args.size(); i++) {
            ops.add(op.apply(key(args, i)));
        }
        return ops;
    }

    private static Bytes key(List<byte[]> args, int i) {
        return Bytes.wrap(args.get(i));
    }

    /** A decimal integer as Redis reads it: optional minus, digits, no spaces or plus sign. */
    static long integer(byte[] arg) throws BadCommand {
        String text = new String(arg, StandardCharsets.US_ASCII);
        if (text.isEmpty() || text.startsWith("+") || text.length() > 20) {
            throw new BadCommand("ERR value is not an integer or out of range");
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new BadCommand("ERR value is not an integer or out of range");
        }
    }

    private static long negate(long n) throws BadCommand {
        if (n == Long.MIN_VALUE) {
            throw new BadCommand("ERR decrement would overflow");
        }
        return -n;
    }

    static String unknownCommand(List<byte[]> args) {
        StringBuilder sb = new StringBuilder("ERR unknown command '").append(printable(args.get(0)))
                .append("', with args beginning with:");
        for (int i = 1; i < Math.min(args.size(), 4); i++) {
            sb.append(" '").append(printable(args.get(i))).append('\'');
        }
        return sb.toString();
    }

    private static String printable(byte[] arg) {
        String s = new String(arg, 0, Math.min(arg.length, 128), StandardCharsets.UTF_8);
        return s.replaceAll("[\\r\\n]", " ");
    }

    static String lower(byte[] arg) {
        return new String(arg, StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
    }

    static String upper(byte[] arg) {
        return new String(arg, StandardCharsets.UTF_8).toUpperCase(Locale.ROOT);
    }

    static Parsed invalid(String message) {
        return new Parsed.Invalid(new RespReply.Err(message));
    }

    /** A command that parsed as known but whose arguments are wrong. */
    static final class BadCommand extends Exception {
        private static final long serialVersionUID = 1L;

        BadCommand(String message) {
            super(message, null, false, false);
        }
    }
}
