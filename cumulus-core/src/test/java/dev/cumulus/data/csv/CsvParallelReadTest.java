package dev.cumulus.data.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cumulus.data.DataFormatException;
import dev.cumulus.data.Dataset;
import dev.cumulus.data.DenseFeatures;
import dev.cumulus.data.LabelMap;
import dev.cumulus.data.LabelledData;
import dev.cumulus.data.text.Parallelism;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class CsvParallelReadTest {
    private static final Parallelism ONE_RANGE = new Parallelism(1, Long.MAX_VALUE / 2);

    private static Path write(String text) {
        try {
            Path p = Files.createTempFile("parallel", ".csv");
            p.toFile().deleteOnExit();
            Files.write(p, text.getBytes(StandardCharsets.UTF_8));
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The outcome of a read: the data, or the error message. */
    private static Object outcome(Path p, CsvOptions options, Parallelism parallelism) {
        try {
            return describe(CsvReader.readLabelled(p, options, parallelism));
        } catch (DataFormatException e) {
            return e.getMessage();
        }
    }

    private static Object describe(LabelledData d) {
        Dataset data = d.dataset();
        return List.of(data.rows(), data.cols(), java.util.Arrays.toString(((DenseFeatures) data.features()).values()),
                java.util.Arrays.toString(data.labels()), d.labelMap());
    }

    @Property(tries = 300)
    void tinyRangesOnThreeThreadsGiveTheSameDataAndErrorsAsOneRange(@ForAll("csvTexts") String text,
            @ForAll @IntRange(min = 1, max = 40) int rangeBytes, @ForAll @IntRange(min = 1, max = 50) int maxRows,
            @ForAll boolean limitRows) {
        Path p = write(text);
        CsvOptions options = CsvOptions.defaults().withMaxRows(limitRows ? maxRows : null);
        assertThat(outcome(p, options, new Parallelism(3, rangeBytes))).isEqualTo(outcome(p, options, ONE_RANGE));
    }

    @Property(tries = 300)
    void readsLikeTheLineByLineReader(@ForAll("csvTexts") String text, @ForAll @IntRange(min = 1, max = 40) int rangeBytes,
            @ForAll boolean header, @ForAll boolean lastColumnLabel) {
        Path p = write(text);
        CsvOptions options = CsvOptions.defaults().withHeader(header).withLabelColumn(lastColumnLabel ? -1 : 0);
        Object expected;
        try {
            LabelledData d = LineByLineCsvReader.readLabelled(p, options);
            expected = describe(d);
        } catch (DataFormatException e) {
            expected = e.getMessage();
        }
        assertThat(outcome(p, options, new Parallelism(2, rangeBytes))).isEqualTo(expected);
    }

    /**
     * With the label map a test file is read with: the fast path leaves the labels to a check of the
     * whole range, and a range that fails it is read again line by line; the first malformed line
     * (a label outside the map, or anything else) is the one the line-by-line reader names.
     */
    @Property(tries = 300)
    void readsWithALabelMapLikeTheLineByLineReader(@ForAll("csvTexts") String text,
            @ForAll @IntRange(min = 1, max = 40) int rangeBytes, @ForAll @IntRange(max = 3) int mapKind,
            @ForAll @IntRange(min = 1, max = 50) int maxRows, @ForAll boolean limitRows) {
        Path p = write(text);
        LabelMap map = List.of(LabelMap.zeroBased(2), LabelMap.oneBased(3), LabelMap.signed(),
                LabelMap.ranked(new int[] {-3, 0, 7})).get(mapKind);
        CsvOptions options = CsvOptions.defaults().withLabelMap(map).withMaxRows(limitRows ? maxRows : null);
        Object expected;
        try {
            expected = describe(LineByLineCsvReader.readLabelled(p, options));
        } catch (DataFormatException e) {
            expected = e.getMessage();
        }
        assertThat(outcome(p, options, new Parallelism(2, rangeBytes))).isEqualTo(expected);
    }

    @Test
    void namesTheFileLineOfAnErrorFarIntoTheFile() {
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i <= 5000; i++) {
            sb.append(i == 4321 ? "1,x,3" : "1,2.5,3").append(i % 3 == 0 ? "\r\n" : "\n");
            if (i % 100 == 0) {
                sb.append('\n');
            }
        }
        Path p = write(sb.toString());
        long expectedLine = 4321 + 4321 / 100;
        assertThatThrownBy(() -> CsvReader.readLabelled(p, CsvOptions.defaults(), new Parallelism(2, 97)))
                .isInstanceOfSatisfying(DataFormatException.class, e -> assertThat(e.line()).isEqualTo(expectedLine))
                .hasMessageContaining("column 2: value 'x' is not a number");
    }

    @Test
    void stopsReportingErrorsAfterTheLastWantedRow() {
        Path p = write("1,2\n0,3\n1,4\nnot,a,row\n");
        Dataset d = CsvReader.readLabelled(p, CsvOptions.defaults().withMaxRows(3), new Parallelism(2, 3)).dataset();
        assertThat(d.labels()).containsExactly(1, 0, 1);
    }

    @Provide
    Arbitrary<String> csvTexts() {
        Arbitrary<String> value = Arbitraries.oneOf(
                Arbitraries.floats().between(-1000, 1000).map(f -> Float.toString(f)),
                Arbitraries.of("0", "-0", " 7 ", "1e3", "2.5E-3", "", "x", "NaN", "1.5f", "\u00e9", "3"));
        Arbitrary<String> label = Arbitraries.of("0", "1", "2", "+1", "-1", "1.0", "1.5", "cat", "");
        Arbitrary<String> row = net.jqwik.api.Combinators.combine(label, value.list().ofMinSize(1).ofMaxSize(3))
                .as((l, vs) -> l + "," + String.join(",", vs));
        Arbitrary<String> line = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(12, row), net.jqwik.api.Tuple.of(1, Arbitraries.of("", "  ", "\t")));
        Arbitrary<String> terminator = Arbitraries.of("\n", "\n", "\n", "\r\n", "\r");
        return net.jqwik.api.Combinators.combine(line, terminator).as(String::concat).list().ofMaxSize(25)
                .map(ls -> String.join("", ls));
    }
}
