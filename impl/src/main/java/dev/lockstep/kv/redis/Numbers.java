package dev.lockstep.kv.redis;

import dev.lockstep.base.Bytes;
import java.math.BigDecimal;

/** Numbers as Redis writes them in replies and stored strings. */
public final class Numbers {
    private Numbers() {}

    /**
     * A double as Redis 7.2 replies with it (ZSCORE, ZINCRBY; util.c {@code d2string}):
     * {@code inf}/{@code -inf}, {@code 0}/{@code -0}, an integral value within +-2^62 as an
     * integer, else the shortest digits that read back as the same double laid out as fpconv's
     * {@code emit_digits} lays them out (plain up to 7 digits of padding, else {@code 1.5e+20}).
     */
    public static String format(double d) {
        if (d == Double.POSITIVE_INFINITY) {
            return "inf";
        }
        if (d == Double.NEGATIVE_INFINITY) {
            return "-inf";
        }
        if (d == 0) {
            return 1 / d < 0 ? "-0" : "0";
        }
        if (d == Math.rint(d) && Math.abs(d) <= (double) (Long.MAX_VALUE / 2)) {
            return Long.toString((long) d);
        }
        BigDecimal shortest = new BigDecimal(Double.toString(Math.abs(d))).stripTrailingZeros();
        String digits = shortest.unscaledValue().toString();
        int k = -shortest.scale();
        return (d < 0 ? "-" : "") + emitDigits(digits, k, d < 0);
    }

    /** fpconv_dtoa.c {@code emit_digits}: {@code digits x 10^k}. */
    private static String emitDigits(String digits, int k, boolean negative) {
        int n = digits.length();
        int exp = Math.abs(k + n - 1);
        if (k >= 0 && exp < n + 7) {
            return digits + "0".repeat(k);
        }
        if (k < 0 && (k > -7 || exp < 4)) {
            int offset = n - Math.abs(k);
            if (offset <= 0) {
                return "0." + "0".repeat(-offset) + digits;
            }
            return digits.substring(0, offset) + "." + digits.substring(offset);
        }
        String kept = digits.substring(0, Math.min(n, 18 - (negative ? 1 : 0)));
        StringBuilder sb = new StringBuilder().append(kept.charAt(0));
        if (kept.length() > 1) {
            sb.append('.').append(kept, 1, kept.length());
        }
        sb.append('e').append(k + n - 1 < 0 ? '-' : '+').append(exp);
        return sb.toString();
    }

    /** INCRBYFLOAT's stored form: plain decimal notation, no exponent (Redis uses %.17Lg then trims). */
    public static String formatPlain(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e17) {
            return Long.toString((long) d);
        }
        return new BigDecimal(Double.toString(d)).stripTrailingZeros().toPlainString();
    }

    public static Bytes bytes(double d) {
        return Bytes.utf8(format(d));
    }

    public static Bytes bytes(long n) {
        return Bytes.utf8(Long.toString(n));
    }
}
