package dev.cumulus.bench.peers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OptionsTest {
    @Test
    void defaultsWriteIntoRunsAndReadTheSystemPython() {
        Options o = Options.parse(new String[] {"sklearn", "lr-1m"});
        assertThat(o.out()).isEqualTo(Path.of("runs", "peers-sklearn-lr-1m"));
        assertThat(o.python()).isEqualTo(Path.of("/usr/bin/python3"));
        assertThat(o.rounds()).isEqualTo(3);
        assertThat(o.sparkTarget()).isEqualTo(Path.of(".").resolve("cumulus-bench/spark-peer/target"));
    }

    @Test
    void setsArePassedOnInOrder() {
        Options o = Options.parse(new String[] {"spark", "fashion", "--set", "workers=4", "--rounds", "1",
            "--set", "algorithm.epochs=9"});
        assertThat(o.sets()).containsExactly("workers=4", "algorithm.epochs=9");
        assertThat(o.rounds()).isEqualTo(1);
    }

    @Test
    void aSetWithoutAnEqualsSignIsRefused() {
        assertThatThrownBy(() -> Options.parse(new String[] {"sklearn", "lr-1m", "--set", "workers"}))
                .hasMessage("--set workers: expected KEY=VALUE");
    }

    @Test
    void roundsMustBeAPositiveWholeNumber() {
        assertThatThrownBy(() -> Options.parse(new String[] {"sklearn", "lr-1m", "--rounds", "0"}))
                .hasMessage("--rounds 0: expected a whole number greater than 0");
        assertThatThrownBy(() -> Options.parse(new String[] {"sklearn", "lr-1m", "--rounds", "three"}))
                .hasMessage("--rounds three: expected a whole number greater than 0");
    }

    @Test
    void anOptionWithoutItsValueIsRefused() {
        assertThatThrownBy(() -> Options.parse(new String[] {"sklearn", "lr-1m", "--data"}))
                .hasMessage("--data needs a value");
    }

    @Test
    void sparkFitLinesAreReadAsKeyValuePairs() {
        Map<String, Double> v = SparkMllib.values("fit 1 done rows=20000 readSeconds=52.4492 fitSeconds=32.9352");
        assertThat(v).containsEntry("rows", 20000.0).containsEntry("readSeconds", 52.4492)
                .containsEntry("fitSeconds", 32.9352).hasSize(3);
    }
}
