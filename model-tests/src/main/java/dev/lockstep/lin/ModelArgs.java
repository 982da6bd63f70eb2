package dev.lockstep.lin;

import dev.lockstep.base.Bytes;
import dev.lockstep.kv.Result;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The sequential specification's reading of arguments and writing of replies: integers and
 * scores as Redis parses them, scores as Redis 7.2 prints them, bulk strings and nil. Written
 * independently of the store's {@code kv.redis} code, as {@link KvModel} is.
 */
final class ModelArgs {
    private ModelArgs() {}

    static final Pattern INTEGER = Pattern.compile("0|-?[1-9][0-9]{0,18}");
    static final Pattern DECIMAL = Pattern.compile("[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?");
    static final Pattern INFINITY = Pattern.compile("[+-]?(inf|infinity)", Pattern.CASE_INSENSITIVE);

    /** A 64-bit integer argument as Redis reads one: decimal, no sign but '-', no leading zero. */
    static long integer(Bytes b) throws Failure {
        String text = new String(b.unsafeArray(), StandardCharsets.ISO_8859_1);
        if (!INTEGER.matcher(text).matches()) {
            throw new Failure("ERR value is not an integer or out of range (model)");
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new Failure("ERR value is not an integer or out of range (model)");
        }
    }

    /**
     * A score argument as Redis reads one (strtod of the whole argument): a decimal or
     * {@code [+-]inf[inity]}; NaN, an overflow to infinity and an underflow to zero are refused.
     * (strtod's hexadecimal form is not modelled; it is refused here.)
     */
    static double score(Bytes b) throws Failure {
        String text = new String(b.unsafeArray(), StandardCharsets.ISO_8859_1);
        if (INFINITY.matcher(text).matches()) {
            return text.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (!DECIMAL.matcher(text).matches()) {
            throw new Failure("ERR value is not a valid float (model)");
        }
        double d = Double.parseDouble(text);
        boolean nonZeroDigit = text.replaceAll("[eE].*", "").matches(".*[1-9].*");
        if (Double.isInfinite(d) || (d == 0 && nonZeroDigit)) {
            throw new Failure("ERR value is not a valid float (model)");
        }
        return d;
    }

    /**
     * A score as Redis 7.2 replies with it ({@code d2string}): {@code inf}/{@code -inf},
     * {@code 0}/{@code -0}, an integral value within +-2^62 as an integer, else the shortest
     * decimal that reads back as the same double, laid out as fpconv's {@code emit_digits} does
     * (plain unless the exponent is far out, then {@code 1.5e+20} / {@code 1e-7}).
     */
    static String formatScore(double d) {
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        if (d == 0) {
            return 1.0 / d < 0 ? "-0" : "0";
        }
        if (Math.abs(d) <= (double) (Long.MAX_VALUE / 2) && d == Math.rint(d)) {
            return Long.toString((long) d);
        }
        // the shortest digits (Double.toString is shortest since JDK 19) and their exponent
        BigDecimal exact = new BigDecimal(Double.toString(Math.abs(d))).stripTrailingZeros();
        String digits = exact.unscaledValue().toString();
        int k = -exact.scale(); // value = digits * 10^k
        int n = digits.length();
        int exp = Math.abs(k + n - 1);
        String sign = d < 0 ? "-" : "";
        if (k >= 0 && exp < n + 7) {
            return sign + digits + "0".repeat(k);
        }
        if (k < 0 && (k > -7 || exp < 4)) {
            int offset = n + k;
            if (offset <= 0) {
                return sign + "0." + "0".repeat(-offset) + digits;
            }
            return sign + digits.substring(0, offset) + "." + digits.substring(offset);
        }
        String mantissa = digits.length() > 1 ? digits.charAt(0) + "." + digits.substring(1) : digits;
        return sign + mantissa + "e" + (k + n - 1 < 0 ? "-" : "+") + exp;
    }

    static Bytes concat(Bytes a, Bytes b) {
        byte[] out = new byte[a.length() + b.length()];
        System.arraycopy(a.unsafeArray(), 0, out, 0, a.length());
        System.arraycopy(b.unsafeArray(), 0, out, a.length(), b.length());
        return Bytes.wrap(out);
    }

    static Bytes ascii(String s) {
        return Bytes.wrap(s.getBytes(StandardCharsets.US_ASCII));
    }

    static Result bulk(Bytes b) {
        return new Result.Value(Optional.of(b));
    }

    static Result nil() {
        return new Result.Value(Optional.empty());
    }

    static Result value(Bytes b) {
        return new Result.Value(Optional.ofNullable(b));
    }
}
