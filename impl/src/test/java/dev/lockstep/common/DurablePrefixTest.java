package dev.lockstep.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DurablePrefixTest {

    @Test
    void growsOnlyWhenTheRuntimeReportsAPersistDurable() {
        DurablePrefix prefix = new DurablePrefix();
        long first = prefix.issue(3);
        long second = prefix.issue(5);
        assertEquals(0, prefix.durable());
        assertTrue(prefix.persisted(first));
        assertEquals(3, prefix.durable());
        assertFalse(prefix.persisted(first), "nothing new");
        assertTrue(prefix.persisted(second));
        assertEquals(5, prefix.durable());
    }

    @Test
    void aRewrittenSuffixIsNotDurableEvenIfAnEarlierPersistCompletes() {
        DurablePrefix prefix = new DurablePrefix();
        long seq = prefix.issue(6);
        prefix.forgetFrom(4);
        prefix.persisted(seq);
        assertEquals(3, prefix.durable());
    }

    @Test
    void recoveryStartsANewSequenceWithTheRecoveredLogDurable() {
        DurablePrefix prefix = new DurablePrefix();
        prefix.issue(2);
        prefix.recovered(7);
        assertEquals(7, prefix.durable());
        assertEquals(1, prefix.issue(8));
    }
}
