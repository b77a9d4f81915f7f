package dev.cumulus.model;

import dev.cumulus.data.Dataset;
import dev.cumulus.data.DenseFeatures;
import dev.cumulus.data.Features;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Multi-layer perceptron: ReLU hidden layers of the given sizes and a softmax output over K
 * classes, trained on the mean cross-entropy plus (l2 / 2) times the squared norm of all weight
 * matrices (the biases are not regularised).
 *
 * <p>Parameter layout, layer by layer from the input: the weight matrix (out x in, row-major, so
 * unit j's incoming weights start at j * in) followed by the layer's out biases.
 *
 * <p>Examples are processed in blocks of {@value #BLOCK_ROWS} rows as small matrix products.
 * Activations are held transposed (unit-major: unit j's values for the block's rows are
 * contiguous), which turns every product into an axpy over the block, the loop shape the JIT
 * vectorises. Scratch buffers are per thread, so the model stays thread-safe and allocates
 * nothing per example.
 */
public final class Mlp implements Model {
    static final int BLOCK_ROWS = 64;
    /** Below this block size the transposed dense input costs more than it saves. */
    private static final int MIN_TRANSPOSED_ROWS = 8;

    private final int[] sizes;
    private final int[] weightOffset;
    private final int[] biasOffset;
    private final int parameterCount;
    private final double l2;
    private final ThreadLocal<Scratch> scratch;
    /** Whether the layers run on the Vector API kernels (never where {@link LinearKernels#VECTORIZED} is false). */
    private final boolean vectorKernels;

    /**
     * A network from {@code features} inputs through hidden layers of the given sizes (at least
     * one) to {@code classes} (>= 2) outputs, with L2 strength {@code l2}.
     */
    public Mlp(int features, List<Integer> hidden, int classes, double l2) {
        this(features, hidden, classes, l2, true);
    }

    /** As {@link #Mlp(int, List, int, double)}, on the scalar kernels unless {@code vectorKernels}. */
    public Mlp(int features, List<Integer> hidden, int classes, double l2, boolean vectorKernels) {
        Arguments.checkPositive("features", features);
        if (hidden == null || hidden.isEmpty()) {
            throw new IllegalArgumentException("hidden: an MLP needs at least one hidden layer size, got " + hidden);
        }
        for (Integer h : hidden) {
            if (h == null || h < 1) {
                throw new IllegalArgumentException("hidden: layer sizes must be positive integers, got " + hidden);
            }
        }
        if (classes < 2) {
            throw new IllegalArgumentException("classes: an MLP needs at least 2, got " + classes);
        }
        Arguments.checkL2(l2);
        this.l2 = l2;
        this.vectorKernels = vectorKernels && LinearKernels.VECTORIZED;
        int layers = hidden.size() + 1;
        sizes = new int[layers + 1];
        sizes[0] = features;
        for (int l = 0; l < hidden.size(); l++) {
            sizes[l + 1] = hidden.get(l);
        }
        sizes[layers] = classes;
        weightOffset = new int[layers];
        biasOffset = new int[layers];
        long count = 0;
        for (int l = 0; l < layers; l++) {
            weightOffset[l] = (int) count;
            count += (long) sizes[l + 1] * sizes[l];
            biasOffset[l] = (int) count;
            count += sizes[l + 1];
            if (count > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("hidden: " + hidden + " with " + features
                        + " features needs more than 2^31 parameters");
            }
        }
        parameterCount = (int) count;
        scratch = ThreadLocal.withInitial(() -> new Scratch(sizes));
    }

    public int features() {
        return sizes[0];
    }

    public int classes() {
        return sizes[sizes.length - 1];
    }

    public double l2() {
        return l2;
    }

    @Override
    public int parameterCount() {
        return parameterCount;
    }

    /** He initialisation: weights ~ N(0, 2 / fan-in), biases zero. */
    @Override
    public float[] initialParameters(long seed) {
        float[] p = new float[parameterCount];
        Random random = new Random(seed);
        for (int l = 0; l < sizes.length - 1; l++) {
            double std = Math.sqrt(2.0 / sizes[l]);
            for (int i = weightOffset[l]; i < biasOffset[l]; i++) {
                p[i] = (float) (random.nextGaussian() * std);
            }
        }
        return p;
    }

    @Override
    public double lossAndGradient(float[] parameters, Dataset data, int[] rows, float[] gradient) {
        Arguments.checkParameters(parameters, parameterCount);
        Arguments.checkGradient(gradient, parameterCount);
        Arguments.checkData(data, features(), classes());
        Arguments.checkRows(rows, data);
        Arrays.fill(gradient, 0f);
        int n = rows.length;
        if (n == 0) {
            return addL2(parameters, gradient);
        }
        Scratch s = scratch.get();
        float invN = 1f / n;
        double lossSum = 0;
        for (int from = 0; from < n; from += BLOCK_ROWS) {
            int count = Math.min(BLOCK_ROWS, n - from);
            forward(parameters, data.features(), rows, from, count, s);
            lossSum += crossEntropyAndSlopes(s, data.labels(), rows, from, count, invN);
            backward(parameters, data.features(), rows, from, count, s, gradient);
        }
        return lossSum / n + addL2(parameters, gradient);
    }

    @Override
    public double loss(float[] parameters, Dataset data) {
        return evaluate(parameters, data).loss();
    }

    /** Loss and accuracy from one forward pass per block: the forward pass is nearly all the work. */
    @Override
    public Evaluation evaluate(float[] parameters, Dataset data) {
        Arguments.checkParameters(parameters, parameterCount);
        Arguments.checkData(data, features(), classes());
        int[] rows = Arguments.allRows(data);
        int n = rows.length;
        Scratch s = scratch.get();
        float[] logits = s.z[sizes.length - 2];
        double lossSum = 0;
        int correct = 0;
        for (int from = 0; from < n; from += BLOCK_ROWS) {
            int count = Math.min(BLOCK_ROWS, n - from);
            forward(parameters, data.features(), rows, from, count, s);
            for (int b = 0; b < count; b++) {
                if (argmax(logits, b, count) == data.labels()[rows[from + b]]) {
                    correct++;
                }
            }
            lossSum += crossEntropyAndSlopes(s, data.labels(), rows, from, count, 1f);
        }
        double l2Term = 0;
        for (int l = 0; l < sizes.length - 1; l++) {
            for (int i = weightOffset[l]; i < biasOffset[l]; i++) {
                l2Term += (double) parameters[i] * parameters[i];
            }
        }
        double loss = (n == 0 ? 0 : lossSum / n) + 0.5 * l2 * l2Term;
        return new Evaluation(loss, n == 0 ? Double.NaN : (double) correct / n);
    }

    @Override
    public void scores(float[] parameters, Dataset data, int row, double[] out) {
        Arguments.checkParameters(parameters, parameterCount);
        Scratch s = scratch.get();
        forward(parameters, data.features(), new int[] {row}, 0, 1, s);
        float[] logitsT = s.z[sizes.length - 2];
        double[] logits = new double[classes()];
        for (int k = 0; k < logits.length; k++) {
            logits[k] = logitsT[k];
        }
        Model.softmax(logits, out);
    }

    @Override
    public int predict(float[] parameters, Dataset data, int row) {
        Arguments.checkParameters(parameters, parameterCount);
        Scratch s = scratch.get();
        forward(parameters, data.features(), new int[] {row}, 0, 1, s);
        return argmax(s.z[sizes.length - 2], 0, 1);
    }

    @Override
    public double accuracy(float[] parameters, Dataset data) {
        return evaluate(parameters, data).accuracy();
    }

    private int argmax(float[] logitsT, int b, int count) {
        int best = 0;
        float bestValue = Float.NEGATIVE_INFINITY;
        for (int k = 0; k < classes(); k++) {
            float v = logitsT[k * count + b];
            if (v > bestValue) {
                bestValue = v;
                best = k;
            }
        }
        return best;
    }

    /** Fills s.z[l] (pre-activations, unit-major) and s.a / s.aRows (ReLU outputs) for one block. */
    private void forward(float[] p, Features x, int[] rows, int from, int count, Scratch s) {
        int layers = sizes.length - 1;
        firstLayer(p, x, rows, from, count, s);
        for (int l = 0; l < layers; l++) {
            if (l > 0) {
                denseLayer(p, l, s.a[l - 1], count, s.z[l]);
            }
            if (l < layers - 1) {
                relu(s.z[l], s.a[l], s.aRows[l], sizes[l + 1], count);
            }
        }
    }

    private void firstLayer(float[] p, Features x, int[] rows, int from, int count, Scratch s) {
        int in = sizes[0];
        int out = sizes[1];
        float[] z = s.z[0];
        int w = weightOffset[0];
        int bias = biasOffset[0];
        if (x instanceof DenseFeatures dense && count >= MIN_TRANSPOSED_ROWS) {
            float[] v = dense.values();
            float[] xT = s.inputT(in);
            for (int b = 0; b < count; b++) {
                int base = rows[from + b] * in;
                for (int i = 0; i < in; i++) {
                    xT[i * count + b] = v[base + i];
                }
            }
            denseLayerFrom(p, w, bias, in, out, xT, count, z);
        } else {
            for (int j = 0; j < out; j++) {
                float bj = p[bias + j];
                for (int b = 0; b < count; b++) {
                    z[j * count + b] = x.dot(rows[from + b], p, w + j * in) + bj;
                }
            }
        }
    }

    /** z = W_l a + b_l for layer l >= 1, with a the previous layer's unit-major activations. */
    private void denseLayer(float[] p, int l, float[] inputT, int count, float[] z) {
        denseLayerFrom(p, weightOffset[l], biasOffset[l], sizes[l], sizes[l + 1], inputT, count, z);
    }

    private void denseLayerFrom(float[] p, int w, int bias, int in, int out, float[] inputT, int count,
                                       float[] z) {
        if (vectorKernels) {
            for (int j = 0; j < out; j++) {
                Arrays.fill(z, j * count, (j + 1) * count, p[bias + j]);
            }
            VectorMlpKernels.multiplyAdd(p, w, in, 1, out, in, inputT, count, z);
            return;
        }
        for (int j = 0; j < out; j++) {
            int zj = j * count;
            Arrays.fill(z, zj, zj + count, p[bias + j]);
            int wj = w + j * in;
            for (int i = 0; i < in; i++) {
                float wji = p[wj + i];
                if (wji == 0f) {
                    continue;
                }
                int xi = i * count;
                for (int b = 0; b < count; b++) {
                    z[zj + b] += wji * inputT[xi + b];
                }
            }
        }
    }

    private static void relu(float[] z, float[] aT, float[] aRows, int units, int count) {
        for (int j = 0; j < units; j++) {
            for (int b = 0; b < count; b++) {
                float v = Math.max(z[j * count + b], 0f);
                aT[j * count + b] = v;
                aRows[b * units + j] = v;
            }
        }
    }

    /** Returns the block's summed cross-entropy; replaces the logits by invN (softmax - one-hot). */
    private double crossEntropyAndSlopes(Scratch s, int[] labels, int[] rows, int from, int count, float invN) {
        float[] z = s.z[sizes.length - 2];
        int k = classes();
        double sum = 0;
        for (int b = 0; b < count; b++) {
            float max = Float.NEGATIVE_INFINITY;
            for (int c = 0; c < k; c++) {
                max = Math.max(max, z[c * count + b]);
            }
            double total = 0;
            for (int c = 0; c < k; c++) {
                total += Math.exp(z[c * count + b] - max);
            }
            double logTotal = Math.log(total);
            int y = labels[rows[from + b]];
            sum += logTotal - (z[y * count + b] - max);
            for (int c = 0; c < k; c++) {
                double prob = Math.exp(z[c * count + b] - max - logTotal);
                z[c * count + b] = (float) (prob - (c == y ? 1 : 0)) * invN;
            }
        }
        return sum;
    }

    /** Adds the block's gradient to g, starting from the output slopes left in the logits buffer. */
    private void backward(float[] p, Features x, int[] rows, int from, int count, Scratch s, float[] g) {
        int layers = sizes.length - 1;
        float[] delta = s.z[layers - 1];
        for (int l = layers - 1; l >= 0; l--) {
            int in = sizes[l];
            int out = sizes[l + 1];
            int w = weightOffset[l];
            int bias = biasOffset[l];
            for (int j = 0; j < out; j++) {
                float sum = 0f;
                for (int b = 0; b < count; b++) {
                    sum += delta[j * count + b];
                }
                g[bias + j] += sum;
            }
            if (l == 0 && vectorKernels && x instanceof DenseFeatures dense) {
                int[] rowStart = s.rowStart;
                for (int b = 0; b < count; b++) {
                    rowStart[b] = rows[from + b] * in;
                }
                VectorMlpKernels.addOuterProducts(delta, count, out, dense.values(), rowStart, in, g, w);
                return;
            }
            if (l == 0) {
                for (int j = 0; j < out; j++) {
                    for (int b = 0; b < count; b++) {
                        float d = delta[j * count + b];
                        if (d != 0f) {
                            x.addScaled(rows[from + b], d, g, w + j * in);
                        }
                    }
                }
                return;
            }
            float[] inputRows = s.aRows[l - 1];
            float[] previous = delta == s.deltaA ? s.deltaB : s.deltaA;
            Arrays.fill(previous, 0, in * count, 0f);
            if (vectorKernels) {
                int[] rowStart = s.rowStart;
                for (int b = 0; b < count; b++) {
                    rowStart[b] = b * in;
                }
                VectorMlpKernels.addOuterProducts(delta, count, out, inputRows, rowStart, in, g, w);
                // Slopes of the previous layer: W^T delta (masked below).
                VectorMlpKernels.multiplyAdd(p, w, 1, in, in, out, delta, count, previous);
            } else {
                previousSlopes(p, w, in, out, delta, count, inputRows, g, previous);
            }
            float[] zPrevious = s.z[l - 1];
            for (int i = 0; i < in * count; i++) {
                if (zPrevious[i] <= 0f) {
                    previous[i] = 0f;
                }
            }
            delta = previous;
        }
    }

    /**
     * The plain loops of a hidden layer's backward step: its weight gradient from the slopes and
     * its row-major inputs, and the previous layer's slopes W^T delta (not yet masked).
     */
    private static void previousSlopes(float[] p, int w, int in, int out, float[] delta, int count,
                                       float[] inputRows, float[] g, float[] previous) {
        for (int j = 0; j < out; j++) {
            int gj = w + j * in;
            for (int b = 0; b < count; b++) {
                float d = delta[j * count + b];
                if (d == 0f) {
                    continue;
                }
                int ab = b * in;
                for (int i = 0; i < in; i++) {
                    g[gj + i] += d * inputRows[ab + i];
                }
            }
        }
        for (int j = 0; j < out; j++) {
            int wj = w + j * in;
            int dj = j * count;
            for (int i = 0; i < in; i++) {
                float wji = p[wj + i];
                int pi = i * count;
                for (int b = 0; b < count; b++) {
                    previous[pi + b] += wji * delta[dj + b];
                }
            }
        }
    }

    private double addL2(float[] p, float[] g) {
        if (l2 == 0) {
            return 0;
        }
        float l2f = (float) l2;
        double sum = 0;
        for (int l = 0; l < sizes.length - 1; l++) {
            for (int i = weightOffset[l]; i < biasOffset[l]; i++) {
                sum += (double) p[i] * p[i];
                g[i] += l2f * p[i];
            }
        }
        return 0.5 * l2 * sum;
    }

    /** One thread's buffers for a block of at most BLOCK_ROWS rows. */
    private static final class Scratch {
        private float[] inputT;
        final float[][] z;
        final float[][] a;
        final float[][] aRows;
        final float[] deltaA;
        final float[] deltaB;
        /** Where each row of a block starts in its row-major input (the vector kernels' gradient). */
        final int[] rowStart = new int[BLOCK_ROWS];

        Scratch(int[] sizes) {
            int layers = sizes.length - 1;
            z = new float[layers][];
            a = new float[layers - 1][];
            aRows = new float[layers - 1][];
            int widest = 0;
            for (int l = 0; l < layers; l++) {
                z[l] = new float[sizes[l + 1] * BLOCK_ROWS];
                if (l < layers - 1) {
                    a[l] = new float[sizes[l + 1] * BLOCK_ROWS];
                    aRows[l] = new float[sizes[l + 1] * BLOCK_ROWS];
                    widest = Math.max(widest, sizes[l + 1]);
                }
            }
            deltaA = new float[widest * BLOCK_ROWS];
            deltaB = new float[widest * BLOCK_ROWS];
        }

        /** The transposed dense input block, allocated on first use (sparse inputs never need it). */
        float[] inputT(int features) {
            if (inputT == null) {
                inputT = new float[features * BLOCK_ROWS];
            }
            return inputT;
        }
    }
}
