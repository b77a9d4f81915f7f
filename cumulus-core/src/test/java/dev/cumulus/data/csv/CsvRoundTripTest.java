package dev.cumulus.data.csv;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cumulus.data.Dataset;
import dev.cumulus.data.DenseFeatures;
import dev.cumulus.data.LabelMap;
import dev.cumulus.data.text.Parallelism;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class CsvRoundTripTest {

    @Property(tries = 100)
    void readingWhatWasWrittenGivesTheSameBitsAndLabels(@ForAll @IntRange(min = 1, max = 30) int rows,
            @ForAll @IntRange(min = 1, max = 6) int cols, @ForAll long seed, @ForAll @IntRange(min = 1, max = 64) int rangeBytes)
            throws IOException {
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        float[] values = new float[rows * cols];
        for (int i = 0; i < values.length; i++) {
            // Every bit pattern of a finite float, so every printed form (plain, E notation, -0.0) appears.
            float v;
            do {
                v = Float.intBitsToFloat(random.nextInt());
            } while (!Float.isFinite(v));
            values[i] = v;
        }
        int[] labels = random.ints(rows, 0, 3).toArray();
        Dataset data = new Dataset(new DenseFeatures(rows, cols, values), labels, 3);
        Path p = Files.createTempFile("round", ".csv");
        try {
            CsvWriter.write(data, LabelMap.oneBased(3), p);
            Dataset back = CsvReader.readLabelled(p, CsvOptions.defaults().withLabelMap(LabelMap.oneBased(3)),
                    new Parallelism(2, rangeBytes)).dataset();
            assertThat(back.labels()).containsExactly(labels);
            float[] read = ((DenseFeatures) back.features()).values();
            for (int i = 0; i < values.length; i++) {
                assertThat(Float.floatToRawIntBits(read[i])).isEqualTo(Float.floatToRawIntBits(values[i]));
            }
        } finally {
            Files.deleteIfExists(p);
        }
    }
}
