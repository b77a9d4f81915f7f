package dev.cumulus.cli.data;

import dev.cumulus.data.Dataset;
import dev.cumulus.data.LabelMap;
import dev.cumulus.data.binary.BinaryDatasetWriter;
import dev.cumulus.data.csv.CsvWriter;
import dev.cumulus.data.generate.Generator;
import dev.cumulus.data.libsvm.LibsvmWriter;
import dev.cumulus.data.source.DataSources;
import dev.cumulus.data.source.DataSpec;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code cumulus data generate GENERATOR --rows N --out FILE}: writes the rows a seeded
 * generator makes (the same rows a job with that {@code dataset.source} trains on, before its
 * split) as CSV, LIBSVM or binary, labels 0..k-1.
 */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Write a seeded generator's rows to a CSV, LIBSVM or binary file.")
public final class GenerateCommand implements Callable<Integer> {
    static final List<String> GENERATORS = List.of(DataSpec.HIGGS_LIKE, DataSpec.RCV1_LIKE, DataSpec.BLOBS);

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "GENERATOR", description = "higgs-like | rcv1-like | blobs.")
    String generator;

    @Option(names = "--rows", paramLabel = "N", required = true, description = "Rows to generate.")
    int rows;

    @Option(names = "--out", paramLabel = "FILE", required = true, description = "The file to write.")
    Path out;

    @Option(names = "--seed", paramLabel = "SEED", defaultValue = "42", description = "Seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "csv | libsvm | binary (default: from the file name: .csv, .libsvm/.svm/.txt, .cds).")
    String format;

    @Option(names = "--features", paramLabel = "N", description = "rcv1-like: vocabulary size; blobs: dimensions.")
    Integer features;

    @Option(names = "--classes", paramLabel = "K", description = "blobs: number of clusters.")
    Integer classes;

    @Override
    public Integer call() {
        if (!GENERATORS.contains(generator)) {
            throw new IllegalArgumentException("unknown generator '" + generator + "': expected one of "
                    + String.join(", ", GENERATORS));
        }
        if (rows < 1) {
            throw new IllegalArgumentException("--rows must be at least 1, got " + rows);
        }
        DataFormat target = targetFormat();
        DataSpec dataSpec = DataSpec.builder(generator).rows(rows).seed(seed).features(features).classes(classes)
                .build();
        Generator g = DataSources.generator(dataSpec);
        Dataset data = g.generate(rows, seed);
        LabelMap labels = LabelMap.zeroBased(data.numClasses());
        switch (target) {
            case CSV -> CsvWriter.write(data, labels, out);
            case LIBSVM -> LibsvmWriter.write(data, labels, out);
            default -> BinaryDatasetWriter.write(data, labels, out);
        }
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.printf("wrote %s: %d rows x %d features of %s (seed %d) as %s%n", out, data.rows(), data.cols(),
                generator, seed, target.label());
        stdout.flush();
        return 0;
    }

    private DataFormat targetFormat() {
        DataFormat f = format != null ? DataFormat.parse(format) : DataFormat.byName(out).orElseThrow(() ->
                new IllegalArgumentException("cannot tell the format to write from the name " + out
                        + ": give --format csv, libsvm or binary"));
        if (f == DataFormat.IDX) {
            throw new IllegalArgumentException("cannot write IDX files: choose csv, libsvm or binary");
        }
        return f;
    }
}
