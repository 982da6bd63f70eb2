package dev.lockstep.tlc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CounterexampleFormatterTest {

    private static TraceState state(int n, String action, String location, String x, String msgs) {
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put("x", x);
        vars.put("msgs", msgs);
        return new TraceState(n, action, location, vars);
    }

    @Test
    void printsTheFirstStateInFullThenChangesAndTheLoop() {
        Counterexample c = new Counterexample(List.of(
                state(1, TraceState.INITIAL, "", "0", "<<>>"),
                state(2, "Send", "Loop.tla line 5", "1", "([m |-> 1] :> 1)"),
                state(3, "Noop", "Loop.tla line 9", "1", "([m |-> 1] :> 1)")),
                "then loops back to state 2 via Send");
        assertEquals(List.of(
                "  1. Initial predicate",
                "      x    = 0",
                "      msgs = <<>>",
                "",
                "  2. Send   (Loop.tla line 5)",
                "      x = 1   (was 0)",
                "      msgs + [m |-> 1] :> 1",
                "",
                "  3. Noop   (Loop.tla line 9)",
                "      (no variable changed)",
                "",
                "   ... then loops back to state 2 via Send"), new CounterexampleFormatter(100).format(c));
    }
}
