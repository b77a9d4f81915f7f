package dev.cumulus.cli.data;

import dev.cumulus.data.Dataset;
import dev.cumulus.data.LabelledData;
import dev.cumulus.data.binary.BinaryDatasetReader;
import dev.cumulus.data.binary.BinaryHeader;
import dev.cumulus.data.chunk.DataFingerprint;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code cumulus data inspect FILE}: reads a data file whole (so a malformed one is reported as
 * training would report it) and prints its shape, classes, sparsity and fingerprint.
 */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = "Print a data file's rows, features, classes, sparsity and fingerprint.")
public final class InspectCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The data file.")
    Path file;

    @Mixin
    ReadOptions read;

    @Override
    public Integer call() {
        DataFormat format = read.formatOf(file);
        LabelledData data = read.read(file);
        String fingerprint = format == DataFormat.BINARY
                ? BinaryDatasetReader.readHeader(file).fingerprint() : DataFingerprint.of(data.dataset());
        PrintWriter out = spec.commandLine().getOut();
        out.print(DataSummary.of(file, format, data, fingerprint).render());
        out.flush();
        return 0;
    }

    /** What inspect prints about a dataset. */
    record DataSummary(Path file, DataFormat format, int rows, int features, int classes, String labels,
                       boolean sparse, long stored, String fingerprint) {

        static DataSummary of(Path file, DataFormat format, LabelledData data, String fingerprint) {
            Dataset d = data.dataset();
            return new DataSummary(file, format, d.rows(), d.cols(), d.numClasses(), data.labelMap().describe(),
                    d.features().isSparse(), d.features().nonZeros(), fingerprint);
        }

        static DataSummary of(Path file, BinaryHeader header) {
            return new DataSummary(file, DataFormat.BINARY, header.rows(), header.cols(), header.numClasses(),
                    header.labelMap().describe(), header.sparse(), header.nonZeros(), header.fingerprint());
        }

        double density() {
            long cells = (long) rows * features;
            return cells == 0 ? 0 : (double) stored / cells;
        }

        String render() {
            return String.format("file:        %s%n", file)
                    + String.format("format:      %s%n", format.label())
                    + String.format("rows:        %d%n", rows)
                    + String.format("features:    %d%n", features)
                    + String.format("classes:     %d (%s)%n", classes, labels)
                    + String.format("layout:      %s%n", sparse ? "sparse" : "dense")
                    + String.format("stored:      %d values (density %.4f, sparsity %.4f)%n", stored, density(),
                            1 - density())
                    + String.format("fingerprint: %s (%s)%n", fingerprint, DataFingerprint.ALGORITHM);
        }
    }
}
