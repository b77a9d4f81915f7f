package dev.cumulus.data.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cumulus.data.FeatureLayout;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DataSpecTest {

    @Test
    void fillsDefaultsForGenerators() {
        DataSpec s = DataSpec.builder("higgs-like").build();
        assertThat(s.rows()).isEqualTo(10_000);
        assertThat(s.seed()).isEqualTo(42L);
        assertThat(s.testFraction()).isEqualTo(0.2);
        assertThat(s.features()).isEqualTo(28);
        assertThat(s.classes()).isEqualTo(2);
        DataSpec b = DataSpec.builder("blobs").build();
        assertThat(b.classes()).isEqualTo(3);
        assertThat(b.features()).isEqualTo(2);
    }

    @Test
    void fillsDefaultsForFiles() {
        DataSpec s = DataSpec.builder("libsvm").path(Path.of("a.svm")).build();
        assertThat(s.layout()).isEqualTo(FeatureLayout.AUTO);
        assertThat(s.rows()).isNull();
        assertThat(s.testFraction()).isEqualTo(0.2);
        DataSpec t = DataSpec.builder("libsvm").path(Path.of("a.svm")).testPath(Path.of("b.svm")).build();
        assertThat(t.testFraction()).isNull();
        assertThat(t.splitsAtRandom()).isFalse();
        DataSpec f = DataSpec.builder("fashion-mnist").build();
        assertThat(f.scale()).isTrue();
        assertThat(f.testFraction()).isNull();
        assertThat(f.classes()).isEqualTo(10);
    }

    @Test
    void rejectsUnknownSourceListingTheKnownOnes() {
        assertThatThrownBy(() -> DataSpec.builder("mnist").build())
                .isInstanceOf(InvalidDataSpecException.class)
                .hasMessage("Invalid value mnist for configuration dataset.source: expected one of fashion-mnist, "
                        + "libsvm, idx, csv, binary, higgs-like, rcv1-like, blobs");
    }

    @Test
    void rejectsFileSourceWithoutPath() {
        assertThatThrownBy(() -> DataSpec.builder("csv").build())
                .isInstanceOfSatisfying(InvalidDataSpecException.class, e -> assertThat(e.field()).isEqualTo("path"))
                .hasMessageContaining("source csv needs the path of its data file");
    }

    @Test
    void rejectsFieldsTheSourceDoesNotUse() {
        assertThatThrownBy(() -> DataSpec.builder("higgs-like").path(Path.of("x")).build())
                .hasMessage("Invalid value x for configuration dataset.path: not used by source higgs-like");
        assertThatThrownBy(() -> DataSpec.builder("csv").path(Path.of("x")).layout(FeatureLayout.SPARSE).build())
                .hasMessage("Invalid value SPARSE for configuration dataset.layout: not used by source csv");
        assertThatThrownBy(() -> DataSpec.builder("fashion-mnist").testFraction(0.1).build())
                .hasMessageContaining("dataset.testFraction: not used by source fashion-mnist");
    }

    @Test
    void rejectsOutOfRangeNumbers() {
        assertThatThrownBy(() -> DataSpec.builder("blobs").rows(0).build())
                .hasMessage("Invalid value 0 for configuration dataset.rows: must be at least 1");
        assertThatThrownBy(() -> DataSpec.builder("blobs").testFraction(1.0).build())
                .hasMessage("Invalid value 1.0 for configuration dataset.testFraction: must be in (0, 1)");
        assertThatThrownBy(() -> DataSpec.builder("higgs-like").features(30).build())
                .hasMessage("Invalid value 30 for configuration dataset.features: higgs-like has exactly 28");
        assertThatThrownBy(() -> DataSpec.builder("rcv1-like").classes(3).build())
                .hasMessage("Invalid value 3 for configuration dataset.classes: rcv1-like is binary (2 classes)");
    }

    @Test
    void rejectsTestFractionTogetherWithTestPath() {
        assertThatThrownBy(() -> DataSpec.builder("libsvm").path(Path.of("a")).testPath(Path.of("b")).testFraction(0.3)
                .build())
                .hasMessageContaining("dataset.testFraction: not used when testPath is given");
    }

    @Test
    void buildsFromJobFileMap() {
        DataSpec s = DataSpec.fromMap(Map.of("source", "blobs", "rows", 500, "seed", "7", "k", 4, "features", 5L,
                "testFraction", 0.5));
        assertThat(s).isEqualTo(DataSpec.builder("blobs").rows(500).seed(7L).classes(4).features(5).testFraction(0.5)
                .build());
        DataSpec c = DataSpec.fromMap(Map.of("source", "csv", "path", "d.csv", "header", "true", "labelColumn", -1));
        assertThat(c.header()).isTrue();
        assertThat(c.labelColumn()).isEqualTo(-1);
        DataSpec l = DataSpec.fromMap(Map.of("source", "libsvm", "path", "d.svm", "layout", "Sparse"));
        assertThat(l.layout()).isEqualTo(FeatureLayout.SPARSE);
    }

    @Test
    void fromMapRejectsUnknownKeysAndBadTypes() {
        assertThatThrownBy(() -> DataSpec.fromMap(Map.of("source", "blobs", "row", 5)))
                .hasMessageStartingWith("Invalid value 5 for configuration dataset.row: unknown key; expected one of");
        assertThatThrownBy(() -> DataSpec.fromMap(Map.of("source", "blobs", "rows", "many")))
                .hasMessage("Invalid value many for configuration dataset.rows: expected an integer");
        assertThatThrownBy(() -> DataSpec.fromMap(Map.of("source", "csv", "path", "x", "header", "yes")))
                .hasMessage("Invalid value yes for configuration dataset.header: expected true or false");
        assertThatThrownBy(() -> DataSpec.fromMap(Map.of("source", "libsvm", "path", "x", "layout", "csr")))
                .hasMessage("Invalid value csr for configuration dataset.layout: expected one of [auto, dense, sparse]");
    }
}
