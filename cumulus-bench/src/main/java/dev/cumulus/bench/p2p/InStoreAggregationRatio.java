package dev.cumulus.bench.p2p;

import dev.cumulus.channel.Channel;
import dev.cumulus.channel.ChannelOptions;
import dev.cumulus.channel.Channels;
import dev.cumulus.channel.codec.FloatCodec;
import dev.cumulus.engine.p2p.StoreArithmetic;
import dev.cumulus.engine.p2p.StoreArithmetics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A peer's gradient averaging plus model update (SPIRT's in-database step) inside its Redis store,
 * through Cumulus's module (one {@code CUMULUS.STEPF32}: the sum of the K parts, the scaling by 1/K
 * and the update of the model, in one round trip), against the
 * same step done by the client: fetch the K gradients and the model, sum, scale and update them
 * here, write the model back. The two sides alternate round by round on one server in one JVM and
 * the reduction is the median of the per-round ratios (see {@code InterleavedCollectiveRatio} for
 * why). Both sides keep a model of their own in the store and take the same float steps, so at the
 * end their models must be equal bit for bit; the benchmark fails otherwise.
 *
 * <p>Usage: {@code java -Xmx8g -cp benchmarks.jar dev.cumulus.bench.p2p.InStoreAggregationRatio
 * REDIS_URI PARAMS[,PARAMS...] K[,K...] [WARMUP] [ROUNDS] [LINK]}: REDIS_URI names a redis-server
 * that has loaded the module (on loopback, or across a shaped link: {@code scripts/p2p-hosts.sh});
 * PARAMS in floats (100000, 1000000, 25000000), K the gradients per peer; LINK is a label for the
 * table. Prints one Markdown row per configuration.
 */
public final class InStoreAggregationRatio {
    private static final float RATE = 0.01f;

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: InStoreAggregationRatio REDIS_URI PARAMS[,..] K[,..] [WARMUP] [ROUNDS] [LINK]");
            System.exit(2);
        }
        String uri = args[0];
        int warmup = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        int rounds = args.length > 4 ? Integer.parseInt(args[4]) : 15;
        String link = args.length > 5 ? args[5] : "loopback";
        System.out.println("| link | parameters | K | in-store ms | client ms | MB moved by the client per round "
                + "| **reduction** (IQR) |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|");
        // Long operations: a 100 MB value over a 1 Gbit/s link takes most of a second.
        ChannelOptions options = ChannelOptions.DEFAULTS.withOperationTimeout(Duration.ofMinutes(2));
        try (Channel channel = Channels.open(uri, options); StoreArithmetic inStore = StoreArithmetics.open(uri, channel)) {
            if (!inStore.inStore()) {
                System.err.println(uri + " has not loaded Cumulus's Redis module: " + inStore.describe());
                System.exit(2);
            }
            for (String p : args[1].split(",")) {
                for (String k : args[2].split(",")) {
                    run(channel, inStore, link, Integer.parseInt(p), Integer.parseInt(k), warmup, rounds);
                }
            }
        }
        System.exit(0);
    }

    private static void run(Channel channel, StoreArithmetic inStore, String link, int params, int k, int warmup,
                            int rounds) {
        String prefix = "bench/p2p/" + params + "x" + k + "/";
        List<String> parts = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(params * 31L + k);
        for (int f = 0; f < k; f++) {
            parts.add(prefix + "part/" + f);
            channel.put(parts.get(f), FloatCodec.encode(uniform(random, params)));
        }
        byte[] model = FloatCodec.encode(uniform(random, params));
        String storeModel = prefix + "w-store";
        String clientModel = prefix + "w-client";
        String gradient = prefix + "gradient";
        channel.put(storeModel, model);
        channel.put(clientModel, model);
        double[] storeMs = new double[rounds];
        double[] clientMs = new double[rounds];
        for (int r = -warmup; r < rounds; r++) {
            long t0 = System.nanoTime();
            inStore.meanAndStep(storeModel, gradient, parts, 1f / k, RATE);
            long t1 = System.nanoTime();
            clientStep(channel, parts, clientModel, k);
            long t2 = System.nanoTime();
            if (r >= 0) {
                storeMs[r] = (t1 - t0) / 1e6;
                clientMs[r] = (t2 - t1) / 1e6;
            }
        }
        float[] a = FloatCodec.decode(channel.get(storeModel).orElseThrow());
        float[] b = FloatCodec.decode(channel.get(clientModel).orElseThrow());
        if (!Arrays.equals(a, b)) {
            throw new IllegalStateException("the in-store and client-side models differ after " + (warmup + rounds)
                    + " rounds (" + params + " parameters, K = " + k + "): the comparison is not of the same step");
        }
        channel.deleteAll(channel.list(prefix));
        double[] reduction = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            reduction[r] = 1 - storeMs[r] / clientMs[r];
        }
        double[] sorted = reduction.clone();
        Arrays.sort(sorted);
        double movedMb = (k + 2) * (params * 4.0 + 9) / 1e6;
        System.out.printf("| %s | %,d | %d | %.1f | %.1f | %.0f | **%.0f%%** (%.0f-%.0f%%) |%n", link, params, k,
                median(storeMs), median(clientMs), movedMb, 100 * median(reduction), 100 * sorted[rounds / 4],
                100 * sorted[3 * rounds / 4]);
    }

    /**
     * The client's step: the K parts and the model in one pipelined read, the sum left to right,
     * the scale and the update in float, the same operations in the same order as the module's, and
     * the model written back.
     */
    private static void clientStep(Channel channel, List<String> parts, String model, int k) {
        List<String> keys = new ArrayList<>(parts);
        keys.add(model);
        List<byte[]> values = channel.getAllAsync(keys).join();
        float[] sum = FloatCodec.decode(values.get(0));
        for (int f = 1; f < k; f++) {
            float[] x = FloatCodec.decode(values.get(f));
            for (int i = 0; i < sum.length; i++) {
                sum[i] += x[i];
            }
        }
        float factor = 1f / k;
        float[] w = FloatCodec.decode(values.get(k));
        for (int i = 0; i < w.length; i++) {
            sum[i] *= factor;
            w[i] -= RATE * sum[i];
        }
        channel.put(model, FloatCodec.encode(w));
    }

    private static float[] uniform(SplittableRandom random, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (random.nextDouble() * 2 - 1);
        }
        return v;
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
