package dev.lockstep.common.erasure;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.base.Bytes;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A value as one shard per member and back: any d rebuild it, anything less or foreign does not. */
class ValueShardsTest {
    private static final ValueShards FIVE = new ValueShards(5, 3);
    private static final byte[] VALUE = "a value of some length, not a multiple of three".getBytes(StandardCharsets.UTF_8);

    @Test
    void anyDShardsRebuildTheValueAndFewerDoNot() {
        Shard[] s = FIVE.encode(VALUE);
        assertEquals(5, s.length);
        long digest = s[0].digest();
        assertArrayEquals(VALUE, FIVE.rebuild(digest, List.of(s[4], s[1], s[2])).orElseThrow());
        assertArrayEquals(VALUE, FIVE.rebuild(digest, List.of(s)).orElseThrow());
        assertEquals(Optional.empty(), FIVE.rebuild(digest, List.of(s[0], s[3])));
        assertEquals(Optional.empty(), FIVE.rebuild(digest, List.of(s[0], s[3], s[3])), "an index counts once");
    }

    @Test
    void encodingIsDeterministic() {
        assertEquals(List.of(FIVE.encode(VALUE)), List.of(FIVE.encode(VALUE.clone())));
    }

    @Test
    void shardsOfAnotherValueAndCorruptShardsAreRefused() {
        Shard[] mine = FIVE.encode(VALUE);
        Shard[] other = FIVE.encode("another".getBytes(StandardCharsets.UTF_8));
        long digest = mine[0].digest();
        assertEquals(Optional.empty(), FIVE.rebuild(digest, List.of(mine[0], mine[1], other[2])));
        byte[] bad = mine[2].bytes().toByteArray();
        bad[0] ^= 1;
        Shard corrupt = new Shard(2, digest, Bytes.wrap(bad));
        assertEquals(Optional.empty(), FIVE.rebuild(digest, List.of(mine[0], mine[1], corrupt)));
        assertTrue(FIVE.rebuild(digest, List.of(mine[0], mine[1], corrupt, mine[3])).isEmpty(),
                "the first d present shards are decoded: a corrupt one is caught by the digest, not skipped");
    }
}
