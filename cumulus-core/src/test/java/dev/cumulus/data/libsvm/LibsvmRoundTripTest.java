package dev.cumulus.data.libsvm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cumulus.data.Dataset;
import dev.cumulus.data.FeatureLayout;
import dev.cumulus.data.LabelMap;
import dev.cumulus.data.LabelledData;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LibsvmRoundTripTest {

    @Property(tries = 150)
    void readingWhatWasWrittenGivesTheSameMatrixAndLabels(@ForAll @IntRange(min = 1, max = 30) int rows,
                                                          @ForAll @IntRange(min = 1, max = 25) int cols,
                                                          @ForAll @IntRange(min = 2, max = 6) int classes,
                                                          @ForAll long seed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        float[] values = new float[rows * cols];
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextInt(3) == 0 ? (float) (random.nextGaussian() * Math.pow(10, random.nextInt(-8, 9))) : 0f;
        }
        int[] labels = random.ints(rows, 0, classes).toArray();
        Dataset data = new Dataset(new dev.cumulus.data.DenseFeatures(rows, cols, values), labels, classes);
        LabelMap map = classes == 2 && random.nextBoolean() ? LabelMap.signed() : LabelMap.oneBased(classes);
        StringWriter text = new StringWriter();
        LibsvmWriter.write(data, map, text);
        Dataset back = LibsvmReader.readLabelled(new ByteArrayInputStream(text.toString().getBytes(StandardCharsets.UTF_8)),
                "memory", new LibsvmOptions(cols, FeatureLayout.DENSE, map, null, null)).dataset();
        assertThat(back.labels()).isEqualTo(labels);
        assertThat(((dev.cumulus.data.DenseFeatures) back.features()).values()).isEqualTo(values);
    }

    @Test
    void writesSparseRowsWithOneBasedIndicesViaRename(@TempDir Path dir) throws IOException {
        Path in = Files.writeString(dir.resolve("in.svm"), "-1 3:0.5 7:2\n+1 1:1\n");
        LabelledData read = LibsvmReader.readLabelled(in, LibsvmOptions.defaults().withLayout(FeatureLayout.SPARSE));
        Path out = dir.resolve("out/copy.svm");
        LibsvmWriter.write(read.dataset(), read.labelMap(), out);
        assertThat(Files.readString(out)).isEqualTo("-1 3:0.5 7:2.0\n1 1:1.0\n");
        try (var listing = Files.list(out.getParent())) {
            assertThat(listing).containsExactly(out);
        }
    }
}
