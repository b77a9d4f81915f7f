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
import java.util.List;

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
        return loadTrainFirst(spec).readBoth();
    }

    /**
     * Loads the training set a spec names and returns it with a reader of the test set, which a
     * test file of its own (testPath, or Fashion-MNIST's t10k files) leaves unread until asked; a
     * split or generated test set is made with the training set.
     *
     * @throws dev.cumulus.data.MissingDataException if the training file (or Fashion-MNIST) is not there
     * @throws DataFormatException if the training file is malformed
     */
    public static TrainThenTest loadTrainFirst(DataSpec spec) {
        switch (spec.source()) {
            case DataSpec.FASHION_MNIST:
                return fashionMnist(spec);
            case DataSpec.LIBSVM:
                return libsvm(spec);
            case DataSpec.CSV:
                return csv(spec);
            case DataSpec.IDX:
                return idx(spec);
            case DataSpec.BINARY:
                return binary(spec);
            default:
                Dataset all = generator(spec).generate(spec.rows(), spec.seed());
                return zeroBased(TrainTest.randomSplit(all, spec.testFraction(), spec.seed()));
        }
    }

    private static TrainThenTest zeroBased(TrainTest data) {
        return TrainThenTest.ofBoth(data, LabelMap.zeroBased(data.train().numClasses()));
    }

    /** A training set read from a file, and its test set split off it or read from testPath. */
    private static TrainThenTest trainFile(DataSpec spec, LabelledData train, TrainThenTest.TestReader testFile) {
        if (spec.testPath() == null) {
            return TrainThenTest.ofBoth(TrainTest.randomSplit(train.dataset(), spec.testFraction(), spec.seed()),
                    train.labelMap());
        }
        return new TrainThenTest(train.dataset(), train.labelMap(),
                () -> matched(train.dataset(), testFile.read(), spec.testPath()), true);
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

    private static TrainThenTest libsvm(DataSpec spec) {
        LibsvmOptions options = new LibsvmOptions(spec.features(), spec.layout(), null, spec.classes(), spec.rows());
        LabelledData train = LibsvmReader.readLabelled(spec.path(), options);
        Dataset t = train.dataset();
        LibsvmOptions testOptions = new LibsvmOptions(t.cols(),
                t.features().isSparse() ? FeatureLayout.SPARSE : FeatureLayout.DENSE, train.labelMap(), null, null);
        return trainFile(spec, train, () -> LibsvmReader.read(spec.testPath(), testOptions));
    }

    private static TrainThenTest csv(DataSpec spec) {
        CsvOptions options = new CsvOptions(spec.labelColumn(), spec.header(), ',', null, spec.classes(), spec.rows());
        LabelledData train = CsvReader.readLabelled(spec.path(), options);
        return trainFile(spec, train, () -> CsvReader.read(spec.testPath(), options.withClasses(null).withMaxRows(null)
                .withLabelMap(train.labelMap())));
    }

    private static TrainThenTest fashionMnist(DataSpec spec) {
        List<Path> files = FashionMnist.locate(spec.path());
        Dataset train = FashionMnist.train(files, spec.scale(), spec.rows());
        return new TrainThenTest(train, LabelMap.zeroBased(train.numClasses()),
                () -> FashionMnist.test(files, spec.scale()), true);
    }

    private static TrainThenTest idx(DataSpec spec) {
        Path labels = spec.labelsPath() != null ? spec.labelsPath() : IdxReader.labelsFor(spec.path());
        Dataset train = IdxReader.read(spec.path(), labels, new IdxOptions(spec.scale(), spec.classes(), spec.rows()));
        Path testLabels = spec.testPath() == null ? null
                : spec.testLabelsPath() != null ? spec.testLabelsPath() : IdxReader.labelsFor(spec.testPath());
        return trainFile(spec, new LabelledData(train, LabelMap.zeroBased(train.numClasses())),
                () -> IdxReader.read(spec.testPath(), testLabels, new IdxOptions(spec.scale(), train.numClasses(), null)));
    }

    private static TrainThenTest binary(DataSpec spec) {
        LabelledData train = BinaryDatasetReader.read(spec.path(), spec.rows());
        if (spec.classes() != null && spec.classes() != train.dataset().numClasses()) {
            throw DataFormatException.ofSource(spec.path().toString(), "the file holds "
                    + train.dataset().numClasses() + " classes but classes = " + spec.classes());
        }
        return trainFile(spec, train, () -> {
            LabelledData test = BinaryDatasetReader.read(spec.testPath());
            if (!test.labelMap().equals(train.labelMap())) {
                throw DataFormatException.ofSource(spec.testPath().toString(), "its labels map as "
                        + test.labelMap().describe() + " but the training file's as " + train.labelMap().describe()
                        + "; convert both with the same label map");
            }
            return test.dataset();
        });
    }

    /** The test set, once its columns are checked against the training set's. */
    private static Dataset matched(Dataset train, Dataset test, Path testPath) {
        if (train.cols() != test.cols()) {
            throw DataFormatException.ofSource(testPath.toString(), "test data has " + test.cols()
                    + " features but the training data has " + train.cols());
        }
        return test;
    }
}
