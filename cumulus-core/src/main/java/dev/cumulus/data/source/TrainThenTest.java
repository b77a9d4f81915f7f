package dev.cumulus.data.source;

import dev.cumulus.data.Dataset;
import dev.cumulus.data.LabelMap;
import java.util.Objects;

/**
 * A spec's training set, read, with its label map, and its test set still to be read: a caller
 * that needs the test set only once training is over (the driver) can read a test file while the
 * functions train, instead of before they start.
 *
 * @param train the data to train on
 * @param labels how the labels in the files map to class indices
 * @param test reads the test set, checked against the training set as {@link DataSources#loadLabelled}
 *     checks it; may be called once, on any thread
 * @param fromFile whether reading the test set is real work (a file of its own), worth doing beside
 *     the training; false when it was split off the training file's rows or generated with them
 */
public record TrainThenTest(Dataset train, LabelMap labels, TestReader test, boolean fromFile) {

    public TrainThenTest {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(labels, "labels");
        Objects.requireNonNull(test, "test");
    }

    /** Both sets at once and the labels: reads the test set now. */
    public LabelledTrainTest readBoth() {
        return new LabelledTrainTest(new TrainTest(train, test.read()), labels);
    }

    /** A training and test set already in memory. */
    static TrainThenTest ofBoth(TrainTest data, LabelMap labels) {
        Dataset test = data.test();
        return new TrainThenTest(data.train(), labels, () -> test, false);
    }

    /** Reads a test set. */
    @FunctionalInterface
    public interface TestReader {
        /**
         * @throws dev.cumulus.data.MissingDataException if the file is not there
         * @throws dev.cumulus.data.DataFormatException if it is malformed or does not match the training set
         */
        Dataset read();
    }
}
