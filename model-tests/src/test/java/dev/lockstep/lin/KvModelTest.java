package dev.lockstep.lin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.base.Bytes;
import dev.lockstep.core.Prng;
import dev.lockstep.kv.Command;
import dev.lockstep.kv.KvStore;
import dev.lockstep.kv.Result;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The checker's own specification agrees with the store's implementation on random commands. */
class KvModelTest {
    private static final List<Bytes> KEYS = List.of(Bytes.utf8("a"), Bytes.utf8("b"), Bytes.utf8("c"));
    private static final List<String> VALUES = List.of("0", "1", "7", "x", "-3");

    @Test
    void modelMatchesKvStoreOnRandomCommands() {
        long seed = 20240611L;
        System.out.println("KvModelTest seed " + seed);
        Prng rng = new Prng(seed);
        KeySlots slots = new KeySlots(KEYS);
        for (int run = 0; run < 200; run++) {
            KvStore store = new KvStore();
            ModelState state = ModelState.empty(KEYS.size());
            for (int step = 0; step < 40; step++) {
                Command c = randomCommand(rng, true);
                Result actual = store.apply(c);
                KvModel.Outcome expected = KvModel.apply(state, slots, c);
                assertTrue(KvModel.matches(expected.result(), actual), c + ": model " + expected.result()
                        + " store " + actual);
                state = expected.state();
                Bytes[] values = state.copyValues();
                for (int k = 0; k < KEYS.size(); k++) {
                    assertEquals(store.get(KEYS.get(k)), Optional.ofNullable(values[k]));
                }
            }
        }
    }

    static Command randomCommand(Prng rng, boolean allowTxn) {
        Bytes key = KEYS.get(rng.nextInt(KEYS.size()));
        Bytes value = Bytes.utf8(VALUES.get(rng.nextInt(VALUES.size())));
        Optional<Bytes> expected = rng.chance(0.3) ? Optional.empty() : Optional.of(value);
        int kind = rng.nextInt(allowTxn ? 8 : 7);
        switch (kind) {
            case 0: return new Command.Get(key);
            case 1: return new Command.Put(key, value, Command.Condition.values()[rng.nextInt(3)]);
            case 2: return new Command.Delete(key);
            case 3: return new Command.Cas(key, expected, value);
            case 4: return new Command.Incr(key, rng.nextIntInclusive(-2, 3));
            case 5: return new Command.Incr(key, Long.MAX_VALUE);
            case 6: return new Command.Get(key);
            default:
                List<Command.Compare> compares = new ArrayList<>();
                List<Command> ops = new ArrayList<>();
                for (int i = rng.nextInt(2); i > 0; i--) {
                    compares.add(new Command.Compare(KEYS.get(rng.nextInt(KEYS.size())), expected));
                }
                for (int i = rng.nextInt(3); i >= 0; i--) {
                    ops.add(randomCommand(rng, false));
                }
                return new Command.Txn(compares, ops);
        }
    }
}
