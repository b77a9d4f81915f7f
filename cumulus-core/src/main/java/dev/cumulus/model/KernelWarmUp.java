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
    /**
     * Rows of every {@link #SHORT_EVERY}-th call, and the extra rows of the made-up dataset the
     * evaluations cover: no multiple of a block, of four rows or of the lanes, so that the kernels'
     * branches for a chunk's last, partial block are in the profile C2 compiles from. A run's
     * chunks end so (500,000 rows are 122 blocks of 4,096 and 288 rows); without them, C2 compiled
     * those branches as traps, and the first chunk end threw the kernels back to the interpreter
     * and C2 compiled them again (four times in one run, 0.15 s of CPU).
     */
    static final int SHORT_ROWS = 1037;
    private static final int SHORT_EVERY = 4;
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
        int[] shortRows = java.util.Arrays.copyOf(rows, SHORT_ROWS);
        float[] parameters = madeUpParameters(model.parameterCount());
        float[] gradient = new float[model.parameterCount()];
        try {
            for (int call = 0; call < maxCalls && !stopped; call++) {
                model.lossAndGradient(parameters, data, call % SHORT_EVERY == SHORT_EVERY - 1 ? shortRows : rows,
                        gradient);
                if (call % EVALUATE_EVERY == 0) {
                    model.evaluate(parameters, data);
                }
                calls = call + 1;
            }
        } catch (RuntimeException | LinkageError e) {
            // Only a head start is lost: the run's own calls run the same code and report its failures.
        }
    }

    /** ROWS + SHORT_ROWS rows: the evaluations end on a partial block too. */
    private static Dataset madeUp(int classes) {
        int n = ROWS + SHORT_ROWS;
        SplittableRandom random = new SplittableRandom(1);
        float[] values = new float[n * FEATURES];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (random.nextDouble() * 4 - 2);
        }
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = random.nextInt(classes);
        }
        return new Dataset(new DenseFeatures(n, FEATURES, values), labels, classes);
    }

    /**
     * Parameters that give rows margins of both signs: from the models' zero start every margin was
     * 0, and the kernels' branches for negative margins (the sigmoid's, the prediction's) were
     * compiled as traps that the run's first negative margin set off.
     */
    private static float[] madeUpParameters(int count) {
        SplittableRandom random = new SplittableRandom(2);
        float[] parameters = new float[count];
        for (int i = 0; i < count; i++) {
            parameters[i] = (float) (random.nextDouble() - 0.5);
        }
        return parameters;
    }
}
