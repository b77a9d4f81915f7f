package dev.cumulus.channel.collective;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cumulus.channel.Channel;
import dev.cumulus.channel.Channels;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A worker re-invoked from a checkpoint one round behind its death re-enters a round the others
 * have finished: they read its sum and replaced their inputs of that round with the next one's.
 */
class ReinvokedWorkerTest {
    private static final int WORKERS = 3;
    /** Three parts of 4, 4 and 2 floats for AllReduce; shards of 4, 3 and 3 for ScatterReduce. */
    private static final int LENGTH = 10;
    private final Channel channel = Channels.open("memory:");
    private final ExecutorService pool = Executors.newFixedThreadPool(WORKERS);

    @AfterEach
    void close() {
        pool.shutdownNow();
        channel.close();
    }

    private Collective member(String kind, int rank) {
        Duration timeout = Duration.ofSeconds(5);
        return kind.equals("all-reduce") ? new AllReduce(channel, "g", rank, WORKERS, timeout, false, 4)
                : new ScatterReduce(channel, "g", rank, WORKERS, timeout, false, 4);
    }

    private static float[] vector(long round, int rank) {
        SplittableRandom random = new SplittableRandom(round * 31 + rank);
        float[] v = new float[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return v;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"all-reduce", "scatter-reduce"})
    void aWorkerReinvokedAtARoundItHadFinishedTakesThatRoundsSumAndTheGroupGoesOn(String kind) throws Exception {
        // AllReduce's reducer; for ScatterReduce the owner of a middle shard
        int lost = kind.equals("all-reduce") ? 0 : 1;
        Collective[] members = new Collective[WORKERS];
        List<Callable<float[]>> firstRounds = new ArrayList<>();
        for (int rank = 0; rank < WORKERS; rank++) {
            members[rank] = member(kind, rank);
            Collective m = members[rank];
            int r = rank;
            firstRounds.add(() -> {
                float[] last = null;
                for (long round = 0; round <= 2; round++) {
                    last = m.sum(round, vector(round, r));
                }
                return last;
            });
        }
        List<float[]> round2 = new ArrayList<>();
        for (Future<float[]> f : pool.invokeAll(firstRounds)) {
            round2.add(f.get());
        }
        // The others go on to round 3 and wait there for the lost worker.
        List<Future<float[]>> others = new ArrayList<>();
        for (int rank = 0; rank < WORKERS; rank++) {
            if (rank != lost) {
                Collective m = members[rank];
                int r = rank;
                others.add(pool.submit(() -> m.sum(3, vector(3, r))));
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (channel.list("g/2/in/").stream().anyMatch(k -> !k.endsWith("/" + lost))) {
            assertThat(System.nanoTime()).as("the others replace their inputs of round 2").isLessThan(deadline);
            Thread.sleep(5);
        }

        Collective reinvoked = member(kind, lost);
        float[] again = reinvoked.sum(2, vector(2, lost));
        float[] next = reinvoked.sum(3, vector(3, lost));

        assertThat(again).as("round 2's sum, as published before the worker was lost").isEqualTo(round2.get(lost));
        double[] expected = new double[LENGTH];
        for (int rank = 0; rank < WORKERS; rank++) {
            float[] v = vector(3, rank);
            for (int i = 0; i < LENGTH; i++) {
                expected[i] += v[i];
            }
        }
        for (int i = 0; i < LENGTH; i++) {
            assertThat((double) next[i]).as("round 3's sum at %d", i).isCloseTo(expected[i],
                    org.assertj.core.api.Assertions.within(1e-5));
        }
        for (Future<float[]> other : others) {
            assertThat(other.get(10, TimeUnit.SECONDS)).as("the others' round 3").isEqualTo(next);
        }
    }
}
