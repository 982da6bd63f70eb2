package dev.lockstep.tlc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StateDiffTest {

    private static Map<String, TlaValue> state(String... nameValue) {
        Map<String, TlaValue> m = new LinkedHashMap<>();
        for (int i = 0; i < nameValue.length; i += 2) {
            m.put(nameValue[i], TlaValueParser.parse(nameValue[i + 1]));
        }
        return m;
    }

    private static List<String> diff(Map<String, TlaValue> a, Map<String, TlaValue> b) {
        return StateDiff.lines(a, b, 100);
    }

    @Test
    void showsNothingForUnchangedVariables() {
        Map<String, TlaValue> s = state("x", "1", "f", "[n1 |-> 0]");
        assertEquals(List.of(), diff(s, s));
    }

    @Test
    void descendsIntoFunctionsToTheChangedEntry() {
        assertEquals(List.of("currentTerm[n2] = 3   (was 2)"),
                diff(state("currentTerm", "[n1 |-> 2, n2 |-> 2]"), state("currentTerm", "[n1 |-> 2, n2 |-> 3]")));
        assertEquals(List.of("matchIndex[n1][n3] = 4   (was 1)"),
                diff(state("matchIndex", "(n1 :> (n2 :> 0 @@ n3 :> 1))"),
                        state("matchIndex", "(n1 :> (n2 :> 0 @@ n3 :> 4))")));
    }

    @Test
    void showsBagGainsAndLossesAsSingleMappings() {
        String m1 = "[type |-> \"Ping\", from |-> \"n1\"]";
        String m2 = "[type |-> \"Pong\", from |-> \"n2\"]";
        assertEquals(List.of("messages + " + m1 + " :> 1"),
                diff(state("messages", "<< >>"), state("messages", "(" + m1 + " :> 1)")));
        assertEquals(List.of("messages + " + m2 + " :> 1", "messages - " + m1 + " :> 1"),
                diff(state("messages", "(" + m1 + " :> 1)"), state("messages", "(" + m2 + " :> 1)")));
        assertEquals(List.of("messages[" + m1 + "] = 2   (was 1)"),
                diff(state("messages", "(" + m1 + " :> 1)"), state("messages", "(" + m1 + " :> 2)")));
    }

    @Test
    void showsAppendedEntriesOfAGrowingSequence() {
        assertEquals(List.of("log[n1] ++ <<[term |-> 2]>>"),
                diff(state("log", "[n1 |-> <<[term |-> 1]>>]"), state("log", "[n1 |-> <<[term |-> 1], [term |-> 2]>>]")));
        assertEquals(List.of("log[n1][1][term] = 3   (was 1)"),
                diff(state("log", "[n1 |-> <<[term |-> 1]>>]"), state("log", "[n1 |-> <<[term |-> 3]>>]")));
        assertEquals(List.of("log = <<>>   (was <<1, 2>>)"), diff(state("log", "<<1, 2>>"), state("log", "<<>>")));
    }

    @Test
    void showsSmallSetsWholeAndLargeSetsByElement() {
        assertEquals(List.of("votes = {n1, n2}   (was {n1})"), diff(state("votes", "{n1}"), state("votes", "{n1, n2}")));
        String big = "[type |-> \"AppendEntriesRequest\", term |-> 1]";
        assertEquals(List.of("sent + " + big.replace("1]", "2]")),
                diff(state("sent", "{" + big + "}"), state("sent", "{" + big + ", " + big.replace("1]", "2]") + "}")));
    }
}
