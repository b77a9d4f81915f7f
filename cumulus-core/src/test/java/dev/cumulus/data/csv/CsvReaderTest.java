package dev.cumulus.data.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cumulus.data.DataFormatException;
import dev.cumulus.data.Dataset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CsvReaderTest {
    @TempDir
    Path dir;

    private Path file(String text) throws IOException {
        Path p = dir.resolve("data.csv");
        Files.writeString(p, text);
        return p;
    }

    @Test
    void readsHeaderAndLabelInFirstColumn() throws IOException {
        Path p = file("label,x1,x2\n1, 0.5 ,2\n0,-1,3e2\n\n2,0,0\n");
        Dataset d = CsvReader.read(p, CsvOptions.defaults().withHeader(true));
        assertThat(d.rows()).isEqualTo(3);
        assertThat(d.cols()).isEqualTo(2);
        assertThat(d.features().isSparse()).isFalse();
        assertThat(d.labels()).containsExactly(1, 0, 2);
        assertThat(d.numClasses()).isEqualTo(3);
        assertThat(d.features().get(0, 0)).isEqualTo(0.5f);
        assertThat(d.features().get(1, 1)).isEqualTo(300f);
    }

    @Test
    void ignoresUtf8ByteOrderMark() throws IOException {
        Dataset d = CsvReader.read(file("\uFEFF1,2\n0,3\n"));
        assertThat(d.labels()).containsExactly(1, 0);
    }

    @Test
    void readsLabelFromLastColumnCountedFromTheEnd() throws IOException {
        Path p = file("0.1;0.2;-1\n0.3;0.4;1\n");
        Dataset d = CsvReader.read(p, CsvOptions.defaults().withLabelColumn(-1).withDelimiter(';'));
        assertThat(d.labels()).containsExactly(0, 1);
        assertThat(d.features().get(1, 0)).isEqualTo(0.3f);
        assertThat(d.features().get(1, 1)).isEqualTo(0.4f);
    }

    @Test
    void readsLabelFromMiddleColumn() throws IOException {
        Dataset d = CsvReader.read(file("5,1,6\n7,0,8\n"), CsvOptions.defaults().withLabelColumn(1));
        assertThat(d.labels()).containsExactly(1, 0);
        assertThat(d.features().get(0, 0)).isEqualTo(5f);
        assertThat(d.features().get(0, 1)).isEqualTo(6f);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "non-numeric value | 1,2,3\\n0,2,x     | 2 | column 3: value 'x' is not a number",
        "empty field       | 1,2,3\\n0,,3      | 2 | column 2 is empty",
        "short row         | 1,2,3\\n\\n0,2    | 3 | expected 3 fields (as on line 1), got 2",
        "long row          | 1,2,3\\n0,2,3,4   | 2 | expected 3 fields (as on line 1), got 4",
        "fractional label  | 1,2,3\\n0.5,2,3   | 2 | column 1: label '0.5' is not an integer class label",
        "text label        | cat,2,3           | 1 | column 1: label 'cat' is not a number",
        "infinite value    | 1,Infinity,3      | 1 | column 2: value 'Infinity' is not finite",
    })
    void rejectsMalformedLineNamingFileLineAndReason(String caseName, String text, long line, String reason)
            throws IOException {
        Path p = file(text.replace("\\n", "\n"));
        assertThatThrownBy(() -> CsvReader.read(p))
                .isInstanceOfSatisfying(DataFormatException.class, e -> assertThat(e.line()).isEqualTo(line))
                .hasMessageContaining(p + ", line " + line + ": " + reason);
    }

    @Test
    void rejectsHeaderWhenNotDeclared() throws IOException {
        Path p = file("label,x\n1,2\n");
        assertThatThrownBy(() -> CsvReader.read(p))
                .isInstanceOf(DataFormatException.class)
                .hasMessageContaining(p + ", line 1: column 1: label 'label' is not a number");
    }

    @Test
    void rejectsLabelColumnOutsideTheRow() throws IOException {
        Path p = file("1,2\n");
        assertThatThrownBy(() -> CsvReader.read(p, CsvOptions.defaults().withLabelColumn(5)))
                .isInstanceOf(DataFormatException.class)
                .hasMessageContaining(p + ", line 1: label column 5 does not exist in a line of 2 fields");
    }

    @Test
    void rejectsHeaderOnlyFile() throws IOException {
        Path p = file("label,x\n");
        assertThatThrownBy(() -> CsvReader.read(p, CsvOptions.defaults().withHeader(true)))
                .isInstanceOf(DataFormatException.class)
                .hasMessageContaining(p + ": no examples");
    }
}
