package dev.lockstep.trace.tlc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import tlc2.value.impl.BoolValue;
import tlc2.value.impl.IntValue;
import tlc2.value.impl.RecordValue;
import tlc2.value.impl.SetEnumValue;
import tlc2.value.impl.StringValue;
import tlc2.value.impl.TupleValue;
import tlc2.value.impl.Value;
import util.UniqueString;

class TlaJsonOverrideTest {

    private static String json(Value v) {
        return ((StringValue) TlaJsonOverride.toJson(v)).val.toString();
    }

    @Test
    void recordsSequencesSetsAndScalarsBecomeJson() {
        Value msg = new RecordValue(new UniqueString[] {UniqueString.uniqueStringOf("type"),
                UniqueString.uniqueStringOf("term"), UniqueString.uniqueStringOf("granted")},
                new Value[] {new StringValue("RequestVoteResponse"), IntValue.gen(2), BoolValue.ValTrue}, false);
        assertEquals("{\"type\":\"RequestVoteResponse\",\"term\":2,\"granted\":true}", json(msg));
        assertEquals("[1,\"a\"]", json(new TupleValue(new Value[] {IntValue.gen(1), new StringValue("a")})));
        Value set = new SetEnumValue(new Value[] {new StringValue("n2"), new StringValue("n1")}, false);
        assertEquals("[\"n1\",\"n2\"]", json(set), "a set is written sorted by its elements' text");
    }

    @Test
    void quotesInStringsAreEscaped() {
        assertEquals("\"say \\\"hi\\\"\"", json(new StringValue("say \"hi\"")));
    }
}
