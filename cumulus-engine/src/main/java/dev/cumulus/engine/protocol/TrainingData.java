package dev.cumulus.engine.protocol;

import dev.cumulus.concurrent.Futures;
import dev.cumulus.data.Dataset;
import dev.cumulus.data.DenseFeatures;
import dev.cumulus.data.Features;
import dev.cumulus.data.LabelMap;
import dev.cumulus.data.Scaling;
import dev.cumulus.data.SparseFeatures;
import dev.cumulus.data.chunk.DataFingerprint;
import dev.cumulus.data.source.DataSources;
import dev.cumulus.data.source.TrainThenTest;
import dev.cumulus.data.source.TrainTest;
import dev.cumulus.engine.job.JobSpec;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.FutureTask;
import java.util.function.Consumer;

/**
 * A job's data as the functions train on it (scaled when the job standardises), and the
 * fingerprints of the data as read, which identify it in the run's provenance.
 *
 * <p>A test set with a file of its own is read, fingerprinted and scaled on a thread of its own
 * while the caller goes on with the training set: only the evaluation of the trained model needs
 * it, and a run of 1M rows spent 0.2 s of its 2.7 s reading a 250,000-row test file before its
 * functions started, on cores the functions then left half idle (docs/bench/peers.md). The methods
 * that return the test set wait for it, and throw what reading it threw.
 */
public final class TrainingData {
    private final Dataset train;
    private final Scaling scaling;
    private final LabelMap labels;
    private final String trainFingerprint;
    private final FutureTask<Test> test;

    /** The test set as the functions' model is evaluated on it, and its fingerprint as read. */
    private record Test(Dataset data, String fingerprint) {
    }

    private TrainingData(Dataset train, Scaling scaling, LabelMap labels, String trainFingerprint, FutureTask<Test> test) {
        this.train = train;
        this.scaling = scaling;
        this.labels = labels;
        this.trainFingerprint = trainFingerprint;
        this.test = test;
    }

    /**
     * Loads the job's training set, fingerprints it as read and, when the job standardises, fits
     * the scaling on it and scales it in place: the values as read are needed only for their
     * fingerprint, and a scaled copy of 1M x 28 rows was 140 MB more to allocate and fill. The test
     * set is fingerprinted and scaled the same way, on a daemon thread when it comes from a file.
     *
     * @throws dev.cumulus.data.MissingDataException if the training file is not there
     * @throws dev.cumulus.data.DataFormatException if the training file is malformed
     */
    public static TrainingData load(JobSpec job) {
        TrainThenTest loaded = DataSources.loadTrainFirst(job.data());
        Dataset train = loaded.train();
        String trainFingerprint = DataFingerprint.of(train);
        Scaling scaling = job.standardize() ? Scaling.fit(train) : null;
        if (scaling != null) {
            scaling.applyInPlace(train);
        }
        FutureTask<Test> test = new FutureTask<>(() -> {
            Dataset read = loaded.test().read();
            String fingerprint = DataFingerprint.of(read);
            // One array under both sets (no source reads them so today) is scaled once, not twice.
            if (scaling != null && !sharesValues(train, read)) {
                scaling.applyInPlace(read);
            }
            return new Test(read, fingerprint);
        });
        if (loaded.fromFile()) {
            Thread reader = new Thread(test, "cumulus-test-data");
            // Never keeps the JVM alive: a run that fails before evaluating does not wait for it.
            reader.setDaemon(true);
            reader.start();
        } else {
            test.run();
        }
        return new TrainingData(train, scaling, loaded.labels(), trainFingerprint, test);
    }

    /** The training set, scaled if the job standardises. */
    public Dataset train() {
        return train;
    }

    /**
     * The test set, scaled if the job standardises: waits until it is read.
     *
     * @throws dev.cumulus.data.MissingDataException if the test file is not there
     * @throws dev.cumulus.data.DataFormatException if it is malformed or does not match the training set
     */
    public Dataset test() {
        return awaitTest().data();
    }

    /** The training and test sets: waits for the test set, as {@link #test()}. */
    public TrainTest training() {
        return new TrainTest(train, test());
    }

    /** The scaling fitted on the training set, or null if the job does not standardise. */
    public Scaling scaling() {
        return scaling;
    }

    /** How the labels in the files map to class indices. */
    public LabelMap labels() {
        return labels;
    }

    /** {@link DataFingerprint}s of the sets as read, under "train" and "test": waits for the test set. */
    public Map<String, String> fingerprints() {
        Map<String, String> fingerprints = new LinkedHashMap<>();
        fingerprints.put("train", trainFingerprint);
        fingerprints.put("test", awaitTest().fingerprint());
        return Collections.unmodifiableMap(fingerprints);
    }

    /**
     * Calls {@code action} with the failure as soon as reading the test set fails (at once if it
     * already has), on a thread of its own, so that a run can stop training for a malformed test file
     * instead of finding out at the end. Nothing happens if it is read.
     */
    public void onTestFailure(Consumer<RuntimeException> action) {
        Thread watcher = new Thread(() -> {
            try {
                awaitTest();
            } catch (RuntimeException e) {
                action.accept(e);
            }
        }, "cumulus-test-data-watch");
        watcher.setDaemon(true);
        watcher.start();
    }

    private Test awaitTest() {
        return Futures.await(test, "reading the test set");
    }

    private static boolean sharesValues(Dataset train, Dataset test) {
        float[] values = values(train.features());
        return values != null && values == values(test.features());
    }

    private static float[] values(Features features) {
        if (features instanceof SparseFeatures sparse) {
            return sparse.values();
        }
        return features instanceof DenseFeatures dense ? dense.values() : null;
    }
}
