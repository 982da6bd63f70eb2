package dev.lockstep.epaxos;

/** The status of an instance at one replica (contract variable {@code phase}; EPaxos Fig. 2-3). */
enum Phase {
    NONE("none"),
    PREACCEPTED("preaccepted"),
    ACCEPTED("accepted"),
    COMMITTED("committed");

    private final String text;

    Phase(String text) {
        this.text = text;
    }

    /** The spec's and trace's name. */
    String text() {
        return text;
    }

    static Phase fromCode(int code) {
        Phase[] all = values();
        if (code < 0 || code >= all.length) {
            throw new IllegalArgumentException("no phase " + code);
        }
        return all[code];
    }
}
