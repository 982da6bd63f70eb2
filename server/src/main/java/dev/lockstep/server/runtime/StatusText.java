package dev.lockstep.server.runtime;

import dev.lockstep.core.ReplicaStatus;
import java.util.Locale;

/**
 * How the server shows any protocol's {@link ReplicaStatus} to operators, the same way in INFO,
 * {@code /status} and the metrics: a public role ({@code leader} or {@code follower} for a
 * protocol with a leader, {@code replica} without one), the protocol's own role name in lower
 * case as the state, and each counter under its snake_case name.
 */
public final class StatusText {
    private StatusText() {}

    /** {@code leader}, {@code follower} (candidates follow too) or {@code replica}. */
    public static String publicRole(ReplicaStatus s) {
        if (s.leadership().isEmpty()) {
            return "replica";
        }
        return s.leading() ? "leader" : "follower";
    }

    /** The protocol's role name in lower case ({@code precandidate}, {@code leader}, ...). */
    public static String state(ReplicaStatus s) {
        return s.role().toLowerCase(Locale.ROOT);
    }

    /** {@code commitIndex} -> {@code commit_index}. */
    public static String snakeCase(String camel) {
        StringBuilder sb = new StringBuilder(camel.length() + 4);
        for (char c : camel.toCharArray()) {
            if (Character.isUpperCase(c)) {
                sb.append('_').append(Character.toLowerCase(c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
