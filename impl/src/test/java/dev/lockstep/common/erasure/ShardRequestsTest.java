package dev.lockstep.common.erasure;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The shard-request window: d - 1 peers first, nothing asked twice while recent, everyone after a timeout. */
class ShardRequestsTest {
    private static final int[] OTHERS = {0, 1, 3, 4};

    @Test
    void asksDMinusOnePeersForOneWindowAndNotAgainWhileRecent() {
        ShardRequests r = new ShardRequests(4, 3);
        ShardRequests.Request first = r.next(5, 20, OTHERS, 3);
        assertEquals(5, first.from());
        assertEquals(8, first.to());
        assertArrayEquals(new int[] {1, 3}, first.peers(), "d - 1 = 2 peers, chosen by position");
        assertNull(r.next(5, 20, OTHERS, 3), "the window is asked for already");
        ShardRequests.Request later = r.next(7, 20, OTHERS, 3);
        assertEquals(9, later.from(), "the window slides with execution: only what 5..8 did not cover");
        assertEquals(10, later.to());
    }

    @Test
    void extendsTheWindowWithoutRepeatingAndAsksEveryoneAfterTheRetryTime() {
        ShardRequests r = new ShardRequests(4, 3);
        r.next(5, 20, OTHERS, 3);
        ShardRequests.Request more = r.next(8, 20, OTHERS, 3);
        assertEquals(9, more.from(), "slots 5..8 were asked for recently");
        assertEquals(11, more.to());
        assertFalse(r.tick());
        assertFalse(r.tick());
        assertTrue(r.tick(), "three ticks without progress");
        assertEquals(4, r.next(8, 20, OTHERS, 3).peers().length, "a retry asks every peer");
        r.progress();
        r.clear();
        assertEquals(2, r.next(8, 20, OTHERS, 3).peers().length);
    }
}
