package dev.lockstep.sim;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * jqwik generators of fault schedules. Node numbers stay within 0..3 (0 = the current leader) so
 * a schedule fits a cluster of 3 or 5, and times within the shortest faults phase (2 s). jqwik
 * shrinks a failing schedule by dropping events and by shortening times and durations.
 */
final class Schedules {
    private Schedules() {}

    static Arbitrary<FaultSchedule> schedules() {
        return event().list().ofMaxSize(12).map(FaultSchedule::new);
    }

    static Arbitrary<FaultEvent> event() {
        Arbitrary<Long> at = Arbitraries.longs().between(0, 1_999);
        Arbitrary<Long> duration = Arbitraries.longs().between(0, 1_500);
        Arbitrary<Integer> node = Arbitraries.integers().between(0, 3);
        Arbitrary<FaultEvent> partition = Combinators.combine(at, duration,
                Arbitraries.integers().between(0, 3).set().ofMinSize(1).ofMaxSize(2),
                Arbitraries.of(FaultEvent.Mode.class))
                .as((a, d, side, mode) -> new FaultEvent.Partition(a, d, List.copyOf(new java.util.TreeSet<>(side)),
                        mode));
        Arbitrary<FaultEvent> crash = Combinators.combine(at, duration, node).as(FaultEvent.Crash::new);
        Arbitrary<FaultEvent> pause = Combinators.combine(at, duration, node).as(FaultEvent.Pause::new);
        return Arbitraries.oneOf(partition, crash, pause);
    }

    /** Seeds are kept away from 0 so shrinking a seed does not collapse onto one scenario. */
    static Arbitrary<Long> seeds() {
        return Arbitraries.longs().between(1, Long.MAX_VALUE / 2).withoutEdgeCases();
    }
}
