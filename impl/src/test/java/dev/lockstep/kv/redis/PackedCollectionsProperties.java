package dev.lockstep.kv.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lockstep.base.Bytes;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Small hashes and sorted sets live {@link Packed}; large ones (or ones with a long item) as
 * trees. Either way they answer as a plain map would, across the switch.
 */
class PackedCollectionsProperties {

    record Op(boolean remove, int item, int length, int score) {}

    @Property(tries = 60, seed = "5")
    void hashAnswersAsAMap(@ForAll("ops") List<Op> ops) {
        RedisHash hash = new RedisHash();
        TreeMap<Bytes, Bytes> model = new TreeMap<>();
        for (Op op : ops) {
            Bytes field = item(op);
            if (op.remove()) {
                assertEquals(model.remove(field) != null, hash.remove(field));
            } else {
                Bytes value = Bytes.utf8("v" + op.score());
                assertEquals(model.put(field, value) == null, hash.put(field, value));
            }
            assertEquals(model.size(), hash.size());
            assertEquals(model.get(field), hash.get(field));
        }
        assertEquals(model, hash.entries());
    }

    @Property(tries = 60, seed = "6")
    void sortedSetAnswersAsAMap(@ForAll("ops") List<Op> ops) {
        RedisZSet zset = new RedisZSet();
        Map<Bytes, Double> model = new HashMap<>();
        for (Op op : ops) {
            Bytes member = item(op);
            if (op.remove()) {
                assertEquals(model.remove(member) != null, zset.remove(member));
            } else {
                assertEquals(model.put(member, (double) op.score()) == null, zset.put(member, op.score()));
            }
            assertEquals(model.size(), zset.size());
            assertEquals(model.get(member), zset.score(member));
        }
        TreeSet<RedisZSet.Scored> expected = new TreeSet<>(RedisZSet.ORDER);
        model.forEach((m, s) -> expected.add(new RedisZSet.Scored(s, m)));
        assertEquals(List.copyOf(expected), List.copyOf(zset.ordered()));
        for (RedisZSet.Scored s : expected) {
            assertEquals(expected.headSet(s).size(), zset.rank(s.member()));
        }
    }

    private static Bytes item(Op op) {
        return Bytes.utf8("m" + op.item() + "x".repeat(op.length()));
    }

    /** Up to 600 operations over 300 items, some of them longer than a packed item may be. */
    @Provide
    Arbitrary<List<Op>> ops() {
        return Combinators.combine(Arbitraries.of(true, false, false, false), Arbitraries.integers().between(0, 300),
                Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(30, Arbitraries.just(0)),
                        net.jqwik.api.Tuple.of(1, Arbitraries.just(Packed.MAX_ITEM_BYTES))),
                Arbitraries.integers().between(-5, 5)).as(Op::new).list().ofMaxSize(600);
    }
}
