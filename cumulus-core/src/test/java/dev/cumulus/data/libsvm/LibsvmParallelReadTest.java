package dev.cumulus.data.libsvm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cumulus.data.DataFormatException;
import dev.cumulus.data.Dataset;
import dev.cumulus.data.FeatureLayout;
import dev.cumulus.data.LabelledData;
import dev.cumulus.data.SparseFeatures;
import dev.cumulus.data.text.Parallelism;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class LibsvmParallelReadTest {

    private static Path write(String text) {
        try {
            Path p = Files.createTempFile("parallel", ".libsvm");
            p.toFile().deleteOnExit();
            Files.write(p, text.getBytes(StandardCharsets.UTF_8));
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Object describe(LabelledData d) {
        Dataset data = d.dataset();
        SparseFeatures s = (SparseFeatures) data.features();
        return List.of(data.rows(), data.cols(), Arrays.toString(s.rowStart()), Arrays.toString(s.indices()),
                Arrays.toString(s.values()), Arrays.toString(data.labels()), d.labelMap());
    }

    @Property(tries = 400)
    void readsLikeTheLineByLineReader(@ForAll("libsvmTexts") String text,
            @ForAll @IntRange(min = 1, max = 40) int rangeBytes, @ForAll @IntRange(min = 1, max = 12) int maxRows,
            @ForAll boolean limitRows, @ForAll boolean declareFeatures) {
        Path p = write(text);
        LibsvmOptions options = LibsvmOptions.defaults().withLayout(FeatureLayout.SPARSE)
                .withMaxRows(limitRows ? maxRows : null).withFeatures(declareFeatures ? 6 : null);
        Object expected;
        try {
            expected = describe(LineByLineLibsvmReader.readLabelled(p, options));
        } catch (DataFormatException e) {
            expected = e.getMessage();
        }
        Object actual;
        try {
            actual = describe(LibsvmReader.readLabelled(p, options, new Parallelism(3, rangeBytes)));
        } catch (DataFormatException e) {
            actual = e.getMessage();
        }
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void namesTheFileLineOfAnErrorFarIntoTheFile() {
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i <= 3000; i++) {
            sb.append(i == 2999 ? "1 3:1 2:1" : "1 1:0.5 3:2").append(i % 7 == 0 ? "  # note\n" : "\n");
        }
        Path p = write(sb.toString());
        assertThatThrownBy(() -> LibsvmReader.readLabelled(p, LibsvmOptions.defaults(), new Parallelism(2, 50)))
                .isInstanceOfSatisfying(DataFormatException.class, e -> assertThat(e.line()).isEqualTo(2999))
                .hasMessageContaining("index 2 in '2:1' does not increase (previous index 3)");
    }

    @Provide
    Arbitrary<String> libsvmTexts() {
        Arbitrary<String> index = Arbitraries.frequencyOf(Tuple.of(10, Arbitraries.integers().between(1, 8).map(i -> i + "")),
                Tuple.of(1, Arbitraries.of("0", "-1", "x", "qid", "99999999999", "+2", "")));
        Arbitrary<String> value = Arbitraries.frequencyOf(
                Tuple.of(10, Arbitraries.floats().between(-100, 100).map(f -> Float.toString(f))),
                Tuple.of(1, Arbitraries.of("", "NaN", "1e50", "abc", "2.5f", "\u00e9")));
        Arbitrary<String> pair = Combinators.combine(index, value).as((i, v) -> i + ":" + v);
        Arbitrary<String> label = Arbitraries.of("1", "-1", "+1", "0", "2", "1.0", "0.5", "yes");
        Arbitrary<String> row = Combinators.combine(label, pair.list().ofMaxSize(4), Arbitraries.of("", " # c", "#"))
                .as((l, ps, comment) -> l + (ps.isEmpty() ? "" : " " + String.join(" ", ps)) + comment);
        Arbitrary<String> line = Arbitraries.frequencyOf(Tuple.of(12, row),
                Tuple.of(1, Arbitraries.of("", " ", "# comment", "7")));
        Arbitrary<String> terminator = Arbitraries.of("\n", "\n", "\r\n", "\r");
        return Combinators.combine(line, terminator).as(String::concat).list().ofMaxSize(20)
                .map(ls -> String.join("", ls));
    }
}
