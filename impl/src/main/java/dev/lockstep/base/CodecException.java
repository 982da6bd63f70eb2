package dev.lockstep.base;

/** Malformed or unknown encoded data: decoders report it with this, never with a silent default. */
public final class CodecException extends Exception {
    private static final long serialVersionUID = 1L;

    public CodecException(String message) {
        super(message);
    }
}
