package dev.cumulus.channel.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cumulus.channel.Channel;
import dev.cumulus.channel.ChannelContractTest;
import dev.cumulus.channel.Channels;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The channel contract and collectives against an S3-compatible server that honours conditional
 * writes (S3Mock), so that put-if-absent and increment run on S3's If-None-Match / If-Match path;
 * {@link S3ChannelTest} covers a server that ignores them.
 */
class S3ChannelWithConditionalWritesTest extends ChannelContractTest {

    @Override
    protected Channel openChannel() {
        return Channels.open(S3MockServer.shared().uri("cumulus-test"));
    }

    /**
     * S3Mock keeps the names of a bucket's objects in one JSON file (bucketMetadata.json) that it
     * writes anew on every PUT and DELETE, so a write costs more as the bucket fills (100 PUTs took
     * 2.8 s beside 300 objects, 5.4 s beside 2,300), and on a loaded machine it falls behind the
     * requests of a large group, most of them polls for keys not there yet. A 17-worker
     * ScatterReduce in parts of 3 floats, 1,360 keys a round, took 26 s here and 73 s under load;
     * the groups of 17 took 45 of the class's 79 s (177 s reported from CI). Groups of up to 8 workers run
     * here; the larger ones run the same S3Channel code against S3Proxy in {@link S3ChannelTest}.
     * What this class alone checks, the conditional writes, takes a few keys per test.
     */
    @Override
    protected int largestGroup() {
        return 8;
    }

    /** Keeps the bucket, and so S3Mock's rewritten list of its objects, down to the keys of one test. */
    @AfterEach
    void deleteThisTestsKeys() {
        channel().deleteAll(channel().list(ns));
    }

    /** Were the probe to miss conditional writes, the contract's atomic tests would fail only on refusals. */
    @Test
    void theProbeFindsThatTheServerHonoursConditionalWrites() {
        assertThat(((S3Channel) channel()).supportsConditionalWrites()).isTrue();
    }

    // S3 keeps an object past its time to live until it is replaced or deleted, so the atomic
    // operations must take it as absent and replace exactly it: If-None-Match alone fails against
    // it for ever, and deleting it first can delete another caller's winning value instead.

    @Test
    void incrementOfACounterWhoseTimeToLiveHasPassedStartsAgainFromZero() {
        channel().put(ns + "c", "41".getBytes(StandardCharsets.US_ASCII), Duration.ofMillis(500));
        sleep(700);
        assertThat(channel().increment(ns + "c", 1)).isEqualTo(1);
        assertThat(channel().increment(ns + "c", 1)).isEqualTo(2);
    }

    @Test
    void exactlyOneOfManyConcurrentPutIfAbsentWinsOverAnExpiredValue() throws Exception {
        channel().put(ns + "race", "old".getBytes(StandardCharsets.UTF_8), Duration.ofMillis(500));
        sleep(700);
        List<Callable<Boolean>> tasks = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            byte[] value = ("writer-" + i).getBytes(StandardCharsets.UTF_8);
            tasks.add(() -> channel().putIfAbsent(ns + "race", value));
        }
        List<Boolean> outcomes = runAll(tasks);
        assertThat(outcomes).containsOnlyOnce(true);
        byte[] winner = ("writer-" + outcomes.indexOf(true)).getBytes(StandardCharsets.UTF_8);
        assertThat(channel().get(ns + "race")).hasValueSatisfying(v -> assertThat(v).isEqualTo(winner));
    }

}
