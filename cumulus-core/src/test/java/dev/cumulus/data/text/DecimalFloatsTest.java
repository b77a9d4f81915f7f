package dev.cumulus.data.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Assume;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DecimalFloatsTest {

    /** The parser's answer is either NaN (ask the JDK) or bit for bit the JDK's. */
    private static void agreesWithTheJdk(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        float fast = DecimalFloats.parseOrNaN(bytes, 0, bytes.length);
        if (Float.isNaN(fast)) {
            return;
        }
        float jdk = Float.parseFloat(text);
        assertThat(Float.floatToRawIntBits(fast)).as(text).isEqualTo(Float.floatToRawIntBits(jdk));
    }

    @Property(tries = 3000)
    void givesTheJdkFloatForShortestFloatStrings(@ForAll float value) {
        agreesWithTheJdk(Float.toString(value));
        agreesWithTheJdk(new BigDecimal(Float.toString(value).replace("Infinity", "0").replace("NaN", "0"))
                .toPlainString());
    }

    @Property(tries = 3000)
    void givesTheJdkFloatForDoubleStrings(@ForAll double value) {
        agreesWithTheJdk(Double.toString(value));
    }

    @Property(tries = 5000)
    void givesTheJdkFloatForRandomDecimals(@ForAll("decimals") String text) {
        agreesWithTheJdk(text);
    }

    @Property(tries = 3000)
    void givesTheJdkFloatNextToFloatMidpoints(@ForAll("midpoints") String text) {
        agreesWithTheJdk(text);
    }

    @Property(tries = 2000)
    void neverAnswersWrongForArbitraryAsciiText(@ForAll("asciiNoise") String text) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        float fast = DecimalFloats.parseOrNaN(bytes, 0, bytes.length);
        if (!Float.isNaN(fast)) {
            assertThat(Float.floatToRawIntBits(fast)).as(text).isEqualTo(Float.floatToRawIntBits(Float.parseFloat(text)));
        }
    }

    @Property(tries = 1000)
    void parsesPlainValuesAsCsvWritersWriteThem(@ForAll("plainValues") String text) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        float fast = DecimalFloats.parseOrNaN(bytes, 0, bytes.length);
        assertThat(fast).as(text).isNotNaN();
        assertThat(Float.floatToRawIntBits(fast)).isEqualTo(Float.floatToRawIntBits(Float.parseFloat(text)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-", "+", ".", "e5", "1e", "1e+", "NaN", "Infinity", "-Infinity", "0x1p3", "1.5f",
        "2d", " 1", "1 ", "1..2", "1.2.3", "--1", "1e99999", "12345678901234567890", "1,5"})
    void leavesUnusualTextToTheJdk(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        assertThat(DecimalFloats.parseOrNaN(bytes, 0, bytes.length)).isNaN();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-0", "+0.0", "1.", ".5", "-.5", "3e2", "3E-2", "1e+3", "0.000001", "16777217",
        "3.4028235e38", "1.17549435E-38", "007.50"})
    void agreesWithTheJdkOnEdgeCases(String text) {
        agreesWithTheJdk(text);
    }

    /** scanInto stores and returns what scan returns, or -1 and nothing where scan finds no number. */
    private static void scanIntoAgreesWithScan(byte[] bytes, int from, int limit) {
        long scanned = DecimalFloats.scan(bytes, from, limit);
        float[] out = {42f, 42f};
        int end = DecimalFloats.scanInto(bytes, from, limit, out, 1);
        String at = new String(bytes, from, Math.min(bytes.length - from, 20), StandardCharsets.ISO_8859_1)
                + " (limit " + (limit - from) + ")";
        if (scanned == DecimalFloats.NO_NUMBER) {
            assertThat(end).as(at).isEqualTo(-1);
            assertThat(out[1]).as(at).isEqualTo(42f);
            return;
        }
        assertThat(end).as(at).isEqualTo(DecimalFloats.end(scanned));
        assertThat(Float.floatToRawIntBits(out[1])).as(at)
                .isEqualTo(Float.floatToRawIntBits(DecimalFloats.value(scanned)));
        assertThat(out[0]).isEqualTo(42f);
    }

    /**
     * Numbers as data files hold them, then what may follow one (a delimiter, an exponent, more
     * digits, noise), inside a longer array so that scanInto's sixteen-byte window is used, from a
     * random start and up to a random limit.
     */
    @Property(tries = 6000)
    void scanIntoReadsNumbersInTextAsScanDoes(@ForAll("numbersInText") String text,
            @ForAll @IntRange(max = 40) int limitCut) {
        byte[] bytes = ("x," + text).getBytes(StandardCharsets.ISO_8859_1);
        int from = 2;
        scanIntoAgreesWithScan(bytes, from, Math.max(from, bytes.length - limitCut));
    }

    @Property(tries = 4000)
    void scanIntoReadsArbitraryBytesAsScanDoes(@ForAll @Size(max = 64) byte[] bytes,
            @ForAll @IntRange(max = 64) int from, @ForAll @IntRange(max = 64) int length) {
        Assume.that(from <= bytes.length);
        scanIntoAgreesWithScan(bytes, from, Math.min(bytes.length, from + length));
    }

    @Provide
    Arbitrary<String> numbersInText() {
        Arbitrary<String> number = Arbitraries.oneOf(decimals(), plainValues(), asciiNoise(), midpoints(),
                // Short midpoints the window reads: 7 to 9 significant digits below 10^7.
                midpoints().filter(t -> t.matches("\\d{1,7}\\.\\d{1,8}")),
                Arbitraries.floats().map(f -> Float.toString(f)),
                Arbitraries.integers().between(0, 8).flatMap(i -> Arbitraries.integers().between(0, 9).map(f ->
                        "-".repeat(f % 2) + "1234567890".substring(0, i) + "." + "9876543210".substring(0, f))),
                // Leading zeros keep a mantissa of many digits small: the window's edge cases.
                Combinators.combine(Arbitraries.integers().between(1, 9), Arbitraries.integers().between(0, 10),
                        Arbitraries.strings().numeric().ofMaxLength(6))
                        .as((a, b, digits) -> "0".repeat(a) + "." + "0".repeat(b) + digits));
        Arbitrary<String> after = Arbitraries.strings().withChars("0123456789.,eE+-\n\r x\u00ff").ofMaxLength(24);
        return Combinators.combine(number, after).as((n, a) -> n + a);
    }

    @Provide
    Arbitrary<String> decimals() {
        Arbitrary<String> sign = Arbitraries.of("", "-", "+");
        Arbitrary<String> intPart = Arbitraries.strings().numeric().ofMinLength(0).ofMaxLength(12);
        Arbitrary<String> fraction = Arbitraries.strings().numeric().ofMinLength(0).ofMaxLength(12);
        Arbitrary<String> exponent = Arbitraries.oneOf(Arbitraries.just(""),
                Arbitraries.integers().between(-45, 45).map(e -> "e" + e),
                Arbitraries.integers().between(-45, 45).map(e -> "E" + (e >= 0 ? "+" : "") + e));
        return Combinators.combine(sign, intPart, fraction, exponent)
                .as((s, i, f, e) -> s + (i.isEmpty() && f.isEmpty() ? "0" : i) + (f.isEmpty() ? "" : "." + f) + e);
    }

    /** Decimals exactly halfway between two adjacent floats, a hair either side, and odd integers past 2^24. */
    @Provide
    Arbitrary<String> midpoints() {
        Arbitrary<String> near = Arbitraries.integers()
                .between(Float.floatToIntBits(1e-20f), Float.floatToIntBits(1e30f)).map(Float::intBitsToFloat)
                .flatMap(f -> {
                    BigDecimal low = new BigDecimal(f);
                    BigDecimal high = new BigDecimal(Math.nextUp(f));
                    BigDecimal mid = low.add(high).divide(BigDecimal.valueOf(2));
                    BigDecimal hair = high.subtract(low).movePointLeft(9);
                    return Arbitraries.of(mid, mid.add(hair), mid.subtract(hair))
                            .flatMap(d -> Arbitraries.integers().between(7, 16)
                                    .map(digits -> d.round(new java.math.MathContext(digits)).toString()));
                });
        Arbitrary<String> oddIntegers = Arbitraries.longs().between(1L << 24, 1L << 40).map(v -> (v | 1) + "");
        return Arbitraries.oneOf(near, oddIntegers);
    }

    @Provide
    Arbitrary<String> asciiNoise() {
        return Arbitraries.strings().withChars("0123456789.eE+-xXpPfFdDNaI ").ofMaxLength(14);
    }

    @Provide
    Arbitrary<String> plainValues() {
        return Arbitraries.floats().between(-1e6f, 1e6f).filter(f -> Math.abs(f) > 1e-3f || f == 0f)
                .map(f -> Float.toString(f)).filter(s -> !s.contains("E"));
    }
}
