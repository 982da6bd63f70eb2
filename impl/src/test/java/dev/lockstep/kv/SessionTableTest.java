package dev.lockstep.kv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class SessionTableTest {

    @Test
    void evictsTheLeastRecentlyUsedClientDeterministically() {
        SessionTable table = new SessionTable(2);
        table.record(new RequestId(1, 1), new Result.Int(1));
        table.record(new RequestId(2, 1), new Result.Int(2));
        table.record(new RequestId(1, 2), new Result.Int(3)); // client 1 touched again
        table.record(new RequestId(3, 1), new Result.Int(4)); // evicts client 2
        assertEquals(2, table.size());
        assertNull(table.lookup(new RequestId(2, 1)));
        assertEquals(new Result.Int(1), table.lookup(new RequestId(1, 1)));
        assertEquals(new Result.Int(4), table.lookup(new RequestId(3, 1)));
    }

    @Test
    void unknownRequestOfAKnownClientIsNotApplied() {
        SessionTable table = new SessionTable(10);
        table.record(new RequestId(1, 5), Result.Ok.INSTANCE);
        assertNull(table.lookup(new RequestId(1, 6)));
        assertNull(table.lookup(new RequestId(1, 4)), "below the newest but within the window: not seen yet");
    }
}
