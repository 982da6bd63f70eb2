package dev.lockstep.tlc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TlaValueParserTest {

    /** A value exactly as TLC 2.18 printed it for a record of many kinds of values. */
    private static final String PRINTED = "[a |-> [n1 |-> 0, n2 |-> 0], b |-> (n1 :> {} @@ n2 :> {}), "
            + "c |-> (1 :> \"x\\\"y\" @@ 3 :> \"x\\\"y\"), d |-> 1..3, e |-> {{}, {1}}, f |-> -5, "
            + "g |-> << >>, i |-> (<<1, \"a\">> :> 1), k |-> ([x |-> 1] :> TRUE @@ [x |-> 2] :> TRUE)]";

    @Test
    void parsesEveryKindOfValueTlcPrints() {
        TlaValue v = TlaValueParser.parse(PRINTED);
        TlaValue.Rec r = assertInstanceOf(TlaValue.Rec.class, v);
        assertEquals(new TlaValue.Rec(Map.of("n1", new TlaValue.Atom("0"), "n2", new TlaValue.Atom("0"))),
                r.fields().get("a"));
        assertEquals(new TlaValue.Str("x\"y"),
                ((TlaValue.Fn) r.fields().get("c")).entries().get(0).value());
        assertEquals(new TlaValue.Atom("1..3"), r.fields().get("d"));
        assertEquals(new TlaValue.Atom("-5"), r.fields().get("f"));
        assertEquals(new TlaValue.Seq(List.of()), r.fields().get("g"));
        assertEquals(2, ((TlaValue.Fn) r.fields().get("k")).entries().size());
    }

    @Test
    void printsBackTheSameSyntax() {
        String normalized = PRINTED.replace("<< >>", "<<>>");
        assertEquals(normalized, ValueFormat.oneLine(TlaValueParser.parse(PRINTED)));
    }

    @Test
    void ignoresTlcsLineWrapping() {
        TlaValue wrapped = TlaValueParser.parse("( [type |-> \"inc\", v |-> 0] :> 1 @@\n  [type |-> \"inc\", v |-> 1] :> 1 )");
        assertEquals("([type |-> \"inc\", v |-> 0] :> 1 @@ [type |-> \"inc\", v |-> 1] :> 1)",
                ValueFormat.oneLine(wrapped));
    }

    @Test
    void showsTypeFromAndToFirstInRecords() {
        assertEquals("[type |-> \"Ping\", from |-> n1, to |-> n2, term |-> 1, lastLogTerm |-> 0]",
                ValueFormat.oneLine(TlaValueParser.parse(
                        "[to |-> n2, type |-> \"Ping\", term |-> 1, lastLogTerm |-> 0, from |-> n1]")));
    }

    @Test
    void keepsTextItCannotParseAsOneAtom() {
        assertEquals(new TlaValue.Atom("[x \\in S |-> 1]"), TlaValueParser.parse("[x \\in S\n |-> 1]"));
        assertEquals(new TlaValue.Atom("<<1, 2"), TlaValueParser.parse("<<1, 2"));
    }

    @Test
    void breaksLongValuesOneElementPerLine() {
        TlaValue log = TlaValueParser.parse("<<[term |-> 1, kind |-> \"noop\", id |-> \"\"], "
                + "[term |-> 1, kind |-> \"cmd\", id |-> \"c1:1\"]>>");
        assertEquals(List.of(
                "<<",
                "    [term |-> 1, kind |-> \"noop\", id |-> \"\"],",
                "    [term |-> 1, kind |-> \"cmd\", id |-> \"c1:1\"]",
                ">>"), ValueFormat.lines(log, 60));
        assertEquals(1, ValueFormat.lines(log, 200).size());
    }
}
