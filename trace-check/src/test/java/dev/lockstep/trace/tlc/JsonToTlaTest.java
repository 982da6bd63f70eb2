package dev.lockstep.trace.tlc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tlc2.value.impl.BoolValue;
import tlc2.value.impl.IntValue;
import tlc2.value.impl.RecordValue;
import tlc2.value.impl.StringValue;
import tlc2.value.impl.TupleValue;
import tlc2.value.impl.Value;
import util.UniqueString;

class JsonToTlaTest {

    @TempDir
    Path dir;

    private static Value field(RecordValue r, String name) {
        return r.select(new StringValue(name));
    }

    @Test
    void objectsArraysStringsIntegersAndBooleansBecomeTlcValues() throws IOException {
        RecordValue r = JsonToTla.readLine("{\"s\":\"x\",\"n\":-7,\"b\":true,\"f\":false,\"a\":[1,{\"k\":\"v\"}],\"e\":[],\"o\":{}}", 1);
        assertEquals("x", ((StringValue) field(r, "s")).val.toString());
        assertEquals(-7, ((IntValue) field(r, "n")).val);
        assertSame(BoolValue.ValTrue, field(r, "b"));
        assertSame(BoolValue.ValFalse, field(r, "f"));
        TupleValue a = (TupleValue) field(r, "a");
        assertEquals(2, a.size());
        assertEquals("v", ((StringValue) ((RecordValue) a.elems[1]).select(new StringValue("k"))).val.toString());
        assertEquals(0, ((TupleValue) field(r, "e")).size());
        assertEquals(0, ((RecordValue) field(r, "o")).size());
    }

    @Test
    void fieldOrderDoesNotMatter() throws IOException {
        assertEquals(JsonToTla.readLine("{\"a\":1,\"b\":2}", 1), JsonToTla.readLine("{\"b\":2,\"a\":1}", 1));
        assertEquals(new RecordValue(new UniqueString[] {UniqueString.uniqueStringOf("a")},
                new Value[] {IntValue.gen(1)}, false), JsonToTla.readLine("{\"a\":1}", 1));
    }

    @Test
    void the32BitLimitsAreKeptAndExceededNumbersRejected() throws IOException {
        assertEquals(Integer.MAX_VALUE, ((IntValue) field(JsonToTla.readLine("{\"n\":2147483647}", 1), "n")).val);
        assertEquals(Integer.MIN_VALUE, ((IntValue) field(JsonToTla.readLine("{\"n\":-2147483648}", 1), "n")).val);
        TraceFormatException e = assertThrows(TraceFormatException.class,
                () -> JsonToTla.readLine("{\"m\":{\"n\":[1,2147483648]}}", 9));
        assertEquals(9, e.line());
        assertEquals("m.n[2]", e.field());
        assertTrue(e.getMessage().contains("32-bit"), e.getMessage());
    }

    @Test
    void valuesWithoutATlaPlusCounterpartAreRejectedWithLineAndField() {
        assertEquals("x", assertThrows(TraceFormatException.class, () -> JsonToTla.readLine("{\"x\":null}", 3)).field());
        assertTrue(assertThrows(TraceFormatException.class, () -> JsonToTla.readLine("{\"x\":1.5}", 3)).getMessage()
                .contains("not an integer"));
        assertTrue(assertThrows(TraceFormatException.class, () -> JsonToTla.readLine("{\"x\":1,\"x\":2}", 3))
                .getMessage().contains("twice"));
        assertTrue(assertThrows(TraceFormatException.class, () -> JsonToTla.readLine("[1,2]", 3)).getMessage()
                .contains("not a JSON object"));
        assertTrue(assertThrows(TraceFormatException.class, () -> JsonToTla.readLine("{\"x\":", 3)).getMessage()
                .contains("not valid JSON"));
        assertTrue(assertThrows(TraceFormatException.class, () -> JsonToTla.readLine("{} {}", 3)).getMessage()
                .contains("text follows"));
    }

    @Test
    void aFileIsATupleOfLinesIgnoringTrailingBlankLinesButNotInnerOnes() throws IOException {
        Path f = Files.writeString(dir.resolve("t.ndjson"), "{\"i\":1}\n{\"i\":2}\n\n\n");
        TupleValue t = JsonToTla.readFile(f);
        assertEquals(2, t.size());
        Path g = Files.writeString(dir.resolve("u.ndjson"), "{\"i\":1}\n\n{\"i\":3}\n");
        assertEquals(2, assertThrows(TraceFormatException.class, () -> JsonToTla.readFile(g)).line());
    }

    @Test
    void theOverrideCachesByPathSizeAndModificationTime() throws IOException {
        Path f = Files.writeString(dir.resolve("c.ndjson"), "{\"i\":1}\n");
        Value first = NDJsonOverride.read(new StringValue(f.toString()));
        assertSame(first, NDJsonOverride.read(new StringValue(f.toString())));
        Files.writeString(f, "{\"i\":1}\n{\"i\":2}\n");
        assertEquals(2, NDJsonOverride.read(new StringValue(f.toString())).size());
        assertThrows(IllegalArgumentException.class, () -> NDJsonOverride.read(IntValue.gen(1)));
        assertThrows(IllegalArgumentException.class, () -> NDJsonOverride.read(new StringValue(dir.resolve("none").toString())));
    }
}
