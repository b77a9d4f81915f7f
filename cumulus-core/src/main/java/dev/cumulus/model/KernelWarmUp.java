package dev.cumulus.model;

import dev.cumulus.data.Dataset;
import dev.cumulus.data.DenseFeatures;
import java.util.SplittableRandom;

/**
 * A head start for the JIT: a daemon thread that runs a linear model's kernels on a small made-up
 * dataset while a run reads its data, so that the functions that train in this JVM find them
 * compiled. In a fresh JVM the first full pass of logistic regression over 500,000 rows took 0.83 s
 * on one core (the Vector API kernels run interpreted, boxing every vector, until C2 has compiled
 * them), the next ones 5-14 ms; the reading leaves that time to the compiler threads instead
 * (docs/bench/peers.md).
 *
 * <p>The made-up data and parameters are the warm-up's own: nothing it computes reaches a model,
 * and compiled kernels give the same bits as interpreted ones, so a run's results do not depend on
 * whether or how far it ran. It ends after {@link #MAX_CALLS} calls or when {@link #stop stopped},
 * whichever comes first; a stop does not wait for the call in progress.
 */
public final class KernelWarmUp {
    /** Rows per call: the block the whole-chunk gradient uses and a common batch size, so the profile is a run's. */
    static final int ROWS = 4096;
    /** Not a multiple of the vector lanes, so that the kernels' tail loops are compiled as well. */
    static final int FEATURES = 29;
    /** Enough calls for C2 to have compiled the kernels (about 80 at 4096 rows, measured), a few spare. */
    static final int MAX_CALLS = 250;
    /** Every so many gradient calls, one evaluation (the driver's metrics and initial loss). */
    private static final int EVALUATE_EVERY = 4;
    private static final KernelWarmUp NONE = new KernelWarmUp(null, 0);

    private final Model model;
    private final int maxCalls;
    private volatile boolean stopped;
    private volatile int calls;
    private Thread thread;

    private KernelWarmUp(Model model, int maxCalls) {
        this.model = model;
        this.maxCalls = maxCalls;
    }

    /** A warm-up that does nothing, for runs whose functions run elsewhere. */
    public static KernelWarmUp none() {
        return NONE;
    }

    /**
     * Starts warming up the kernels of the model {@code spec} describes, or returns {@link #none()}
     * for the models without dense linear kernels (mlp, kmeans).
     */
    public static KernelWarmUp start(ModelSpec spec) {
        return start(spec, MAX_CALLS);
    }

    static KernelWarmUp start(ModelSpec spec, int maxCalls) {
        Model model = switch (spec.type()) {
            case "logistic" -> new LogisticRegression(FEATURES, spec.l2());
            case "svm" -> new LinearSvm(FEATURES, spec.l2());
            case "softmax" -> new SoftmaxRegression(FEATURES, spec.k() != null ? spec.k() : 10, spec.l2());
            default -> null;
        };
        if (model == null) {
            return NONE;
        }
        KernelWarmUp warmUp = new KernelWarmUp(model, maxCalls);
        warmUp.thread = new Thread(warmUp::runCalls, "cumulus-kernel-warm-up");
        warmUp.thread.setDaemon(true);
        warmUp.thread.start();
        return warmUp;
    }

    /** Ends the warm-up after the call in progress; does not wait for it. */
    public void stop() {
        stopped = true;
    }

    /** The calls made so far. */
    int calls() {
        return calls;
    }

    /** The warm-up's thread, or null for {@link #none()}. */
    Thread thread() {
        return thread;
    }

    private void runCalls() {
        int classes = model instanceof SoftmaxRegression ? model.parameterCount() / (FEATURES + 1) : 2;
        Dataset data = madeUp(classes);
        int[] rows = new int[ROWS];
        for (int i = 0; i < ROWS; i++) {
            rows[i] = i;
        }
        float[] parameters = model.initialParameters(1);
        float[] gradient = new float[model.parameterCount()];
        try {
            for (int call = 0; call < maxCalls && !stopped; call++) {
                model.lossAndGradient(parameters, data, rows, gradient);
                if (call % EVALUATE_EVERY == 0) {
                    model.evaluate(parameters, data);
                }
                calls = call + 1;
            }
        } catch (RuntimeException | LinkageError e) {
            // Only a head start is lost: the run's own calls run the same code and report its failures.
        }
    }

    private static Dataset madeUp(int classes) {
        SplittableRandom random = new SplittableRandom(1);
        float[] values = new float[ROWS * FEATURES];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (random.nextDouble() * 4 - 2);
        }
        int[] labels = new int[ROWS];
        for (int i = 0; i < ROWS; i++) {
            labels[i] = random.nextInt(classes);
        }
        return new Dataset(new DenseFeatures(ROWS, FEATURES, values), labels, classes);
    }
}
