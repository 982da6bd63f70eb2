package dev.lockstep.tlc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class StateParserTest {

    @Test
    void readsHeaderActionLocationAndVariables() {
        TraceState s = StateParser.parseNumbered("""
                2: <IncX line 7, col 9 to line 7, col 107 of module Toy>
                /\\ msgs = ( [type |-> "inc", v |-> 0] :> 1 @@
                  [type |-> "inc", v |-> 1] :> 1 )
                /\\ x = 1""");
        assertEquals(2, s.number());
        assertEquals("IncX", s.action());
        assertEquals("Toy.tla line 7", s.location());
        assertEquals(Map.of("msgs", "( [type |-> \"inc\", v |-> 0] :> 1 @@\n  [type |-> \"inc\", v |-> 1] :> 1 )",
                "x", "1"), s.variables());
    }

    @Test
    void readsTheInitialStateAndASpecWithOneVariable() {
        TraceState s = StateParser.parseNumbered("1: <Initial predicate>\nx = 0");
        assertEquals(TraceState.INITIAL, s.action());
        assertEquals("", s.location());
        assertEquals(Map.of("x", "0"), s.variables());
        assertEquals(Map.of("x", "0", "y", "<<>>"), StateParser.parseInitial("/\\ x = 0\n/\\ y = <<>>\n").variables());
    }
}
