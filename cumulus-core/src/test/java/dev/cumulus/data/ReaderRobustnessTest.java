package dev.cumulus.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.cumulus.data.binary.BinaryDatasetReader;
import dev.cumulus.data.binary.BinaryDatasetWriter;
import dev.cumulus.data.csv.CsvOptions;
import dev.cumulus.data.csv.CsvReader;
import dev.cumulus.data.csv.CsvWriter;
import dev.cumulus.data.generate.HiggsLike;
import dev.cumulus.data.generate.Rcv1Like;
import dev.cumulus.data.idx.IdxOptions;
import dev.cumulus.data.idx.IdxReader;
import dev.cumulus.data.libsvm.LibsvmReader;
import dev.cumulus.data.libsvm.LibsvmWriter;
import dev.cumulus.data.text.Parallelism;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.zip.GZIPOutputStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Any input, however broken, ends within bounded time in a dataset or in one
 * {@link DataFormatException} that names the file (and, for text, the line): never another
 * exception type, never a hang. Random bytes, random text made of the formats' own characters,
 * valid files cut short or with a byte changed, and a corpus of known nasty inputs.
 */
class ReaderRobustnessTest {
    private static final Duration BOUND = Duration.ofSeconds(20);

    /** The readers under test; each reads one file. */
    private static final List<Tuple.Tuple2<String, Consumer<Path>>> READERS = List.of(
            Tuple.of("csv", CsvReader::read),
            Tuple.of("csv-header-last-label", p -> CsvReader.read(p, CsvOptions.defaults().withHeader(true)
                    .withLabelColumn(-1))),
            Tuple.of("csv-tiny-ranges", p -> CsvReader.readLabelled(p, CsvOptions.defaults(), new Parallelism(2, 16))),
            Tuple.of("libsvm", LibsvmReader::read),
            Tuple.of("libsvm-tiny-ranges", p -> LibsvmReader.readLabelled(p,
                    dev.cumulus.data.libsvm.LibsvmOptions.defaults(), new Parallelism(2, 16))),
            Tuple.of("idx-images", p -> IdxReader.read(p, labelsFor(p), IdxOptions.defaults())),
            Tuple.of("idx-labels", p -> IdxReader.read(imagesFor(p), p, IdxOptions.defaults())),
            Tuple.of("binary", BinaryDatasetReader::read));

