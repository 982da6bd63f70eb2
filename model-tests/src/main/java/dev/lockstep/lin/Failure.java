package dev.lockstep.lin;

/** A deterministic failure in the model: the command's reply is an error and it changes nothing. */
final class Failure extends Exception {
    private static final long serialVersionUID = 1L;

    Failure(String message) {
        super(message, null, false, false);
    }
}
