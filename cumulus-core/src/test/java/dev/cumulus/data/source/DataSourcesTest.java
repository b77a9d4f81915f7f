package dev.cumulus.data.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cumulus.data.DataFormatException;
import dev.cumulus.data.Dataset;
import dev.cumulus.data.MissingDataException;
import dev.cumulus.data.chunk.DataFingerprint;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataSourcesTest {
    @TempDir
    Path dir;

    @Test
    void generatedSourceIsSplitBySeedIntoTrainAndTest() {
        DataSpec spec = DataSpec.builder("blobs").rows(1_000).seed(5L).classes(4).features(3).testFraction(0.25).build();
        TrainTest tt = DataSources.load(spec);
        assertThat(tt.train().rows()).isEqualTo(750);
        assertThat(tt.test().rows()).isEqualTo(250);
        assertThat(tt.train().cols()).isEqualTo(3);
        assertThat(tt.train().numClasses()).isEqualTo(4);
        TrainTest again = DataSources.load(spec);
        assertThat(DataFingerprint.of(again.train())).isEqualTo(DataFingerprint.of(tt.train()));
        assertThat(DataFingerprint.of(again.test())).isEqualTo(DataFingerprint.of(tt.test()));
    }

    @Test
    void randomSplitPartitionsTheRows() {
        Dataset all = DataSources.generator(DataSpec.builder("higgs-like").build()).generate(101, 1);
        TrainTest tt = TrainTest.randomSplit(all, 0.3, 9);
        assertThat(tt.test().rows()).isEqualTo(30);
        assertThat(tt.train().rows()).isEqualTo(71);
        // Every original row appears once: compare the multiset of first-feature values.
        float[] original = new float[101];
        for (int r = 0; r < 101; r++) {
            original[r] = all.features().get(r, 0);
        }
        float[] split = new float[101];
        for (int r = 0; r < 71; r++) {
            split[r] = tt.train().features().get(r, 0);
        }
        for (int r = 0; r < 30; r++) {
            split[71 + r] = tt.test().features().get(r, 0);
        }
        Arrays.sort(original);
        Arrays.sort(split);
        assertThat(split).isEqualTo(original);
    }

    @Test
    void rcv1LikeSourceIsSparse() {
        TrainTest tt = DataSources.load(DataSpec.builder("rcv1-like").rows(500).build());
        assertThat(tt.train().features().isSparse()).isTrue();
        assertThat(tt.train().cols()).isEqualTo(47_236);
        assertThat(tt.test().rows()).isEqualTo(100);
    }

    @Test
    void libsvmTestFileUsesTrainingLabelMapAndFeatureCount() throws IOException {
        Path train = Files.writeString(dir.resolve("train.svm"), "1 1:1 4:2\n2 2:1\n3 3:1\n");
        Path test = Files.writeString(dir.resolve("test.svm"), "3 1:5\n");
        TrainTest tt = DataSources.load(DataSpec.builder("libsvm").path(train).testPath(test).build());
        assertThat(tt.train().labels()).containsExactly(0, 1, 2);
        assertThat(tt.test().labels()).containsExactly(2);
        assertThat(tt.test().cols()).isEqualTo(4);
        assertThat(tt.test().numClasses()).isEqualTo(3);
        assertThat(tt.test().features().isSparse()).isEqualTo(tt.train().features().isSparse());
    }

    @Test
    void libsvmTestFileWithUnknownLabelOrWiderIndexIsRejected() throws IOException {
        Path train = Files.writeString(dir.resolve("train.svm"), "-1 1:1\n+1 2:1\n");
        Path badLabel = Files.writeString(dir.resolve("label.svm"), "-1 1:1\n2 1:1\n");
        Path wide = Files.writeString(dir.resolve("wide.svm"), "-1 3:1\n");
        assertThatThrownBy(() -> DataSources.load(DataSpec.builder("libsvm").path(train).testPath(badLabel).build()))
                .isInstanceOf(DataFormatException.class)
                .hasMessageContaining(badLabel + ", line 2: label 2 is out of range");
        assertThatThrownBy(() -> DataSources.load(DataSpec.builder("libsvm").path(train).testPath(wide).build()))
                .isInstanceOf(DataFormatException.class)
                .hasMessageContaining(wide + ", line 1: index 3 in '3:1' is beyond the declared feature count 2");
    }

    @Test
    void csvSourceReadsHeaderAndSplits() throws IOException {
        StringBuilder sb = new StringBuilder("a,b,label\n");
        for (int i = 0; i < 50; i++) {
            sb.append(i).append(',').append(i * 2).append(',').append(i % 2).append('\n');
        }
        Path csv = Files.writeString(dir.resolve("d.csv"), sb.toString());
        TrainTest tt = DataSources.load(DataSpec.builder("csv").path(csv).header(true).labelColumn(-1).build());
        assertThat(tt.train().rows()).isEqualTo(40);
        assertThat(tt.test().rows()).isEqualTo(10);
        assertThat(tt.train().cols()).isEqualTo(2);
    }

    @Test
    void csvTestFileWithOtherWidthIsRejected() throws IOException {
        Path train = Files.writeString(dir.resolve("train.csv"), "1,2,3\n0,2,3\n");
        Path test = Files.writeString(dir.resolve("test.csv"), "1,2\n");
        assertThatThrownBy(() -> DataSources.load(DataSpec.builder("csv").path(train).testPath(test).build()))
                .isInstanceOf(DataFormatException.class)
                .hasMessageContaining(test + ": test data has 1 features but the training data has 2");
    }

    @Test
    void idxSourceFindsLabelsByConventionForTrainAndTest() throws IOException {
        writeIdxPair("train", 6);
        writeIdxPair("t10k", 2);
        TrainTest tt = DataSources.load(DataSpec.builder("idx").path(dir.resolve("train-images-idx3-ubyte"))
                .testPath(dir.resolve("t10k-images-idx3-ubyte")).build());
        assertThat(tt.train().rows()).isEqualTo(6);
        assertThat(tt.test().rows()).isEqualTo(2);
        assertThat(tt.train().cols()).isEqualTo(4);
        assertThat(tt.train().features().get(1, 0)).isEqualTo(1 / 255f);
    }

    private void writeIdxPair(String prefix, int n) throws IOException {
        ByteBuffer img = ByteBuffer.allocate(16 + 4 * n).putInt(0x803).putInt(n).putInt(2).putInt(2);
        ByteBuffer lab = ByteBuffer.allocate(8 + n).putInt(0x801).putInt(n);
        for (int i = 0; i < n; i++) {
            img.put((byte) i).put((byte) 0).put((byte) 0).put((byte) 255);
            lab.put((byte) (i % 3));
        }
        Files.write(dir.resolve(prefix + "-images-idx3-ubyte"), img.array());
        Files.write(dir.resolve(prefix + "-labels-idx1-ubyte"), lab.array());
    }

    @Test
    void fashionMnistLoadsSixtyThousandTrainAndTenThousandTestImages() {
        TrainTest tt = DataSources.load(DataSpec.builder("fashion-mnist").build());
        assertThat(tt.train().rows()).isEqualTo(60_000);
        assertThat(tt.test().rows()).isEqualTo(10_000);
        assertThat(tt.train().cols()).isEqualTo(784);
        assertThat(tt.train().numClasses()).isEqualTo(10);
        for (Dataset d : new Dataset[] {tt.train(), tt.test()}) {
            int[] perClass = new int[10];
            for (int label : d.labels()) {
                perClass[label]++;
            }
            // Fashion-MNIST is balanced: 6,000 training and 1,000 test images per class.
            assertThat(perClass).containsOnly(d.rows() / 10);
        }
        float[] px = ((dev.cumulus.data.DenseFeatures) tt.train().features()).values();
        float min = Float.MAX_VALUE;
        float max = -Float.MAX_VALUE;
        for (float v : px) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        assertThat(min).isEqualTo(0f);
        assertThat(max).isEqualTo(1f);
    }

    @Test
    void fashionMnistInAnotherDirectoryThatIsMissingSaysHowToInstall() {
        Path empty = dir.resolve("nothing-here");
        assertThatThrownBy(() -> DataSources.load(DataSpec.builder("fashion-mnist").path(empty).build()))
                .isInstanceOf(MissingDataException.class)
                .hasMessageContaining(empty.toAbsolutePath().toString())
                .hasMessageContaining("train-images-idx3-ubyte.gz")
                .hasMessageContaining("apt-get install dataset-fashion-mnist");
    }

    @Test
    void missingDataFileNamesThePath() {
        Path p = dir.resolve("missing.svm");
        assertThatThrownBy(() -> DataSources.load(DataSpec.builder("libsvm").path(p).build()))
                .isInstanceOf(MissingDataException.class)
                .hasMessageContaining(p.toAbsolutePath().toString());
    }
}
