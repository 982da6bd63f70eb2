package dev.lockstep.server.resp;

/** Told about every answered client command (metrics); must be quick and thread-safe. */
@FunctionalInterface
public interface CommandObserver {
    CommandObserver NONE = (command, nanos, error) -> { };

    /**
     * @param command the command name in lower case ("unknown" for unknown ones)
     * @param nanos from reading the command to its reply being ready
     * @param error whether the reply is an error
     */
    void onCommand(String command, long nanos, boolean error);
}
