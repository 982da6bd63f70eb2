package dev.lockstep.sim;

import dev.lockstep.base.Bytes;
import dev.lockstep.core.Prng;
import dev.lockstep.kv.Command;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Random client commands over a small key space: GET, PUT (plain, NX, XX), CAS, INCR, DEL and
 * transactions (read-only multi-gets and guarded multi-writes). Written values are unique decimal
 * integers, so a read names the write it saw and INCR works on them; CAS and transaction guards
 * expect one of the key's recently written values, or absence.
 */
final class WorkloadGenerator {
    private final Prng rng;
    private final List<Bytes> keys = new ArrayList<>();
    private final List<List<Bytes>> written = new ArrayList<>();
    private long nextValue = 1;

    WorkloadGenerator(int keyCount, Prng rng) {
        this.rng = rng;
        for (int i = 0; i < keyCount; i++) {
            keys.add(Bytes.utf8("k" + i));
            written.add(new ArrayList<>());
        }
    }

    Command next() {
        int roll = rng.nextInt(100);
        int k = rng.nextInt(keys.size());
        Bytes key = keys.get(k);
        if (roll < 22) {
            return new Command.Get(key);
        } else if (roll < 36) {
            return new Command.Put(key, fresh(k));
        } else if (roll < 40) {
            Command.Condition c = rng.chance(0.5) ? Command.Condition.IF_ABSENT : Command.Condition.IF_PRESENT;
            return new Command.Put(key, fresh(k), c);
        } else if (roll < 55) {
            return new Command.Cas(key, expected(k), fresh(k));
        } else if (roll < 67) {
            return new Command.Incr(key, rng.nextIntInclusive(1, 5));
        } else if (roll < 73) {
            return new Command.Delete(key);
        } else if (roll < 80) {
            int other = rng.nextInt(keys.size());
            return new Command.Txn(List.of(), List.of(new Command.Get(key), new Command.Get(keys.get(other))));
        }
        return guardedWrite(k);
    }

    private Command guardedWrite(int k) {
        int other = rng.nextInt(keys.size());
        List<Command.Compare> compares = rng.chance(0.6)
                ? List.of(new Command.Compare(keys.get(k), expected(k)))
                : List.of();
        Command second = rng.chance(0.5)
                ? new Command.Incr(keys.get(other), 1)
                : new Command.Put(keys.get(other), fresh(other));
        return new Command.Txn(compares, List.of(new Command.Put(keys.get(k), fresh(k)), second,
                new Command.Get(keys.get(other))));
    }

    private Bytes fresh(int k) {
        Bytes v = Bytes.utf8(Long.toString(1000 + nextValue++));
        written.get(k).add(v);
        return v;
    }

    private Optional<Bytes> expected(int k) {
        List<Bytes> values = written.get(k);
        if (values.isEmpty() || rng.chance(0.2)) {
            return Optional.empty();
        }
        int recent = Math.min(3, values.size());
        return Optional.of(values.get(values.size() - 1 - rng.nextInt(recent)));
    }
}
