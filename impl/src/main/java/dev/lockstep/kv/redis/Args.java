package dev.lockstep.kv.redis;

import dev.lockstep.base.Bytes;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/** A command's arguments ({@code argv}, the name at 0) with Redis's parsing rules for numbers. */
public record Args(List<Bytes> argv) {

    public int size() {
        return argv.size();
    }

    public Bytes get(int i) {
        return argv.get(i);
    }

    /** The argument in upper case (option names). */
    public String upper(int i) {
        return argv.get(i).utf8().toUpperCase(Locale.ROOT);
    }

    /** True if the argument is the option {@code name}, case-insensitively. */
    public boolean is(int i, String name) {
        return i < argv.size() && argv.get(i).utf8().equalsIgnoreCase(name);
    }

    /** A 64-bit decimal integer as Redis reads it (no spaces, no plus sign). */
    public long integer(int i) throws RedisError {
        return parseLong(argv.get(i));
    }

    /** An integer that must fit in an int (counts, indexes). */
    public int intArg(int i) throws RedisError {
        long v = integer(i);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new RedisError(RedisError.OUT_OF_RANGE);
        }
        return (int) v;
    }

    /** A double as Redis reads it ({@code inf}, {@code -inf} and {@code +inf} included; NaN refused). */
    public double dbl(int i) throws RedisError {
        return parseDouble(argv.get(i), RedisError.NOT_A_FLOAT);
    }

    public static long parseLong(Bytes b) throws RedisError {
        String text = new String(b.unsafeArray(), StandardCharsets.US_ASCII);
        if (text.isEmpty() || text.length() > 20 || text.charAt(0) == '+' || text.charAt(0) == ' '
                || text.charAt(text.length() - 1) == ' ' || (text.length() > 1 && text.charAt(0) == '0')
                || text.startsWith("-0")) {
            throw new RedisError(RedisError.NOT_AN_INTEGER);
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new RedisError(RedisError.NOT_AN_INTEGER);
        }
    }

    public static double parseDouble(Bytes b, String error) throws RedisError {
        String text = b.utf8().trim();
        if (text.length() != b.length() || text.isEmpty()) {
            throw new RedisError(error);
        }
        switch (text.toLowerCase(Locale.ROOT)) {
            case "inf", "+inf", "infinity", "+infinity" -> {
                return Double.POSITIVE_INFINITY;
            }
            case "-inf", "-infinity" -> {
                return Double.NEGATIVE_INFINITY;
            }
            default -> { }
        }
        char last = text.charAt(text.length() - 1);
        if (!Character.isDigit(last) && last != '.') {
            throw new RedisError(error); // Java accepts "1d", "1f", "NaN"; Redis does not
        }
        try {
            double d = Double.parseDouble(text);
            if (Double.isNaN(d)) {
                throw new RedisError(error);
            }
            return d;
        } catch (NumberFormatException e) {
            throw new RedisError(error);
        }
    }
}
