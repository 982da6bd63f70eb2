package dev.lockstep.tlc;

/**
 * A TLC config whose runner directives ({@code \* tlc-mode: ...}) are malformed. The message
 * names the file and the line, e.g. {@code specs/x/MCX.cfg line 3: ...}.
 */
public final class InvalidConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    InvalidConfigException(String source, int line, String problem) {
        super(source + " line " + line + ": " + problem);
    }
}
