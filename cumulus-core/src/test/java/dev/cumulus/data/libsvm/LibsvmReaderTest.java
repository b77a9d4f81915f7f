package dev.cumulus.data.libsvm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cumulus.data.DataFormatException;
import dev.cumulus.data.Dataset;
import dev.cumulus.data.FeatureLayout;
import dev.cumulus.data.LabelMap;
import dev.cumulus.data.LabelledData;
import dev.cumulus.data.MissingDataException;
import dev.cumulus.data.SparseFeatures;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LibsvmReaderTest {
    @TempDir
    Path dir;

    private Path file(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    @Test
    void readsDenseDataWithZeroOneLabels() throws IOException {
        Path p = file("a.txt", "1 1:0.5 2:1.5 3:-2\n0 1:1 3:4\n\n# comment line\n1 2:3 # trailing comment\n");
        Dataset d = LibsvmReader.read(p);
        assertThat(d.rows()).isEqualTo(3);
        assertThat(d.cols()).isEqualTo(3);
        assertThat(d.features().isSparse()).isFalse();
        assertThat(d.labels()).containsExactly(1, 0, 1);
        assertThat(d.numClasses()).isEqualTo(2);
        float[][] expected = {{0.5f, 1.5f, -2f}, {1f, 0f, 4f}, {0f, 3f, 0f}};
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 3; c++) {
                assertThat(d.features().get(r, c)).isEqualTo(expected[r][c]);
            }
        }
    }

    @Test
    void choosesSparseStorageForLowDensityAndKeepsZeroBasedSortedIndices() throws IOException {
        Path p = file("s.txt", "+1 3:1 100:2\n-1 50:0.25\n");
        Dataset d = LibsvmReader.read(p);
        assertThat(d.features().isSparse()).isTrue();
        assertThat(d.cols()).isEqualTo(100);
        SparseFeatures s = (SparseFeatures) d.features();
        assertThat(s.rowStart()).containsExactly(0, 2, 3);
        assertThat(s.indices()).containsExactly(2, 99, 49);
        assertThat(s.values()).containsExactly(1f, 2f, 0.25f);
        assertThat(d.labels()).containsExactly(1, 0);
    }

    @Test
    void explicitLayoutOverridesDensity() throws IOException {
        Path p = file("s.txt", "1 3:1 100:2\n0 50:0.25\n");
        Dataset dense = LibsvmReader.read(p, LibsvmOptions.defaults().withLayout(FeatureLayout.DENSE));
        Dataset sparse = LibsvmReader.read(p, LibsvmOptions.defaults().withLayout(FeatureLayout.SPARSE));
        assertThat(dense.features().isSparse()).isFalse();
        assertThat(sparse.features().isSparse()).isTrue();
        for (int c = 0; c < 100; c++) {
            assertThat(dense.features().get(0, c)).isEqualTo(sparse.features().get(0, c));
        }
    }

    @Test
    void mapsPlusMinusOneLabelsToOneAndZero() throws IOException {
        LabelledData d = LibsvmReader.readLabelled(file("pm.txt", "-1 1:1\n+1 1:2\n1 1:3\n-1.0 1:4\n"),
                LibsvmOptions.defaults());
        assertThat(d.dataset().labels()).containsExactly(0, 1, 1, 0);
        assertThat(d.labelMap()).isEqualTo(LabelMap.signed());
    }

    @Test
    void mapsOneBasedMultiClassLabelsToZeroBased() throws IOException {
        Dataset d = LibsvmReader.read(file("mc.txt", "3 1:1\n1 1:1\n2 2:1\n5 1:1\n"));
        assertThat(d.labels()).containsExactly(2, 0, 1, 4);
        assertThat(d.numClasses()).isEqualTo(5);
    }

    @Test
    void keepsZeroBasedMultiClassLabels() throws IOException {
        Dataset d = LibsvmReader.read(file("z.txt", "0 1:1\n2 1:1\n1 2:1\n"));
        assertThat(d.labels()).containsExactly(0, 2, 1);
        assertThat(d.numClasses()).isEqualTo(3);
    }

    @Test
    void ranksLabelsThatFitNoRange() throws IOException {
        Dataset d = LibsvmReader.read(file("r.txt", "-5 1:1\n7 1:1\n-1 1:1\n"));
        assertThat(d.labels()).containsExactly(0, 2, 1);
        assertThat(d.numClasses()).isEqualTo(3);
    }

    @Test
    void usesDeclaredFeatureCountEvenWhenLargerThanMaxIndex() throws IOException {
        Dataset d = LibsvmReader.read(file("f.txt", "1 2:1\n0 1:1\n"), LibsvmOptions.defaults().withFeatures(10));
        assertThat(d.cols()).isEqualTo(10);
    }

    @Test
    void readsGzipDetectedByMagicNotName() throws IOException {
        Path p = dir.resolve("data.bin");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(p))) {
            out.write("1 1:1 2:2\n0 2:5\n".getBytes(StandardCharsets.UTF_8));
        }
        Dataset d = LibsvmReader.read(p);
        assertThat(d.rows()).isEqualTo(2);
        assertThat(d.features().get(1, 1)).isEqualTo(5f);
    }

    @Test
    void stopsAfterMaxRows() throws IOException {
        Dataset d = LibsvmReader.read(file("m.txt", "1 1:1\n0 1:2\n1 1:3\nthis line is never read\n"),
                LibsvmOptions.defaults().withMaxRows(3));
        assertThat(d.rows()).isEqualTo(3);
    }

    @Test
    void testFileReadWithTrainingLabelMapMapsConsistently() throws IOException {
        LabelledData train = LibsvmReader.readLabelled(file("tr.txt", "1 1:1\n2 1:1\n3 1:1\n"), LibsvmOptions.defaults());
        Dataset test = LibsvmReader.read(file("te.txt", "3 1:1\n"), LibsvmOptions.defaults().withLabelMap(train.labelMap()));
        assertThat(test.labels()).containsExactly(2);
        assertThat(test.numClasses()).isEqualTo(3);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "index zero           | 1 1:1\\n1 0:1 2:1     | 2 | index 0 in '0:1' is invalid: indices are one-based",
        "negative index       | 1 -3:1                | 1 | index -3 in '-3:1' is invalid",
        "non-increasing index | 1 2:1 5:1 5:2         | 1 | index 5 in '5:2' does not increase (previous index 5)",
        "decreasing index     | 1 1:1\\n0 4:1 2:1     | 2 | index 2 in '2:1' does not increase (previous index 4)",
        "non-numeric value    | 1 1:1\\n\\n0 1:abc    | 3 | value 'abc' of index 1 is not a number",
        "non-finite value     | 1 1:NaN               | 1 | value 'NaN' of index 1 is not finite",
        "non-numeric index    | 1 x:1                 | 1 | index 'x' in 'x:1' is not an integer",
        "missing colon        | 1 1:1 7               | 1 | expected index:value, got '7'",
        "non-numeric label    | yes 1:1               | 1 | label 'yes' is not a number",
        "fractional label     | 1 1:1\\n0.5 1:1       | 2 | label '0.5' is not an integer class label",
        "qid                  | 1 qid:3 1:1           | 1 | 'qid:' (ranking data) is not supported",
    })
    void rejectsMalformedLineNamingFileLineAndReason(String caseName, String text, long line, String reason)
            throws IOException {
        Path p = file("bad.txt", text.replace("\\n", "\n"));
        assertThatThrownBy(() -> LibsvmReader.read(p))
                .isInstanceOfSatisfying(DataFormatException.class, e -> {
                    assertThat(e.source()).isEqualTo(p.toString());
                    assertThat(e.line()).isEqualTo(line);
                    assertThat(e.reason()).contains(reason);
                })
                .hasMessageContaining(p.toString())
                .hasMessageContaining("line " + line)
                .hasMessageContaining(reason);
    }

    @Test
    void rejectsIndexBeyondDeclaredFeatureCount() throws IOException {
        Path p = file("b.txt", "1 1:1\n0 3:1 11:1\n");
        assertThatThrownBy(() -> LibsvmReader.read(p, LibsvmOptions.defaults().withFeatures(10)))
                .isInstanceOf(DataFormatException.class)
                .hasMessageContaining(p + ", line 2: index 11 in '11:1' is beyond the declared feature count 10");
    }

    @Test
    void rejectsLabelOutsideGivenLabelMap() throws IOException {
        Path p = file("l.txt", "1 1:1\n2 1:1\n");
        assertThatThrownBy(() -> LibsvmReader.read(p, LibsvmOptions.defaults().withLabelMap(LabelMap.signed())))
                .isInstanceOf(DataFormatException.class)
                .hasMessageContaining(p + ", line 2: label 2 is out of range: expected labels -1/+1 -> classes 0/1");
    }

    @Test
    void rejectsLabelsThatExceedExpectedClasses() throws IOException {
        Path p = file("c.txt", "0 1:1\n4 1:1\n");
        assertThatThrownBy(() -> LibsvmReader.read(p, LibsvmOptions.defaults().withClasses(3)))
                .isInstanceOf(DataFormatException.class)
                .hasMessageContaining(p.toString())
                .hasMessageContaining("do not fit the expected 3 classes");
    }

    @Test
    void rejectsFileWithoutExamples() throws IOException {
        Path p = file("e.txt", "# nothing\n\n");
        assertThatThrownBy(() -> LibsvmReader.read(p))
                .isInstanceOf(DataFormatException.class)
                .hasMessageContaining(p + ": no examples");
    }

    @Test
    void rejectsTruncatedGzip() throws IOException {
        Path full = dir.resolve("full.gz");
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 2000; i++) {
            sb.append(i % 2).append(" 1:").append(i).append(" 2:").append(i * 7 % 13).append('\n');
        }
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(full))) {
            out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
        }
        byte[] bytes = Files.readAllBytes(full);
        Path cut = dir.resolve("cut.gz");
        Files.write(cut, Arrays.copyOf(bytes, bytes.length / 2));
        assertThatThrownBy(() -> LibsvmReader.read(cut))
                .isInstanceOf(DataFormatException.class)
                .hasMessageContaining(cut.toString())
                .hasMessageContaining("truncated or corrupt");
    }

    @Test
    void directoryInsteadOfFileIsReportedAsSuch() {
        assertThatThrownBy(() -> LibsvmReader.read(dir))
                .isInstanceOf(MissingDataException.class)
                .hasMessageContaining(dir.toAbsolutePath() + " is a directory, expected a data file");
    }

    @Test
    void missingFileErrorNamesThePath() {
        Path p = dir.resolve("nope.svm");
        assertThatThrownBy(() -> LibsvmReader.read(p))
                .isInstanceOf(MissingDataException.class)
                .hasMessageContaining("data file not found")
                .hasMessageContaining(p.toAbsolutePath().toString());
    }
}
