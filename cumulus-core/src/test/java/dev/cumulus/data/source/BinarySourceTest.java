package dev.cumulus.data.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cumulus.data.DataFormatException;
import dev.cumulus.data.Dataset;
import dev.cumulus.data.LabelMap;
import dev.cumulus.data.binary.BinaryDatasetWriter;
import dev.cumulus.data.chunk.DataFingerprint;
import dev.cumulus.data.generate.HiggsLike;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BinarySourceTest {
    @TempDir
    Path dir;

    @Test
    void loadsABinaryFileAndSplitsItLikeAnyFile() {
        Dataset data = new HiggsLike().generate(500, 7);
        Path p = dir.resolve("train.cds");
        BinaryDatasetWriter.write(data, LabelMap.zeroBased(2), p);
        DataSpec spec = DataSpec.fromMap(Map.of("source", "binary", "path", p.toString(), "rows", 400));
        TrainTest tt = DataSources.load(spec);
        assertThat(tt.train().rows() + tt.test().rows()).isEqualTo(400);
        TrainTest again = DataSources.load(spec);
        assertThat(DataFingerprint.of(again.train())).isEqualTo(DataFingerprint.of(tt.train()));
    }

    @Test
    void usesABinaryTestFileWhenItMapsLabelsLikeTheTrainingFile() {
        Path train = dir.resolve("train.cds");
        Path test = dir.resolve("test.cds");
        BinaryDatasetWriter.write(new HiggsLike().generate(100, 1), LabelMap.zeroBased(2), train);
        BinaryDatasetWriter.write(new HiggsLike().generate(30, 2), LabelMap.zeroBased(2), test);
        TrainTest tt = DataSources.load(DataSpec.builder("binary").path(train).testPath(test).build());
        assertThat(tt.test().rows()).isEqualTo(30);

        BinaryDatasetWriter.write(new HiggsLike().generate(30, 2), LabelMap.signed(), test);
        assertThatThrownBy(() -> DataSources.load(DataSpec.builder("binary").path(train).testPath(test).build()))
                .isInstanceOf(DataFormatException.class)
                .hasMessageContaining("its labels map as labels -1/+1 -> classes 0/1 but the training file's as");
    }

    @Test
    void refusesKeysTheBinarySourceDoesNotUse() {
        assertThatThrownBy(() -> DataSpec.fromMap(Map.of("source", "binary", "path", "x.cds", "header", true)))
                .isInstanceOf(InvalidDataSpecException.class).hasMessageContaining("not used by source binary");
    }
}
