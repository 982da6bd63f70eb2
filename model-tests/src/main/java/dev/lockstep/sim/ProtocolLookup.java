package dev.lockstep.sim;

import dev.lockstep.core.Protocol;
import dev.lockstep.core.ProtocolRegistry;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds a protocol by name: the {@link ProtocolRegistry} first, then any extra descriptors named
 * by the system property {@value #EXTRA} ({@code Class#staticMethod} items, comma-separated, each
 * returning a {@link Protocol} or a {@code List<Protocol>}). The property lets the test class path
 * replay test-only protocols, e.g. broken variants:
 * {@code -Dlockstep.protocols.extra=<a test class of impl's test-jar>#all} (each protocol's
 * {@code Broken...Variants}).
 */
public final class ProtocolLookup {
    static final String EXTRA = "lockstep.protocols.extra";

    private ProtocolLookup() {}

    public static Optional<Protocol> find(String name) {
        Optional<Protocol> registered = ProtocolRegistry.find(name);
        if (registered.isPresent()) {
            return registered;
        }
        return extras().stream().filter(p -> p.name().equals(name)).findFirst();
    }

    static List<String> knownNames() {
        List<String> names = new ArrayList<>(ProtocolRegistry.names());
        extras().forEach(p -> names.add(p.name()));
        return names;
    }

    private static List<Protocol> extras() {
        String spec = System.getProperty(EXTRA, "").trim();
        List<Protocol> found = new ArrayList<>();
        if (spec.isEmpty()) {
            return found;
        }
        for (String item : spec.split(",")) {
            String[] parts = item.trim().split("#");
            try {
                Method m = Class.forName(parts[0]).getMethod(parts[1]);
                Object value = m.invoke(null);
                if (value instanceof Protocol p) {
                    found.add(p);
                } else if (value instanceof List<?> list) {
                    list.stream().filter(Protocol.class::isInstance).map(Protocol.class::cast).forEach(found::add);
                }
            } catch (ReflectiveOperationException | RuntimeException e) {
                throw new IllegalArgumentException("cannot load protocols from " + EXTRA + " item '" + item
                        + "': " + e, e);
            }
        }
        return found;
    }
}
