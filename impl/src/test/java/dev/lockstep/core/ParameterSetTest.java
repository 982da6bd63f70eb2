package dev.lockstep.core;

import dev.lockstep.base.Prng;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.common.LeaderTuning;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParameterSetTest {
    private static final ParameterSet SET = LeaderTuning.PARAMETERS;

    @Test
    void unsetParametersTakeTheirServerDefaults() {
        Parameters p = SET.of(Map.of("heartbeatTicks", 3));
        assertEquals(3, p.get("heartbeatTicks"));
        assertEquals(50, p.get("electionTicksMin"));
        assertEquals(SET.defaults().get("snapshotEvery"), p.get("snapshotEvery"));
    }

    @Test
    void anUnknownNameAValueOutOfRangeAndABrokenRuleAreRejectedByName() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> SET.of(Map.of("electionTicks", 3)));
        assertTrue(unknown.getMessage().contains("unknown parameter 'electionTicks'")
                && unknown.getMessage().contains("electionTicksMin"), unknown.getMessage());
        IllegalArgumentException range = assertThrows(IllegalArgumentException.class,
                () -> SET.of(Map.of("maxInflight", 0)));
        assertTrue(range.getMessage().contains("'maxInflight'") && range.getMessage().contains("1.."), range.getMessage());
        IllegalArgumentException rule = assertThrows(IllegalArgumentException.class,
                () -> SET.of(Map.of("heartbeatTicks", 60)));
        assertTrue(rule.getMessage().contains("heartbeatTicks < electionTicksMin"), rule.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SET.of(Map.of("snapshotEvery", 1L << 40)));
    }

    @Test
    void aSeedDrawsTheSameValuesEveryTime() {
        assertEquals(SET.draw(new Prng(5)), SET.draw(new Prng(5)));
        assertTrue(SET.draw(new Prng(5)).get("electionTicksMin") <= 16, "simulation timeouts are short");
    }

    @Test
    void parametersDescribeThemselvesInDeclarationOrder() {
        assertTrue(SET.defaults().describe().startsWith("electionTicksMin=50 electionTicksMax=100 heartbeatTicks=5"));
        assertEquals("(no parameters)", ParameterSet.NONE.defaults().describe());
    }
}
