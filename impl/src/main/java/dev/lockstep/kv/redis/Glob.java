package dev.lockstep.kv.redis;

/**
 * Redis's glob-style matcher (util.c, {@code stringmatchlen}), used by KEYS, SCAN, HSCAN, SSCAN
 * and ZSCAN's MATCH: {@code *} any run of bytes, {@code ?} one byte, {@code [abc]} a class,
 * {@code [^abc]} its complement, {@code [a-z]} a range (either way round), {@code \x} the byte x
 * itself (also inside a class). An unterminated class runs to the end of the pattern; a trailing
 * lone backslash matches a backslash. As in Redis, an empty subject matches only an empty
 * pattern (even {@code *} does not match it), so callers treat a lone {@code *} as "match all"
 * before calling, as Redis's SCAN and KEYS do. Binary-safe and case-sensitive. Bytes compare as unsigned
 * values (Redis compares C {@code char}s, signed on x86, which only matters for ranges that
 * cross 0x80).
 */
public final class Glob {
    /** Redis gives up (no match) beyond this many nested {@code *}s, against abusive patterns. */
    private static final int MAX_NESTING = 1000;

    private Glob() {}

    /** True when {@code subject} matches the whole of {@code pattern}. */
    public static boolean matches(byte[] pattern, byte[] subject) {
        return match(pattern, 0, subject, 0, new boolean[1], 0);
    }

    /**
     * Matches pattern[p..] against s[i..]. {@code skipLonger[0]} is Redis's early exit: once the
     * rest of a pattern after a {@code *} matched nowhere in the rest of the subject, no earlier
     * {@code *} can help by matching more, so every enclosing {@code *} loop stops.
     */
    private static boolean match(byte[] pat, int p, byte[] s, int i, boolean[] skipLonger, int nesting) {
        if (nesting > MAX_NESTING) {
            return false;
        }
        int pEnd = pat.length;
        int sEnd = s.length;
        while (p < pEnd && i < sEnd) {
            switch (pat[p]) {
                case '*' -> {
                    while (p + 1 < pEnd && pat[p + 1] == '*') {
                        p++;
                    }
                    if (p + 1 == pEnd) {
                        return true;
                    }
                    while (i < sEnd) {
                        if (match(pat, p + 1, s, i, skipLonger, nesting + 1)) {
                            return true;
                        }
                        if (skipLonger[0]) {
                            return false;
                        }
                        i++;
                    }
                    skipLonger[0] = true;
                    return false;
                }
                case '?' -> i++;
                case '[' -> {
                    p++;
                    boolean not = p < pEnd && pat[p] == '^';
                    if (not) {
                        p++;
                    }
                    int c = s[i] & 0xff;
                    boolean hit = false;
                    while (true) {
                        if (p >= pEnd) {
                            p--; // unterminated: the class ends with the pattern
                            break;
                        } else if (pat[p] == '\\' && pEnd - p >= 2) {
                            p++;
                            hit |= (pat[p] & 0xff) == c;
                        } else if (pat[p] == ']') {
                            break;
                        } else if (pEnd - p >= 3 && pat[p + 1] == '-') {
                            int start = pat[p] & 0xff;
                            int end = pat[p + 2] & 0xff;
                            if (start > end) {
                                int t = start;
                                start = end;
                                end = t;
                            }
                            p += 2;
                            hit |= c >= start && c <= end;
                        } else {
                            hit |= (pat[p] & 0xff) == c;
                        }
                        p++;
                    }
                    if (not) {
                        hit = !hit;
                    }
                    if (!hit) {
                        return false;
                    }
                    i++;
                }
                default -> {
                    if (pat[p] == '\\' && pEnd - p >= 2) {
                        p++;
                    }
                    if (pat[p] != s[i]) {
                        return false;
                    }
                    i++;
                }
            }
            p++;
            if (i == sEnd) {
                while (p < pEnd && pat[p] == '*') {
                    p++;
                }
                break;
            }
        }
        return p == pEnd && i == sEnd;
    }
}
