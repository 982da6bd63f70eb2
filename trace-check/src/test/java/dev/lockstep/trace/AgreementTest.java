package dev.lockstep.trace;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lockstep.tlc.TlaValue;
import dev.lockstep.tlc.TlaValueParser;
import java.util.List;
import org.junit.jupiter.api.Test;

class AgreementTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static boolean agrees(String spec, String loggedJson) throws Exception {
        return Agreement.agrees(TlaValueParser.parse(spec), Agreement.toTla(JSON.readTree(loggedJson)));
    }

    @Test
    void scalarsListsSetsAndRecordsWithGhostFields() throws Exception {
        assertTrue(agrees("3", "3"));
        assertTrue(agrees("\"n1\"", "\"n1\""));
        assertTrue(agrees("TRUE", "true"));
        assertTrue(agrees("<<1, 2>>", "[1,2]"));
        assertTrue(agrees("{\"n2\", \"n1\"}", "[\"n1\",\"n2\"]"));
        assertTrue(agrees("{}", "[]"));
        assertTrue(agrees("<< >>", "[]"));
        assertTrue(agrees("[lastIndex |-> 3, entries |-> <<1>>]", "{\"lastIndex\":3}"));
    }

    @Test
    void disagreements() throws Exception {
        assertFalse(agrees("3", "4"));
        assertFalse(agrees("\"n1\"", "\"n2\""));
        assertFalse(agrees("FALSE", "true"));
        assertFalse(agrees("<<1, 2>>", "[2,1]"));
        assertFalse(agrees("{\"n1\"}", "[\"n1\",\"n2\"]"));
        assertFalse(agrees("[lastIndex |-> 3]", "{\"lastIndex\":3,\"lastTerm\":1}"));
        assertFalse(agrees("<<1>>", "[]"));
    }

    @Test
    void bagsHoldExactlyTheLoggedMessages() throws Exception {
        TlaValue bag = TlaValueParser.parse("([to |-> \"n2\"] :> 2 @@ [to |-> \"n3\"] :> 1)");
        List<TlaValue> two = List.of(Agreement.toTla(JSON.readTree("{\"to\":\"n2\"}")),
                Agreement.toTla(JSON.readTree("{\"to\":\"n3\"}")));
        assertFalse(Agreement.bagAgrees(bag, two));
        List<TlaValue> three = List.of(two.get(0), two.get(1), two.get(0));
        assertTrue(Agreement.bagAgrees(bag, three));
        assertTrue(Agreement.bagAgrees(TlaValueParser.parse("<< >>"), List.of()));
    }
}
