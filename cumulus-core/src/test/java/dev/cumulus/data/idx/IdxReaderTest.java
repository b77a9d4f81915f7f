package dev.cumulus.data.idx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cumulus.data.DataFormatException;
import dev.cumulus.data.Dataset;
import dev.cumulus.data.MissingDataException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdxReaderTest {
    private static final int IMAGES = 0x00000803;
    private static final int LABELS = 0x00000801;

    @TempDir
    Path dir;

    /** Three 2x2 images with pixel (i, p) = 50 * i + p + (i == 2 ? 150 : 0), labels 4, 0, 9. */
    private static byte[] pixels() {
        return new byte[] {0, 1, 2, 3, 50, 51, 52, 53, (byte) 250, (byte) 251, (byte) 252, (byte) 255};
    }

    private Path[] writePair(String prefix, boolean gzip) throws IOException {
        String suffix = gzip ? ".gz" : "";
        Path img = IdxFiles.write(dir.resolve(prefix + "-images-idx3-ubyte" + suffix),
                IdxFiles.idx(IMAGES, new int[] {3, 2, 2}, pixels()), gzip);
        Path lab = IdxFiles.write(dir.resolve(prefix + "-labels-idx1-ubyte" + suffix),
                IdxFiles.idx(LABELS, new int[] {3}, new byte[] {4, 0, 9}), gzip);
        return new Path[] {img, lab};
    }

    @ParameterizedTest(name = "gzip={0}")
    @ValueSource(booleans = {false, true})
    void readsImagesScaledToUnitInterval(boolean gzip) throws IOException {
        Path[] p = writePair("train", gzip);
        Dataset d = IdxReader.read(p[0], p[1], IdxOptions.defaults());
        assertThat(d.rows()).isEqualTo(3);
        assertThat(d.cols()).isEqualTo(4);
        assertThat(d.labels()).containsExactly(4, 0, 9);
        assertThat(d.numClasses()).isEqualTo(10);
        byte[] px = pixels();
        for (int i = 0; i < 12; i++) {
            assertThat(d.features().get(i / 4, i % 4)).isEqualTo((px[i] & 0xff) / 255f);
        }
        assertThat(d.features().get(2, 3)).isEqualTo(1.0f);
    }

    @Test
    void keepsRawPixelsWithoutScaling() throws IOException {
        Path[] p = writePair("train", false);
        Dataset d = IdxReader.read(p[0], p[1], new IdxOptions(false, null, null));
        assertThat(d.features().get(2, 3)).isEqualTo(255f);
        assertThat(d.features().get(1, 1)).isEqualTo(51f);
    }

    @Test
    void findsLabelsFileByNamingConvention() throws IOException {
        Path[] p = writePair("t10k", true);
        assertThat(IdxReader.labelsFor(p[0])).isEqualTo(p[1]);
        assertThat(IdxReader.read(p[0]).labels()).containsExactly(4, 0, 9);
        Path original = IdxFiles.write(dir.resolve("x-images.idx3-ubyte"), new byte[0], false);
        Path originalLabels = IdxFiles.write(dir.resolve("x-labels.idx1-ubyte.gz"), new byte[0], false);
        assertThat(IdxReader.labelsFor(original)).isEqualTo(originalLabels);
    }

    @Test
    void missingLabelsFileNamesTheCandidates() throws IOException {
        Path img = IdxFiles.write(dir.resolve("a-images-idx3-ubyte"), IdxFiles.idx(IMAGES, new int[] {0, 2, 2}, new byte[0]),
                false);
        assertThatThrownBy(() -> IdxReader.labelsFor(img))
                .isInstanceOf(MissingDataException.class)
                .hasMessageContaining("a-labels-idx1-ubyte");
    }

    @Test
    void usesOnlyFirstMaxRows() throws IOException {
        Path[] p = writePair("train", false);
        Dataset d = IdxReader.read(p[0], p[1], new IdxOptions(true, 10, 2));
        assertThat(d.rows()).isEqualTo(2);
        assertThat(d.labels()).containsExactly(4, 0);
    }

    @Test
    void rejectsWrongImageMagicNamingFileAndOffset() throws IOException {
        Path[] p = writePair("train", false);
        Path swapped = p[1];
        assertThatThrownBy(() -> IdxReader.read(swapped, p[0], IdxOptions.defaults()))
                .isInstanceOfSatisfying(DataFormatException.class, e -> assertThat(e.byteOffset()).isZero())
                .hasMessageContaining(swapped + ", byte 0: wrong IDX magic 0x00000801: expected 0x00000803");
    }

    @Test
    void rejectsWrongLabelMagic() throws IOException {
        Path[] p = writePair("train", true);
        assertThatThrownBy(() -> IdxReader.read(p[0], p[0], IdxOptions.defaults()))
                .isInstanceOf(DataFormatException.class)
                .hasMessageContaining(p[0] + ", byte 0: wrong IDX magic 0x00000803: expected 0x00000801");
    }

    @Test
    void rejectsTruncatedImageData() throws IOException {
        byte[] full = IdxFiles.idx(IMAGES, new int[] {3, 2, 2}, pixels());
        Path img = IdxFiles.write(dir.resolve("c-images-idx3-ubyte"), Arrays.copyOf(full, full.length - 5), false);
        Path lab = IdxFiles.write(dir.resolve("c-labels-idx1-ubyte"), IdxFiles.idx(LABELS, new int[] {3}, new byte[3]),
                false);
        assertThatThrownBy(() -> IdxReader.read(img, lab, IdxOptions.defaults()))
                .isInstanceOfSatisfying(DataFormatException.class, e -> assertThat(e.byteOffset()).isEqualTo(full.length - 5))
                .hasMessageContaining(img.toString())
                .hasMessageContaining("truncated: the header promises [3, 2, 2] = 12 data bytes but only 7 follow");
    }

    @Test
    void rejectsTruncatedHeader() throws IOException {
        Path img = IdxFiles.write(dir.resolve("h-images-idx3-ubyte"), new byte[] {0, 0, 8, 3, 0, 0, 0}, false);
        assertThatThrownBy(() -> IdxReader.read(img, img, IdxOptions.defaults()))
                .isInstanceOf(DataFormatException.class)
                .hasMessageContaining(img + ", byte 7: truncated: the header of 3 dimension sizes needs 16 bytes");
    }

    @Test
    void rejectsEmptyFile() throws IOException {
        Path img = IdxFiles.write(dir.resolve("e-images-idx3-ubyte"), new byte[0], false);
        assertThatThrownBy(() -> IdxReader.read(img, img, IdxOptions.defaults()))
                .isInstanceOf(DataFormatException.class)
                .hasMessageContaining(img + ", byte 0: truncated");
    }

    @Test
    void rejectsTrailingBytes() throws IOException {
        byte[] full = IdxFiles.idx(LABELS, new int[] {3}, new byte[] {1, 2, 3, 4});
        Path[] p = writePair("train", false);
        Path lab = IdxFiles.write(dir.resolve("long-labels"), full, false);
        assertThatThrownBy(() -> IdxReader.read(p[0], lab, IdxOptions.defaults()))
                .isInstanceOf(DataFormatException.class)
                .hasMessageContaining(lab + ", byte 11: 1 unexpected bytes after the [3] data");
    }

    @Test
    void rejectsTruncatedGzipStream() throws IOException {
        Path[] p = writePair("train", true);
        byte[] gz = Files.readAllBytes(p[0]);
        Path cut = IdxFiles.write(dir.resolve("cut-images-idx3-ubyte.gz"), Arrays.copyOf(gz, gz.length - 12), false);
        assertThatThrownBy(() -> IdxReader.read(cut, p[1], IdxOptions.defaults()))
                .isInstanceOf(DataFormatException.class)
                .hasMessageContaining(cut.toString())
                .hasMessageContaining("compressed stream is truncated or corrupt");
    }

    @Test
    void rejectsImageLabelCountMismatch() throws IOException {
        Path[] p = writePair("train", false);
        Path lab = IdxFiles.write(dir.resolve("two-labels"), IdxFiles.idx(LABELS, new int[] {2}, new byte[] {1, 2}), false);
        assertThatThrownBy(() -> IdxReader.read(p[0], lab, IdxOptions.defaults()))
                .isInstanceOf(DataFormatException.class)
                .hasMessageContaining(p[0].toString())
                .hasMessageContaining(lab.toString())
                .hasMessageContaining("images/labels count mismatch: 3 images but 2 labels");
    }

    @Test
    void rejectsLabelOutOfDeclaredRange() throws IOException {
        Path[] p = writePair("train", false);
        assertThatThrownBy(() -> IdxReader.read(p[0], p[1], new IdxOptions(true, 5, null)))
                .isInstanceOf(DataFormatException.class)
                .hasMessageContaining(p[1] + ", byte 10: label 9 of item 2 is out of range 0..4");
    }
}
