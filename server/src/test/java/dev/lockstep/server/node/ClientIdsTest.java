package dev.lockstep.server.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.base.NodeId;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Session ids carry the replica id, never repeat within a boot, and differ between replicas. */
class ClientIdsTest {
    @Test
    void idsAreUniquePositiveAndCarryTheReplica() {
        ClientIds ids = new ClientIds(NodeId.of(7), -1L); // base at the top of the range: wraps
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            long id = ids.getAsLong();
            assertTrue(id > 0, "positive: " + id);
            assertEquals(7, id >>> 48);
            assertTrue(seen.add(id), "unique");
        }
    }

    @Test
    void twoReplicasWithTheSameNonceNeverCollide() {
        assertTrue(new ClientIds(NodeId.of(1), 42).getAsLong() != new ClientIds(NodeId.of(2), 42).getAsLong());
    }

    @Test
    void replicaIdsBeyond15BitsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new ClientIds(NodeId.of(40_000), 1));
    }
}
