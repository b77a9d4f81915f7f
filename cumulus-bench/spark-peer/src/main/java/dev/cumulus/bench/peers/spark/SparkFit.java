package dev.cumulus.bench.peers.spark;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The Spark MLlib side of the peer benchmarks: one child JVM that reads the training and test
 * files, fits a logistic regression (L-BFGS, Spark's own) several times on the cached data, and
 * prints one line per fit, so the harness sees the first fit in a fresh JVM and warm ones.
 *
 * <p>Usage: {@code SparkFit TRAIN TEST FITS MAX_ITER TOL}. TRAIN/TEST: a CSV file (label in column 0,
 * as Spark's CSV reader sees it) or an IDX images file (gzip or not; labels beside it). Output lines:
 * {@code fit N done readSeconds=.. fitSeconds=..} as soon as fit N ends (the harness timestamps it),
 * then {@code fit N result trainLoss=.. testAccuracy=.. iterations=..}. The loss is the mean log loss
 * over the training set without the penalty, computed here from the model's probabilities, the
 * definition the harness checks every tool against.
 */
public final class SparkFit {
    private SparkFit() {
    }

    public static void main(String[] args) throws IOException {
        long start = System.nanoTime();
        Path train = Path.of(args[0]);
        Path test = Path.of(args[1]);
        int fits = Integer.parseInt(args[2]);
        int maxIter = Integer.parseInt(args[3]);
        double tol = Double.parseDouble(args[4]);
        SparkSession spark = SparkSession.builder().master("local[2]").appName("cumulus-peer")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2").getOrCreate();
        spark.sparkContext().setLogLevel("ERROR");
        Dataset<Row> trainData = read(spark, train).cache();
        long rows = trainData.count();
        Dataset<Row> testData = read(spark, test).cache();
        testData.count();
        double readSeconds = seconds(start);
        for (int fit = 1; fit <= fits; fit++) {
            long fitStart = System.nanoTime();
            LogisticRegressionModel model = new LogisticRegression().setMaxIter(maxIter).setTol(tol).setRegParam(0.0)
                    .fit(trainData);
            double fitSeconds = seconds(fitStart);
            System.out.printf(Locale.ROOT, "fit %d done rows=%d readSeconds=%.4f fitSeconds=%.4f%n",
                    fit, rows, readSeconds, fitSeconds);
            System.out.flush();
            double accuracy = new MulticlassClassificationEvaluator().setMetricName("accuracy")
                    .evaluate(model.transform(testData));
            System.out.printf(Locale.ROOT, "fit %d result trainLoss=%.8f testAccuracy=%.6f iterations=%d%n",
                    fit, logLoss(model, trainData), accuracy, model.summary().totalIterations());
            System.out.flush();
        }
        spark.stop();
    }

    private static double seconds(long sinceNanos) {
        return (System.nanoTime() - sinceNanos) / 1e9;
    }

    /** Mean of -log p(label | x) over the rows, from the model's probability column. */
    private static double logLoss(LogisticRegressionModel model, Dataset<Row> data) {
        Dataset<Double> losses = model.transform(data).select("label", "probability").map(
                (MapFunction<Row, Double>) r -> -Math.log(Math.max(
                        ((Vector) r.get(1)).apply((int) r.getDouble(0)), Double.MIN_NORMAL)),
                Encoders.DOUBLE());
        return losses.agg(org.apache.spark.sql.functions.avg("value")).first().getDouble(0);
    }

    private static Dataset<Row> read(SparkSession spark, Path file) throws IOException {
        String name = file.getFileName().toString();
        if (name.contains("idx3")) {
            return readIdx(spark, file);
        }
        // The schema is given rather than inferred: inference is a second pass over the file.
        int columns = Files.newBufferedReader(file).readLine().split(",").length;
        List<StructField> fields = new ArrayList<>();
        String[] features = new String[columns - 1];
        fields.add(DataTypes.createStructField("label", DataTypes.DoubleType, false));
        for (int c = 1; c < columns; c++) {
            features[c - 1] = "f" + c;
            fields.add(DataTypes.createStructField(features[c - 1], DataTypes.DoubleType, false));
        }
        Dataset<Row> raw = spark.read().schema(DataTypes.createStructType(fields)).csv(file.toString());
        return new VectorAssembler().setInputCols(features).setOutputCol("features").transform(raw)
                .select("label", "features");
    }

    private static Dataset<Row> readIdx(SparkSession spark, Path images) throws IOException {
        byte[][] pixels = idx(images);
        byte[][] labels = idx(Path.of(images.toString().replace("images-idx3", "labels-idx1")));
        List<Row> rows = new ArrayList<>(pixels.length);
        for (int i = 0; i < pixels.length; i++) {
            double[] x = new double[pixels[i].length];
            for (int j = 0; j < x.length; j++) {
                x[j] = (pixels[i][j] & 0xff) / 255.0;
            }
            rows.add(RowFactory.create((double) (labels[i][0] & 0xff), Vectors.dense(x)));
        }
        StructType schema = new StructType(new StructField[] {
            DataTypes.createStructField("label", DataTypes.DoubleType, false),
            DataTypes.createStructField("features", new VectorUDT(), false)});
        return spark.createDataFrame(rows, schema).repartition(2);
    }

    /** An IDX file's items (first dimension) as byte rows; labels come out as rows of one byte. */
    private static byte[][] idx(Path file) throws IOException {
        try (InputStream raw = Files.newInputStream(file);
                DataInputStream in = new DataInputStream(file.toString().endsWith(".gz") ? new GZIPInputStream(raw)
                        : raw)) {
            int magic = in.readInt();
            int dims = magic & 0xff;
            int items = in.readInt();
            int size = 1;
            for (int d = 1; d < dims; d++) {
                size *= in.readInt();
            }
            byte[][] out = new byte[items][size];
            for (byte[] row : out) {
                in.readFully(row);
            }
            return out;
        }
    }
}
