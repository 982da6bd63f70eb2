package dev.lockstep.tlc;

/**
 * One message of TLC's {@code -tool} output: the text between
 * {@code @!@!@STARTMSG code:severity @!@!@} and {@code @!@!@ENDMSG code @!@!@}. Output that TLC
 * prints outside any message (SANY's parse errors, {@code Print} output, stack traces) becomes an
 * untagged message, one per line.
 *
 * @param code TLC's message code ({@code tlc2.output.EC}); {@link #UNTAGGED} for plain lines
 * @param severity {@code tlc2.output.MP}: 0 none, 1 error, 2 TLC bug, 3 warning, 4 state
 * @param text the message text without the markers and without its trailing newline
 */
public record TlcMessage(int code, int severity, String text) {

    /** The code of a line TLC printed outside any tagged message. */
    public static final int UNTAGGED = -1;

    public static final int SEVERITY_ERROR = 1;
    public static final int SEVERITY_TLC_BUG = 2;

    public static TlcMessage untagged(String line) {
        return new TlcMessage(UNTAGGED, 0, line);
    }

    public boolean isUntagged() {
        return code == UNTAGGED;
    }

    public boolean isError() {
        return severity == SEVERITY_ERROR || severity == SEVERITY_TLC_BUG;
    }
}
