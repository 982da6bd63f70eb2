package dev.lockstep.tlc;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits TLC's {@code -tool} output, fed line by line, into {@link TlcMessage}s. Markers may
 * appear in the middle of a line and messages may nest (TLC prints a message inside the text of
 * another when it reports an exception); an inner message is emitted when it ends, before its
 * outer one. Lines outside any message become untagged messages (blank ones are dropped).
 */
public final class TlcOutputParser {

    private static final Pattern MARKER =
            Pattern.compile("@!@!@(?:STARTMSG (\\d+):(\\d+)|ENDMSG (\\d+)) @!@!@");

    private final Consumer<TlcMessage> sink;
    private final Deque<Open> open = new ArrayDeque<>();
    private final StringBuilder untagged = new StringBuilder();

    public TlcOutputParser(Consumer<TlcMessage> sink) {
        this.sink = sink;
    }

    /** Consumes one line of output (without its line terminator). */
    public void accept(String line) {
        Matcher m = MARKER.matcher(line);
        int pos = 0;
        while (m.find()) {
            appendText(line.substring(pos, m.start()));
            if (m.group(1) != null) {
                open.push(new Open(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))));
            } else {
                close(Integer.parseInt(m.group(3)));
            }
            pos = m.end();
        }
        appendText(line.substring(pos));
        endLine();
    }

    /** Emits whatever is still open (TLC died mid-message). Call once, at end of output. */
    public void finish() {
        flushUntagged();
        while (!open.isEmpty()) {
            emit(open.pop());
        }
    }

    private void appendText(String text) {
        if (open.isEmpty()) {
            untagged.append(text);
        } else {
            open.peek().text.append(text);
        }
    }

    private void endLine() {
        if (open.isEmpty()) {
            flushUntagged();
        } else {
            open.peek().text.append('\n');
        }
    }

    private void flushUntagged() {
        if (!untagged.toString().isBlank()) {
            sink.accept(TlcMessage.untagged(untagged.toString().stripTrailing()));
        }
        untagged.setLength(0);
    }

    private void close(int code) {
        if (open.stream().noneMatch(o -> o.code == code)) {
            return;
        }
        Open top;
        do {
            top = open.pop();
            emit(top);
        } while (top.code != code);
    }

    private void emit(Open o) {
        String text = o.text.toString();
        if (text.startsWith("\n")) {
            text = text.substring(1);
        }
        sink.accept(new TlcMessage(o.code, o.severity, text.stripTrailing()));
    }

    private static final class Open {
        final int code;
        final int severity;
        final StringBuilder text = new StringBuilder();

        Open(int code, int severity) {
            this.code = code;
            this.severity = severity;
        }
    }
}
