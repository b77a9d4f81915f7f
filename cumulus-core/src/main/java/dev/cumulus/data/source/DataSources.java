package dev.cumulus.data.source;

import dev.cumulus.data.DataFormatException;
import dev.cumulus.data.Dataset;
import dev.cumulus.data.LabelMap;
import dev.cumulus.data.FeatureLayout;
import dev.cumulus.data.LabelledData;
import dev.cumulus.data.binary.BinaryDatasetReader;
import dev.cumulus.data.csv.CsvOptions;
import dev.cumulus.data.csv.CsvReader;
import dev.cumulus.data.generate.Blobs;
import dev.cumulus.data.generate.Generator;
import dev.cumulus.data.generate.HiggsLike;
import dev.cumulus.data.generate.Rcv1Like;
import dev.cumulus.data.idx.IdxOptions;
import dev.cumulus.data.idx.IdxReader;
import dev.cumulus.data.libsvm.LibsvmOptions;
import dev.cumulus.data.libsvm.LibsvmReader;
import java.nio.file.Path;

/**
 * The one entry point from a {@link DataSpec} to a training and a test set.
 *
 * <p>The test set is, in order of precedence: the {@code testPath} file (read with the training
 * file's label map, feature count and layout, so both agree); the t10k files for fashion-mnist;
 * otherwise a random split of the loaded rows ({@link TrainTest#randomSplit}, seed and
 * testFraction from the spec).
 */
public final class DataSources {
    /** Cluster spread of the blobs source, relative to centres spread over [-10, 10]. */
    public static final double BLOBS_CLUSTER_STD = 1.0;

    private DataSources() {
    }

    /**
     * Loads the data a spec names.
     *
     * @throws dev.cumulus.data.MissingDataException if a file (or Fashion-MNIST) is not there
     * @throws DataFormatException if a file is malformed or the test file does not match training
     */
    public static TrainTest load(DataSpec spec) {
        return loadLabelled(spec).data();
    }

    /**
     * Loads the data a spec names, with the map from the labels written in its files to the class
     * indices (zero-based for generated data and images), for a model to predict the labels a user
     * knows.
     */
    public static LabelledTrainTest loadLabelled(DataSpec spec) {
        switch (spec.source()) {
            case DataSpec.FASHION_MNIST:
                return zeroBased(FashionMnist.load(spec.path(), spec.scale(), spec.rows()));
            case DataSpec.LIBSVM:
                return libsvm(spec);
            case DataSpec.CSV:
                return csv(spec);
            case DataSpec.IDX:
                return zeroBased(idx(spec));
            case DataSpec.BINARY:
                return binary(spec);
            default:
                Dataset all = generator(spec).generate(spec.rows(), spec.seed());
                return zeroBased(TrainTest.randomSplit(all, spec.testFraction(), spec.seed()));
        }
    }

    private static LabelledTrainTest zeroBased(TrainTest data) {
        return new LabelledTrainTest(data, LabelMap.zeroBased(data.train().numClasses()));
    }

    /** The generator a generated-data spec names, configured from its fields. */
    public static Generator generator(DataSpec spec) {
        switch (spec.source()) {
            case DataSpec.HIGGS_LIKE:
                return new HiggsLike();
            case DataSpec.RCV1_LIKE:
                return new Rcv1Like(spec.features(), Rcv1Like.RCV1_MEAN_NON_ZEROS);
            case DataSpec.BLOBS:
                return new Blobs(spec.classes(), spec.features(), BLOBS_CLUSTER_STD);
            default:
                throw new IllegalArgumentException("source " + spec.source() + " is not a generator");
        }
    }

    private static LabelledTrainTest libsvm(DataSpec spec) {
        LibsvmOptions options = new LibsvmOptions(spec.features(), spec.layout(), null, spec.classes(), spec.rows());
        LabelledData train = LibsvmReader.readLabelled(spec.path(), options);
        if (spec.testPath() == null) {
            return new LabelledTrainTest(TrainTest.randomSplit(train.dataset(), spec.testFraction(), spec.seed()),
                    train.labelMap());
        }
        Dataset t = train.dataset();
        LibsvmOptions testOptions = new LibsvmOptions(t.cols(),
                t.features().isSparse() ? FeatureLayout.SPARSE : FeatureLayout.DENSE, train.labelMap(), null, null);
        return new LabelledTrainTest(new TrainTest(t, LibsvmReader.read(spec.testPath(), testOptions)), train.labelMap());
    }

    private static LabelledTrainTest csv(DataSpec spec) {
        CsvOptions options = new CsvOptions(spec.labelColumn(), spec.header(), ',', null, spec.classes(), spec.rows());
        LabelledData train = CsvReader.readLabelled(spec.path(), options);
        if (spec.testPath() == null) {
            return new LabelledTrainTest(TrainTest.randomSplit(train.dataset(), spec.testFraction(), spec.seed()),
                    train.labelMap());
        }
        Dataset test = CsvReader.read(spec.testPath(), options.withClasses(null).withMaxRows(null)
                .withLabelMap(train.labelMap()));
        return new LabelledTrainTest(matched(train.dataset(), test, spec.testPath()), train.labelMap());
    }

    private static TrainTest idx(DataSpec spec) {
        Path labels = spec.labelsPath() != null ? spec.labelsPath() : IdxReader.labelsFor(spec.path());
        Dataset train = IdxReader.read(spec.path(), labels, new IdxOptions(spec.scale(), spec.classes(), spec.rows()));
        if (spec.testPath() == null) {
            return TrainTest.randomSplit(train, spec.testFraction(), spec.seed());
        }
        Path testLabels = spec.testLabelsPath() != null ? spec.testLabelsPath() : IdxReader.labelsFor(spec.testPath());
        Dataset test = IdxReader.read(spec.testPath(), testLabels,
                new IdxOptions(spec.scale(), train.numClasses(), null));
        return matched(train, test, spec.testPath());
    }

    private static LabelledTrainTest binary(DataSpec spec) {
        LabelledData train = BinaryDatasetReader.read(spec.path(), spec.rows());
        if (spec.classes() != null && spec.classes() != train.dataset().numClasses()) {
            throw DataFormatException.ofSource(spec.path().toString(), "the file holds "
                    + train.dataset().numClasses() + " classes but classes = " + spec.classes());
        }
        if (spec.testPath() == null) {
            return new LabelledTrainTest(TrainTest.randomSplit(train.dataset(), spec.testFraction(), spec.seed()),
                    train.labelMap());
        }
        LabelledData test = BinaryDatasetReader.read(spec.testPath());
        if (!test.labelMap().equals(train.labelMap())) {
            throw DataFormatException.ofSource(spec.testPath().toString(), "its labels map as "
                    + test.labelMap().describe() + " but the training file's as " + train.labelMap().describe()
                    + "; convert both with the same label map");
        }
        return new LabelledTrainTest(matched(train.dataset(), test.dataset(), spec.testPath()), train.labelMap());
    }

    private static TrainTest matched(Dataset train, Dataset test, Path testPath) {
        if (train.cols() != test.cols()) {
            throw DataFormatException.ofSource(testPath.toString(), "test data has " + test.cols()
                    + " features but the training data has " + train.cols());
        }
        return new TrainTest(train, test);
    }
}
