package dev.cumulus.cli.data;

import dev.cumulus.data.LabelledData;
import dev.cumulus.data.binary.BinaryDatasetReader;
import dev.cumulus.data.binary.BinaryDatasetWriter;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code cumulus data convert IN OUT}: reads a data file in any format and writes it in the
 * binary dataset format, which training loads at memory speed ({@code dataset.source: binary}).
 */
@Command(name = "convert", mixinStandardHelpOptions = true,
        description = "Convert a data file to the Cumulus binary dataset format (docs/DATA-FORMAT.md).")
public final class ConvertCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "IN", description = "The data file to read.")
    Path in;

    @Parameters(index = "1", paramLabel = "OUT", description = "The binary file to write (conventionally *.cds).")
    Path out;

    @Mixin
    ReadOptions read;

    @Override
    public Integer call() {
        if (in.toAbsolutePath().normalize().equals(out.toAbsolutePath().normalize())) {
            throw new IllegalArgumentException("IN and OUT are the same file " + in + ": write to another file");
        }
        LabelledData data = read.read(in);
        BinaryDatasetWriter.write(data.dataset(), data.labelMap(), out);
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.print(InspectCommand.DataSummary.of(out, BinaryDatasetReader.readHeader(out)).render());
        stdout.flush();
        return 0;
    }
}
