package dev.lockstep.kv.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Scores as Redis 7.2 prints them (util.c d2string, fpconv_dtoa.c emit_digits). */
class NumbersTest {

    @ParameterizedTest
    @CsvSource({
        "1, 1", "1.5, 1.5", "-2.25, -2.25", "0.0001, 0.0001", "1e-7, 1e-7", "-0.0, -0", "0, 0",
        "1e17, 100000000000000000", "4611686018427387904, 4611686018427387904", "12345678.5, 12345678.5",
        "1e20, 1e+20", "1.5e300, 1.5e+300", "0.1, 0.1", "3.0000000000000004, 3.0000000000000004",
        "123456789012.25, 123456789012.25", "Infinity, inf", "-Infinity, -inf", "1.25e-10, 1.25e-10"
    })
    void formatsLikeRedis(double value, String expected) {
        assertEquals(expected, Numbers.format(value));
    }
}
