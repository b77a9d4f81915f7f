package dev.cumulus.data.binary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cumulus.data.DataFormatException;
import dev.cumulus.data.Dataset;
import dev.cumulus.data.DenseFeatures;
import dev.cumulus.data.LabelMap;
import dev.cumulus.data.LabelledData;
import dev.cumulus.data.SparseFeatures;
import dev.cumulus.data.chunk.DataFingerprint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BinaryDatasetTest {
    @TempDir
    Path dir;

    static Dataset randomData(int rows, int cols, int classes, boolean sparse, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int[] labels = random.ints(rows, 0, classes).toArray();
        if (!sparse) {
            float[] values = new float[rows * cols];
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) random.nextGaussian();
            }
            return new Dataset(new DenseFeatures(rows, cols, values), labels, classes);
        }
        int[] start = new int[rows + 1];
        int[] idx = new int[rows * cols];
        float[] val = new float[rows * cols];
        int n = 0;
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                if (random.nextInt(3) == 0) {
                    idx[n] = c;
                    val[n++] = (float) random.nextGaussian();
                }
            }
            start[r + 1] = n;
        }
        return new Dataset(new SparseFeatures(rows, cols, start, Arrays.copyOf(idx, n), Arrays.copyOf(val, n)),
                labels, classes);
    }

    private static Path tempFile() {
        try {
            Path p = Files.createTempFile("dataset", ".cds");
            p.toFile().deleteOnExit();
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Property(tries = 60)
    void readsBackExactlyWhatWasWrittenWithItsLabelMapAndFingerprint(@ForAll @IntRange(min = 1, max = 40) int rows,
            @ForAll @IntRange(max = 9) int cols, @ForAll boolean sparse, @ForAll @IntRange(max = 3) int kind,
            @ForAll long seed) {
        LabelMap map = switch (kind) {
            case 0 -> LabelMap.signed();
            case 1 -> LabelMap.zeroBased(3);
            case 2 -> LabelMap.oneBased(4);
            default -> LabelMap.ranked(new int[] {-7, 3, 12});
        };
        Dataset data = randomData(rows, cols, map.numClasses(), sparse, seed);
        Path p = tempFile();
        BinaryDatasetWriter.write(data, map, p);

        LabelledData back = BinaryDatasetReader.read(p);
        assertThat(back.labelMap()).isEqualTo(map);
        assertThat(back.dataset().features().isSparse()).isEqualTo(sparse);
        assertThat(DataFingerprint.of(back.dataset())).isEqualTo(DataFingerprint.of(data));
        BinaryHeader header = BinaryDatasetReader.readHeader(p);
        assertThat(header.fingerprint()).isEqualTo(DataFingerprint.of(data));
        assertThat(header.rows()).isEqualTo(rows);
        assertThat(header.cols()).isEqualTo(cols);
        assertThat(header.labelMap()).isEqualTo(map);
    }

    @Test
    void keepsTheFirstRowsWhenAskedForFewer() {
        Dataset data = randomData(10, 3, 2, false, 1);
        Path p = dir.resolve("d.cds");
        BinaryDatasetWriter.write(data, LabelMap.zeroBased(2), p);
        Dataset first = BinaryDatasetReader.read(p, 4).dataset();
        assertThat(DataFingerprint.of(first)).isEqualTo(DataFingerprint.of(data.slice(0, 4)));
    }

    @Property(tries = 40)
    void refusesEveryTruncation(@ForAll @IntRange(min = 0, max = 10_000) int cut, @ForAll boolean sparse) throws IOException {
        Dataset data = randomData(7, 5, 2, sparse, cut);
        Path p = tempFile();
        BinaryDatasetWriter.write(data, LabelMap.signed(), p);
        byte[] bytes = Files.readAllBytes(p);
        Files.write(p, Arrays.copyOf(bytes, cut % bytes.length));
        assertThatThrownBy(() -> BinaryDatasetReader.read(p)).isInstanceOf(DataFormatException.class)
                .hasMessageStartingWith(p.toString());
    }

    @Property(tries = 150)
    void refusesEveryAlteredByte(@ForAll @IntRange(min = 0, max = 100_000) int at, @ForAll @IntRange(min = 1, max = 255) int flip,
            @ForAll boolean sparse) throws IOException {
        Dataset data = randomData(6, 4, 3, sparse, at);
        Path p = tempFile();
        BinaryDatasetWriter.write(data, LabelMap.oneBased(3), p);
        byte[] bytes = Files.readAllBytes(p);
        bytes[at % bytes.length] ^= (byte) flip;
        Files.write(p, bytes);
        assertThatThrownBy(() -> BinaryDatasetReader.read(p)).isInstanceOf(DataFormatException.class)
                .hasMessageStartingWith(p.toString());
    }

    @Test
    void saysWhatIsWrongWithAnAlteredFile() throws IOException {
        Path p = dir.resolve("d.cds");
        BinaryDatasetWriter.write(randomData(5, 2, 2, false, 3), LabelMap.zeroBased(2), p);
        byte[] bytes = Files.readAllBytes(p);
        bytes[100] ^= 1;
        Files.write(p, bytes);
        assertThatThrownBy(() -> BinaryDatasetReader.read(p)).isInstanceOf(DataFormatException.class)
                .hasMessageContaining("checksum mismatch: the file was altered or damaged");
    }

    @Test
    void saysATextFileIsNotABinaryDataset() throws IOException {
        Path p = dir.resolve("d.csv");
        Files.writeString(p, "1,2,3\n");
        assertThat(BinaryDatasetReader.hasMagic(p)).isFalse();
        assertThatThrownBy(() -> BinaryDatasetReader.read(p)).isInstanceOf(DataFormatException.class)
                .hasMessage(p + ", byte 0: not a Cumulus binary dataset: expected the magic bytes \"CUMULUSD\"");
    }
}
