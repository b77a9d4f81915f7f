package dev.cumulus.engine.p2p;

import dev.cumulus.channel.Channel;
import dev.cumulus.channel.codec.FloatCodec;
import dev.cumulus.data.Dataset;
import dev.cumulus.model.Model;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A peer's gradient functions (SPIRT's intra-peer parallelism), as threads: each computes the
 * gradient of its slice of the peer's batch and writes it into the peer's store, where the peer
 * averages them, inside the store when it can compute.
 */
final class GradientFunctions implements AutoCloseable {
    private final String peer;
    private final int count;
    private final Channel own;
    private final PeerKeys keys;
    private final StoreArithmetic arithmetic;
    private final ExecutorService threads;

    GradientFunctions(String peer, int count, Channel own, String ownUri, PeerKeys keys) {
        this.peer = peer;
        this.count = count;
        this.own = own;
        this.keys = keys;
        this.arithmetic = StoreArithmetics.open(ownUri, own);
        this.threads = Executors.newFixedThreadPool(count, Peer.daemon("cumulus-p2p-function"));
    }

    /** Where the averaging runs, for the run's log. */
    String describe() {
        return "averages its " + count + " functions' gradients " + arithmetic.describe();
    }

    /** Each function computes its slice of {@code rows} and writes (gradient x rows, loss x rows, rows) into the store. */
    void compute(long round, Model model, Dataset chunk, int[] rows, float[] w) {
        int p = model.parameterCount();
        List<Future<?>> parts = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int[] slice = Arrays.copyOfRange(rows, i * rows.length / count, (i + 1) * rows.length / count);
            String key = keys.part(round, i);
            parts.add(threads.submit(() -> {
                float[] message = new float[p + 2];
                if (slice.length > 0) {
                    float[] gradient = new float[p];
                    double loss = model.lossAndGradient(w, chunk, slice, gradient);
                    float n = slice.length;
                    for (int j = 0; j < p; j++) {
                        message[j] = gradient[j] * n;
                    }
                    message[p] = (float) (loss * n);
                    message[p + 1] = n;
                }
                own.put(key, FloatCodec.encode(message));
            }));
        }
        for (Future<?> part : parts) {
            try {
                part.get();
            } catch (ExecutionException e) {
                throw new IllegalStateException(peer + ": a gradient function failed: " + e.getCause(), e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(peer + ": interrupted while computing gradients", e);
            }
        }
    }

    /**
     * Sums the functions' parts into the round's gradient, divides by the rows, and marks it
     * published; the mark lists the join requests the peer has seen.
     */
    void publish(long round, int rows, Map<Integer, String> joins, PeerAuth auth) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            parts.add(keys.part(round, i));
        }
        // One request where the store computes: the sum and the scaling are the round's critical path.
        arithmetic.mean(keys.gradient(round), parts, 1f / rows);
        byte[] mark = JoinList.encode(joins);
        if (auth.enabled()) {
            // The average may have been computed in the store: read it back to sign what the others will read.
            byte[] gradient = own.get(keys.gradient(round)).orElseThrow();
            own.put(keys.signature(round), auth.signGradient(round, gradient, mark));
        }
        own.put(keys.published(round), mark);
        own.deleteAllAsync(parts);
    }

    @Override
    public void close() {
        threads.shutdownNow();
        arithmetic.close();
    }
}
