package dev.cumulus.model;

import dev.cumulus.data.Dataset;
import dev.cumulus.data.DenseFeatures;
import dev.cumulus.optim.Optimizer;
import dev.cumulus.optim.OptimizerSpec;
import dev.cumulus.optim.Optimizers;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPInputStream;

/**
 * A manual check, not part of the unit suite (it takes minutes): single-machine mini-batch
 * training on Fashion-MNIST. Usage: FashionMnistCheck DIR softmax|mlp OPTIMIZER LR BATCH EPOCHS [HIDDEN].
 * Carries its own tiny IDX reader so it does not depend on the data readers being written in parallel.
 */
public final class FashionMnistCheck {

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        String type = args[1];
        String optimizer = args[2];
        double lr = Double.parseDouble(args[3]);
        int batch = Integer.parseInt(args[4]);
        int epochs = Integer.parseInt(args[5]);
        int hidden = args.length > 6 ? Integer.parseInt(args[6]) : 128;
        Dataset train = load(dir.resolve("train-images-idx3-ubyte.gz"), dir.resolve("train-labels-idx1-ubyte.gz"));
        Dataset test = load(dir.resolve("t10k-images-idx3-ubyte.gz"), dir.resolve("t10k-labels-idx1-ubyte.gz"));
        ModelSpec spec = type.equals("mlp") ? ModelSpec.mlp(List.of(hidden), 0) : ModelSpec.of(type);
        Model model = Models.create(spec, train.cols(), 10);
        OptimizerSpec os = switch (optimizer) {
            case "adam" -> OptimizerSpec.adam(lr);
            case "momentum" -> OptimizerSpec.momentum(lr, 0.9);
            default -> OptimizerSpec.sgd(lr);
        };
        Optimizer opt = Optimizers.create(os, model.parameterCount());
        float[] p = model.initialParameters(42);
        float[] g = new float[p.length];
        int[] order = new int[train.rows()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Random random = new Random(7);
        int[] rows = new int[batch];
        for (int epoch = 1; epoch <= epochs; epoch++) {
            for (int i = order.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            long start = System.nanoTime();
            for (int from = 0; from + batch <= order.length; from += batch) {
                System.arraycopy(order, from, rows, 0, batch);
                model.lossAndGradient(p, train, rows, g);
                opt.step(p, g);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("%s %s lr=%s batch=%d epoch %d: %.2f s/epoch train loss %.4f test acc %.4f%n", type,
                    optimizer, lr, batch, epoch, seconds, model.loss(p, train), model.accuracy(p, test));
        }
    }

    private static Dataset load(Path images, Path labels) throws IOException {
        try (DataInputStream in = open(images); DataInputStream lab = open(labels)) {
            if (in.readInt() != 0x803 || lab.readInt() != 0x801) {
                throw new IOException("not IDX image/label files: " + images + ", " + labels);
            }
            int n = in.readInt();
            int rows = in.readInt();
            int cols = in.readInt();
            if (lab.readInt() != n) {
                throw new IOException("image and label counts differ");
            }
            byte[] pixels = in.readNBytes(n * rows * cols);
            float[] v = new float[pixels.length];
            for (int i = 0; i < v.length; i++) {
                v[i] = (pixels[i] & 0xFF) / 255f;
            }
            byte[] l = lab.readNBytes(n);
            int[] y = new int[n];
            for (int i = 0; i < n; i++) {
                y[i] = l[i];
            }
            return new Dataset(new DenseFeatures(n, rows * cols, v), y, 10);
        }
    }

    private static DataInputStream open(Path p) throws IOException {
        InputStream raw = Files.newInputStream(p);
        return new DataInputStream(new java.io.BufferedInputStream(new GZIPInputStream(raw), 1 << 16));
    }
}
