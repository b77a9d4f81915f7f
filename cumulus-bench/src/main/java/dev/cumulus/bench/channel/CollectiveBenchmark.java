package dev.cumulus.bench.channel;

import dev.cumulus.channel.collective.AllReduce;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One round of AllReduce or ScatterReduce among N worker threads, each with its own connection,
 * over a real store started for the trial; and, in the same run, the store's raw throughput for
 * the same traffic through its own client.
 *
 * <p>Both collectives move {@code (3N-2)·V} bytes through the store per round for a vector of V
 * bytes: AllReduce in values of V, ScatterReduce in shards of V/N. {@link #raw} has each of the N
 * threads put and get values of that same size, {@code ceil((3N-2)·V / (N·size))} transfers each
 * (rounded up to an even count), with no coding, summing or waiting, so the ratio of the two
 * rates says how much of the store's throughput a collective achieves. {@link #rawMirrored} moves
 * the same bytes in the collective's own mix, twice as many bytes read as written, each get of a
 * value another worker put earlier (see {@link Trial}). {@code docs/bench/channels.md}
 * has the command and the results; {@code cumulus-bench/scripts/channel_report.py} turns JMH's JSON
 * into that table.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
// One round per iteration: 30 warm-up rounds let C2 compile the collective; with 1-2 the 1 MB
// rounds ran interpreted and measured half their speed (docs/bench/channels.md, Round 2).
@Warmup(iterations = 30)
@Measurement(iterations = 30)
@Fork(value = 1, jvmArgsAppend = {"-Xmx12g"})
public class CollectiveBenchmark {

    @Param({"memory", "redis", "memcached", "s3", "dynamodb"})
    public String channel;

    @Param({"allreduce", "scatter"})
    public String pattern;

    @Param({"2", "4", "8", "16"})
    public int workers;

    @Param({"1", "10", "40"})
    public int megabytes;

    private Trial trial;
    private long round;

    @Setup(Level.Trial)
    public void start() throws Exception {
        trial = new Trial(channel, pattern, workers, megabytes, AllReduce.DEFAULT_PART_FLOATS);
    }

    /** One collective round; every worker gets the sum. */
    @Benchmark
    public float collective() throws Exception {
        return trial.collective(round++);
    }

    /** The same bytes through the store's own client: each worker puts and gets values of the collective's size. */
    @Benchmark
    public int raw() throws Exception {
        return trial.raw();
    }

    /** The same bytes in the collective's own mix of puts and gets, each get of a value put earlier. */
    @Benchmark
    public int rawMirrored() throws Exception {
        return trial.rawMirrored();
    }

    @TearDown(Level.Trial)
    public void stop() throws Exception {
        trial.close();
    }
}
