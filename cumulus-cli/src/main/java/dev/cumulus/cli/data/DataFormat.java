package dev.cumulus.cli.data;

import dev.cumulus.data.DataFiles;
import dev.cumulus.data.binary.BinaryDatasetReader;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The data file formats the {@code data} commands read and write, and how a file's format is recognised. */
enum DataFormat {
    CSV("csv", "tsv"),
    LIBSVM("libsvm", "svm", "svmlight", "txt"),
    IDX("idx3-ubyte", "idx2-ubyte"),
    BINARY("cds");

    private final String[] extensions;

    DataFormat(String... extensions) {
        this.extensions = extensions;
    }

    /** The name used on the command line. */
    String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The file extension this format is written with. */
    String extension() {
        return extensions[0];
    }

    static String labels() {
        return Arrays.stream(values()).map(DataFormat::label).collect(Collectors.joining(", "));
    }

    /**
     * The format of {@code file}: {@code given} if set, else binary if it starts with the binary
     * magic, else what its name says (a {@code .gz} suffix aside).
     *
     * @throws dev.cumulus.data.MissingDataException if the file is not there
     * @throws IllegalArgumentException if {@code given} is not a format or the name says nothing
     */
    static DataFormat of(Path file, String given) {
        DataFiles.requireFile(file);
        if (given != null) {
            return parse(given);
        }
        if (BinaryDatasetReader.hasMagic(file)) {
            return BINARY;
        }
        return byName(file).orElseThrow(() -> new IllegalArgumentException("cannot tell the format of " + file
                + " from its name: give --format " + labels()));
    }

    /** The format a file's name says, if any. */
    static java.util.Optional<DataFormat> byName(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".gz")) {
            name = name.substring(0, name.length() - 3);
        }
        for (DataFormat f : values()) {
            for (String ext : f.extensions) {
                if (name.endsWith("." + ext) || name.endsWith("-" + ext)) {
                    return java.util.Optional.of(f);
                }
            }
        }
        return java.util.Optional.empty();
    }

    static DataFormat parse(String text) {
        for (DataFormat f : values()) {
            if (f.label().equalsIgnoreCase(text.trim())) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown format '" + text + "': expected one of " + labels());
    }
}
