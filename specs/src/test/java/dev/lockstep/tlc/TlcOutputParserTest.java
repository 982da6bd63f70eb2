package dev.lockstep.tlc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TlcOutputParserTest {

    private final List<TlcMessage> messages = new ArrayList<>();
    private final TlcOutputParser parser = new TlcOutputParser(messages::add);

    private void feed(String output) {
        output.lines().forEach(parser::accept);
        parser.finish();
    }

    @Test
    void splitsTaggedMessagesAndKeepsPlainLines() {
        feed("""
                @!@!@STARTMSG 2262:0 @!@!@
                TLC2 Version 2.18 of 20 March 2023
                @!@!@ENDMSG 2262 @!@!@
                Parsing file /x/Toy.tla

                @!@!@STARTMSG 2110:1 @!@!@
                Invariant Safe is violated.
                @!@!@ENDMSG 2110 @!@!@
                """);
        assertEquals(List.of(
                new TlcMessage(2262, 0, "TLC2 Version 2.18 of 20 March 2023"),
                TlcMessage.untagged("Parsing file /x/Toy.tla"),
                new TlcMessage(2110, 1, "Invariant Safe is violated.")), messages);
    }

    @Test
    void keepsMultiLineStateText() {
        feed("""
                @!@!@STARTMSG 2217:4 @!@!@
                1: <Initial predicate>
                /\\ x = 0
                /\\ y = 0

                @!@!@ENDMSG 2217 @!@!@
                """);
        assertEquals(List.of(new TlcMessage(2217, 4, "1: <Initial predicate>\n/\\ x = 0\n/\\ y = 0")),
                messages);
    }

    @Test
    void emitsNestedMessageStartedMidLineBeforeItsOuterMessage() {
        feed("""
                @!@!@STARTMSG 1000:1 @!@!@
                The exception was a tlc2.tool.ConfigFileException
                : @!@!@STARTMSG 5006:0 @!@!@
                TLC found an error in the configuration file at line 4
                @!@!@ENDMSG 5006 @!@!@
                @!@!@ENDMSG 1000 @!@!@
                """);
        assertEquals(2, messages.size());
        assertEquals(new TlcMessage(5006, 0, "TLC found an error in the configuration file at line 4"),
                messages.get(0));
        assertEquals(new TlcMessage(1000, 1, "The exception was a tlc2.tool.ConfigFileException\n:"),
                messages.get(1));
    }

    @Test
    void finishEmitsAMessageCutOffByACrash() {
        feed("""
                @!@!@STARTMSG 2110:1 @!@!@
                Invariant Safe is violated.
                """);
        assertEquals(List.of(new TlcMessage(2110, 1, "Invariant Safe is violated.")), messages);
    }

    @Test
    void ignoresAnEndMarkerWithoutAStart() {
        feed("@!@!@ENDMSG 2110 @!@!@\nplain");
        assertEquals(List.of(TlcMessage.untagged("plain")), messages);
    }
}
