package dev.lockstep.trace.tlc;

/**
 * A trace line TLC cannot read, located by its 1-based line number and the path of the field
 * inside the line's JSON object ({@code msg.entries[2].term}; empty for the line itself).
 */
public final class TraceFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int line;
    private final String field;

    public TraceFormatException(int line, String field, String problem) {
        super("trace line " + line + (field.isEmpty() ? "" : ", field " + field) + ": " + problem);
        this.line = line;
        this.field = field;
    }

    public int line() {
        return line;
    }

    public String field() {
        return field;
    }
}
