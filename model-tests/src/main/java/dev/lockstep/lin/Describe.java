package dev.lockstep.lin;

import dev.lockstep.base.Bytes;
import dev.lockstep.kv.Command;
import dev.lockstep.kv.Result;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** Short human-readable forms of commands and results for failure reports. */
public final class Describe {
    private Describe() {}

    public static String command(Command c) {
        if (c instanceof Command.Timed t) {
            return command(t.command()) + " @" + t.nowMillis();
        } else if (c instanceof Command.Acked a) {
            return command(a.command());
        } else if (c instanceof Command.Get g) {
            return "GET " + g.key();
        } else if (c instanceof Command.Put p) {
            String cond = p.condition() == Command.Condition.ALWAYS ? "" : " " + p.condition();
            return "PUT " + p.key() + "=" + p.value() + cond;
        } else if (c instanceof Command.Delete d) {
            return "DEL " + d.key();
        } else if (c instanceof Command.Cas cas) {
            return "CAS " + cas.key() + " " + value(cas.expected()) + "->" + cas.newValue();
        } else if (c instanceof Command.Incr i) {
            return "INCR " + i.key() + " " + i.delta();
        } else if (c instanceof Command.Txn t) {
            String compares = t.compares().stream()
                    .map(cmp -> cmp.key() + "==" + value(cmp.expected()))
                    .collect(Collectors.joining(" && "));
            String ops = t.ops().stream().map(Describe::command).collect(Collectors.joining("; "));
            String watches = t.watches().stream()
                    .map(w -> "WATCH " + w.key() + "@" + w.version() + " ")
                    .collect(Collectors.joining());
            return "TXN{" + watches + (compares.isEmpty() ? "" : "if " + compares + " then ") + ops + "}";
        } else if (c instanceof Command.Redis r) {
            StringBuilder sb = new StringBuilder(r.argv().get(0).utf8().toUpperCase(java.util.Locale.ROOT));
            for (Bytes arg : r.argv().subList(1, r.argv().size())) {
                sb.append(' ').append(arg);
            }
            return sb.toString();
        }
        return String.valueOf(c);
    }

    public static String result(Result r) {
        if (r instanceof Result.Value v) {
            return value(v.value());
        } else if (r instanceof Result.Int i) {
            return "(int) " + i.value();
        } else if (r instanceof Result.Multi m) {
            return m.results().stream().map(Describe::result).collect(Collectors.joining(", ", "[", "]"));
        } else if (r instanceof Result.Array a) {
            return a.elements().stream().map(Describe::result).collect(Collectors.joining(", ", "*[", "]"));
        } else if (r instanceof Result.Status st) {
            return "+" + st.text();
        } else if (r instanceof Result.Score sc) {
            return "(score) " + KvModel.formatScore(sc.value());
        } else if (r instanceof Result.Error e) {
            return e.message().startsWith("ERR") || e.message().startsWith("WRONGTYPE")
                    ? e.message() : "ERR " + e.message();
        }
        return r.getClass().getSimpleName();
    }

    static String value(Optional<Bytes> v) {
        return v.map(b -> "'" + b + "'").orElse("nil");
    }

    static String keys(List<Bytes> keys) {
        return keys.stream().map(Bytes::toString).collect(Collectors.joining(",", "{", "}"));
    }
}
