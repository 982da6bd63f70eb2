package dev.lockstep.server.bench;

import java.util.OptionalDouble;

/**
 * Reads sample values out of the Prometheus text exposition format, as a replica's admin
 * {@code /metrics} serves it: one sample per line, {@code name[{labels}] value [timestamp]};
 * lines starting with {@code #} are comments ({@code HELP}, {@code TYPE}).
 */
public final class PrometheusText {
    private PrometheusText() {}

    /**
     * The value of the first sample named exactly {@code name} without labels (for a counter
     * the name with its {@code _total} suffix), or empty if there is none or its value is not a
     * number.
     */
    public static OptionalDouble value(String exposition, String name) {
        for (String line : exposition.split("\n")) {
            if (line.length() > name.length() && line.startsWith(name) && line.charAt(name.length()) == ' ') {
                return number(line.substring(name.length() + 1).strip());
            }
        }
        return OptionalDouble.empty();
    }

    /** The value field (before an optional timestamp); {@code +Inf}, {@code -Inf} and {@code NaN} as Prometheus spells them. */
    private static OptionalDouble number(String fields) {
        String v = fields.split("\\s+", 2)[0];
        try {
            return OptionalDouble.of(switch (v) {
                case "+Inf" -> Double.POSITIVE_INFINITY;
                case "-Inf" -> Double.NEGATIVE_INFINITY;
                default -> Double.parseDouble(v);
            });
        } catch (NumberFormatException e) {
            return OptionalDouble.empty();
        }
    }
}
