package dev.cumulus.cli.data;

import dev.cumulus.data.Dataset;
import dev.cumulus.data.LabelMap;
import dev.cumulus.data.LabelledData;
import dev.cumulus.data.binary.BinaryDatasetReader;
import dev.cumulus.data.csv.CsvOptions;
import dev.cumulus.data.csv.CsvReader;
import dev.cumulus.data.idx.IdxOptions;
import dev.cumulus.data.idx.IdxReader;
import dev.cumulus.data.libsvm.LibsvmOptions;
import dev.cumulus.data.libsvm.LibsvmReader;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** How the {@code data} commands read an input file: its format and the text formats' options. */
final class ReadOptions {

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "csv | libsvm | idx | binary (default: binary by its magic bytes, else from the file name).")
    String format;

    @Option(names = "--header", description = "CSV: the first line is a header to skip.")
    boolean header;

    @Option(names = "--label-column", paramLabel = "N", defaultValue = "0",
            description = "CSV: zero-based column of the label, negative from the end (default ${DEFAULT-VALUE}).")
    int labelColumn;

    /** The format {@code file} is read as. */
    DataFormat formatOf(Path file) {
        return DataFormat.of(file, format);
    }

    /** Reads {@code file} whole, with its label map. */
    LabelledData read(Path file) {
        switch (formatOf(file)) {
            case CSV:
                return CsvReader.readLabelled(file, CsvOptions.defaults().withHeader(header).withLabelColumn(labelColumn));
            case LIBSVM:
                return LibsvmReader.readLabelled(file, LibsvmOptions.defaults());
            case IDX:
                Dataset images = IdxReader.read(file, IdxReader.labelsFor(file), IdxOptions.defaults());
                return new LabelledData(images, LabelMap.zeroBased(images.numClasses()));
            default:
                return BinaryDatasetReader.read(file);
        }
    }
}
