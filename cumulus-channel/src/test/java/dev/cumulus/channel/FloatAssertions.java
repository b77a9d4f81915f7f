package dev.cumulus.channel;

import org.assertj.core.api.Assertions;

/**
 * Float-array equality for long vectors. AssertJ's {@code containsExactly} on 300,000 floats took
 * 11 s (it is quadratic); this compares in one pass and, on a mismatch, says how many floats
 * differ and shows the first of them with its bits.
 */
public final class FloatAssertions {
    private FloatAssertions() {
    }

    /**
     * Fails unless {@code actual} holds exactly the floats of {@code expected}, bit for bit (so a
     * NaN's payload and the sign of a zero count).
     */
    public static void assertSameFloats(String what, float[] expected, float[] actual) {
        if (actual == null) {
            Assertions.fail(what + ": expected " + expected.length + " floats but was null");
        }
        int differing = 0;
        int first = -1;
        int common = Math.min(expected.length, actual.length);
        for (int i = 0; i < common; i++) {
            if (Float.floatToRawIntBits(expected[i]) != Float.floatToRawIntBits(actual[i])) {
                differing++;
                first = first < 0 ? i : first;
            }
        }
        if (expected.length != actual.length || differing > 0) {
            StringBuilder message = new StringBuilder(what).append(": expected ").append(expected.length)
                    .append(" floats, was ").append(actual.length);
            if (differing > 0) {
                message.append("; ").append(differing).append(" of the first ").append(common)
                        .append(" differ, the first at index ").append(first).append(": expected ")
                        .append(shown(expected[first])).append(" but was ").append(shown(actual[first]));
            }
            Assertions.fail(message.toString());
        }
    }

    private static String shown(float value) {
        return value + " (0x" + Integer.toHexString(Float.floatToRawIntBits(value)) + ")";
    }
}