    private static Path temp(byte[] bytes, String suffix) {
        try {
            Path p = Files.createTempFile("robust", suffix);
            p.toFile().deleteOnExit();
            Files.write(p, bytes);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A valid label file of 3 items for an image file under test. */
    private static Path labelsFor(Path images) {
        return temp(new byte[] {0, 0, 8, 1, 0, 0, 0, 3, 1, 0, 2}, "-labels");
    }

    /** A valid image file of 3 items of 2 x 2 for a label file under test. */
    private static Path imagesFor(Path labels) {
        byte[] b = {0, 0, 8, 3, 0, 0, 0, 3, 0, 0, 0, 2, 0, 0, 0, 2, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
        return temp(b, "-images");
    }

    /** Reads {@code bytes} with every reader and checks that each ends in data or one clear error. */
    private static void everyReaderEndsInDataOrAClearError(byte[] bytes) {
        Path p = temp(bytes, ".data");
        for (Tuple.Tuple2<String, Consumer<Path>> reader : READERS) {
            assertTimeoutPreemptively(BOUND, () -> {
                try {
                    reader.get2().accept(p);
                } catch (DataFormatException e) {
                    assertThat(e.getMessage()).as(reader.get1()).startsWith(e.source()).isNotBlank();
                    assertThat(e.source()).as(reader.get1()).contains(p.getFileName().toString().substring(0, 6));
                    assertThat(e.getMessage()).as(reader.get1()).doesNotContain("\n");
                } catch (RuntimeException | Error e) {
                    throw new AssertionError(reader.get1() + " threw " + e + " instead of a DataFormatException on "
                            + describe(bytes), e);
                }
            }, reader.get1());
        }
    }

    private static String describe(byte[] bytes) {
        byte[] head = Arrays.copyOf(bytes, Math.min(bytes.length, 80));
        return bytes.length + " bytes starting " + Arrays.toString(head);
    }

    @Property(tries = 150)
    void randomBytesEndInDataOrOneClearError(@ForAll("randomBytes") byte[] bytes) {
        everyReaderEndsInDataOrAClearError(bytes);
    }

    @Property(tries = 200)
    void randomTextOfTheFormatsOwnCharactersEndsInDataOrOneClearError(@ForAll("formatText") String text) {
        everyReaderEndsInDataOrAClearError(text.getBytes(StandardCharsets.UTF_8));
    }

    @Property(tries = 150)
    void validFilesCutShortOrWithAByteChangedEndInDataOrOneClearError(@ForAll("validFiles") byte[] valid, @ForAll @IntRange(max = 1 << 20) int at,
            @ForAll @IntRange(min = 1, max = 255) int flip, @ForAll boolean cut) {
        byte[] broken;
        if (cut) {
            broken = Arrays.copyOf(valid, at % (valid.length + 1));
        } else {
            broken = valid.clone();
            broken[at % valid.length] ^= (byte) flip;
        }
        everyReaderEndsInDataOrAClearError(broken);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void nastyInputsOfTheCorpusEndInDataOrOneClearError(String name, byte[] bytes) {
        everyReaderEndsInDataOrAClearError(bytes);
    }

    static List<Object[]> corpus() {
        List<Object[]> c = new ArrayList<>();
        add(c, "empty", "");
        add(c, "only a newline", "\n");
        add(c, "only a header", "label,x1,x2\n");
        add(c, "byte-order mark only", "\uFEFF");
        add(c, "NaN and infinities", "1,NaN,Infinity\n0,-Infinity,1\n1 1:NaN 2:Infinity\n");
        add(c, "huge numbers", "1,1e39,3\n1 1:1e999999 2:-1e40\n2147483648,1\n99999999999 1:1\n");
        add(c, "huge index", "1 2147483647:1\n1 2147483648:1\n");
        add(c, "huge labels", "2147483647,1\n-2147483648,2\n0,3\n");
        add(c, "lone carriage returns", "1,2\r0,3\r\r1,4");
        add(c, "null bytes", "1,2\u0000\n\u0000\u0000\n");
        add(c, "unicode whitespace and digits", "1,\u2003 2\n\u0661,3\n1 1:\u0662\n");
        add(c, "qid and comments", "1 qid:3 1:1\n# only a comment\n");
        add(c, "delimiters only", ",,,,\n::::\n");
        add(c, "overlong digits", "1," + "7".repeat(2_000_000) + "\n");
        add(c, "overlong line of fields", "1" + ",0.5".repeat(300_000) + "\n0" + ",0.5".repeat(299_999) + "\n");
        add(c, "overlong exponent", "1,1e" + "9".repeat(1000) + "\n");
        add(c, "many leading zeros", "1,0." + "0".repeat(5000) + "1\n1 1:0." + "0".repeat(5000) + "1\n");
        c.add(new Object[] {"gzip magic then garbage", new byte[] {0x1f, (byte) 0x8b, 1, 2, 3, 4, 5}});
        c.add(new Object[] {"truncated gzip", Arrays.copyOf(gzip("1,2\n0,3\n".repeat(1000).getBytes()), 60)});
        c.add(new Object[] {"binary magic then garbage", "CUMULUSD\u0001garbage".getBytes(StandardCharsets.US_ASCII)});
        c.add(new Object[] {"IDX magic with huge dimensions", new byte[] {0, 0, 8, 3, 127, -1, -1, -1, 127, -1, -1, -1,
            127, -1, -1, -1}});
        c.add(new Object[] {"IDX magic with negative dimension", new byte[] {0, 0, 8, 1, -1, -1, -1, -1}});
        c.add(new Object[] {"invalid UTF-8", new byte[] {'1', ',', (byte) 0xC3, (byte) 0x28, '\n', (byte) 0xFF, '\n'}});
        return c;
    }

    private static void add(List<Object[]> corpus, String name, String text) {
        corpus.add(new Object[] {name, text.getBytes(StandardCharsets.UTF_8)});
    }

    private static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    @Provide
    Arbitrary<byte[]> randomBytes() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(3000);
    }

    @Provide
    Arbitrary<String> formatText() {
        return Arbitraries.strings().withChars("0123456789+-.eE:, \t\r\n#qidNaInfy\uFEFF\u00e9").ofMaxLength(400);
    }

    @Provide
    Arbitrary<byte[]> validFiles() {
        Dataset dense = new HiggsLike().generate(20, 3);
        Dataset sparse = new Rcv1Like(2000, 20).generate(10, 4);
        return Arbitraries.of(
                write(p -> CsvWriter.write(dense, LabelMap.zeroBased(2), p)),
                write(p -> LibsvmWriter.write(sparse, LabelMap.signed(), p)),
                write(p -> BinaryDatasetWriter.write(dense, LabelMap.zeroBased(2), p)),
                write(p -> BinaryDatasetWriter.write(sparse, LabelMap.ranked(new int[] {-4, 9}), p)),
                gzip(write(p -> CsvWriter.write(dense, LabelMap.zeroBased(2), p))),
                imagesFor(null).toFile().exists() ? bytesOf(imagesFor(null)) : new byte[0]);
    }

    private static byte[] write(Consumer<Path> writer) {
        Path p = temp(new byte[0], ".valid");
        writer.accept(p);
        return bytesOf(p);
    }

    private static byte[] bytesOf(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
