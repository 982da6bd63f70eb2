package dev.lockstep.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lockstep.base.Prng;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimTimeTest {

    @Test
    void firesByTimeThenBySchedulingOrder() {
        SimTime time = new SimTime();
        Prng rng = new Prng(3);
        List<long[]> expected = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            long at = rng.nextInt(300);
            time.at(at, new SimEvent.ClientStart(i));
            expected.add(new long[] {at, i});
        }
        expected.sort(Comparator.<long[]>comparingLong(e -> e[0]).thenComparingLong(e -> e[1]));
        for (long[] e : expected) {
            SimEvent.ClientStart fired = (SimEvent.ClientStart) time.next();
            assertEquals(e[1], fired.client());
            assertEquals(e[0], time.now());
        }
        assertEquals(5_000, time.fired());
        assertThrows(IllegalArgumentException.class, () -> time.at(time.now() - 1, new SimEvent.Heal()));
    }
}
