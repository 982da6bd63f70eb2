package dev.lockstep.base;

/**
 * A replica's identity within a cluster. Replica ids are small positive integers; the
 * canonical text form, used in traces, specs ("n1", "n2", ...) and configuration, is
 * {@code "n" + value}.
 */
public record NodeId(int value) implements Comparable<NodeId> {

    public NodeId {
        if (value <= 0) {
            throw new IllegalArgumentException("node id must be positive, got " + value);
        }
    }

    public static NodeId of(int value) {
        return new NodeId(value);
    }

    /** Parses the canonical form {@code n<digits>} (or bare digits). */
    public static NodeId parse(String text) {
        String digits = text.startsWith("n") ? text.substring(1) : text;
        try {
            return new NodeId(Integer.parseInt(digits));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a node id: '" + text + "' (expected n1, n2, ...)");
        }
    }

    @Override
    public int compareTo(NodeId other) {
        return Integer.compare(value, other.value);
    }

    @Override
    public String toString() {
        return "n" + value;
    }
}
