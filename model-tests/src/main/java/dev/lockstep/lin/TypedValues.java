package dev.lockstep.lin;

import dev.lockstep.base.Bytes;
import dev.lockstep.lin.ModelValue.HashV;
import dev.lockstep.lin.ModelValue.ListV;
import dev.lockstep.lin.ModelValue.SetV;
import dev.lockstep.lin.ModelValue.Str;
import dev.lockstep.lin.ModelValue.ZSetV;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;

/** The model's typed access to a key's value: the value as a type, or WRONGTYPE; copies to change. */
final class TypedValues {
    private TypedValues() {}

    static Bytes string(ModelValue v) throws Failure {
        return v == null ? null : typed(v, Str.class).value();
    }

    static HashV hash(ModelValue v) throws Failure {
        return v == null ? null : typed(v, HashV.class);
    }

    static ListV list(ModelValue v) throws Failure {
        return v == null ? null : typed(v, ListV.class);
    }

    static SetV setOf(ModelValue v) throws Failure {
        return v == null ? null : typed(v, SetV.class);
    }

    static ZSetV zset(ModelValue v) throws Failure {
        return v == null ? null : typed(v, ZSetV.class);
    }

    static <T extends ModelValue> T typed(ModelValue v, Class<T> type) throws Failure {
        if (!type.isInstance(v)) {
            throw new Failure(KvModel.WRONG_TYPE);
        }
        return type.cast(v);
    }

    static TreeMap<Bytes, Bytes> hashCopy(ModelValue v) throws Failure {
        HashV h = hash(v);
        return h == null ? new TreeMap<>() : new TreeMap<>(h.fields());
    }

    static List<Bytes> listCopy(ModelValue v) throws Failure {
        ListV l = list(v);
        return l == null ? new ArrayList<>() : new ArrayList<>(l.items());
    }

    static TreeSet<Bytes> setCopy(ModelValue v) throws Failure {
        SetV set = setOf(v);
        return set == null ? new TreeSet<>() : new TreeSet<>(set.members());
    }

    static TreeMap<Bytes, Double> zsetCopy(ModelValue v) throws Failure {
        ZSetV z = zset(v);
        return z == null ? new TreeMap<>() : new TreeMap<>(z.scores());
    }

    /** LRANGE/ZRANGE index rules: negative counts from the end, out-of-range ends are clamped. */
    static <T> List<T> range(List<T> items, long start, long stop) {
        long n = items.size();
        if (start < 0) {
            start += n;
        }
        if (stop < 0) {
            stop += n;
        }
        if (start < 0) {
            start = 0;
        }
        if (start > stop || start >= n) {
            return List.of();
        }
        if (stop >= n) {
            stop = n - 1;
        }
        return items.subList((int) start, (int) stop + 1);
    }

    /**
     * True when an observed result is the one the specification gives. Errors match any error:
     * their text is the implementation's, the fact of failing is the specification's.
     */
}
