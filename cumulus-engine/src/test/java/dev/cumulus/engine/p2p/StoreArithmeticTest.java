package dev.cumulus.engine.p2p;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cumulus.channel.Channel;
import dev.cumulus.channel.Channels;
import dev.cumulus.channel.codec.FloatCodec;
import dev.cumulus.engine.testing.RedisServerProcess;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Cumulus's Redis module computes in the store exactly what the client-side path computes: the
 * same float operations in the same order, so the same bits.
 */
class StoreArithmeticTest {
    private static RedisServerProcess server;

    @BeforeAll
    static void start() throws Exception {
        server = RedisWithModule.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static float[] randomVector(SplittableRandom random, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            // Magnitudes over many orders, so that the order of the additions shows in the bits.
            v[i] = (float) ((random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(-6, 7)));
        }
        return v;
    }

    private static float[] read(Channel channel, String key) {
        return FloatCodec.decode(channel.get(key).orElseThrow());
    }

    @Test
    void inStoreSumScaleAndUpdateGiveTheClientSideBits() {
        SplittableRandom random = new SplittableRandom(11);
        int n = 100_003;
        try (Channel channel = Channels.open(server.uri(0));
             StoreArithmetic inStore = StoreArithmetics.open(server.uri(0), channel);
             StoreArithmetic client = new ClientSideArithmetic(channel)) {
            assertThat(inStore.inStore()).isTrue();
            List<String> parts = new ArrayList<>();
            float[][] vectors = new float[7][];
            for (int i = 0; i < vectors.length; i++) {
                vectors[i] = randomVector(random, n);
                parts.add("parts/" + i);
                channel.put(parts.get(i), FloatCodec.encode(vectors[i]));
            }
            channel.put("w/store", FloatCodec.encode(randomVector(new SplittableRandom(3), n)));
            channel.put("w/client", channel.get("w/store").orElseThrow());

            inStore.sum("sum/store", parts);
            client.sum("sum/client", parts);
            assertThat(read(channel, "sum/store")).isEqualTo(read(channel, "sum/client")).isEqualTo(FloatArithmetic.sum(vectors));

            inStore.scale("sum/store", 1f / 7);
            client.scale("sum/client", 1f / 7);
            assertThat(read(channel, "sum/store")).isEqualTo(read(channel, "sum/client"));

            inStore.axpy("w/store", "sum/store", 0.0123f);
            client.axpy("w/client", "sum/client", 0.0123f);
            assertThat(read(channel, "w/store")).isEqualTo(read(channel, "w/client"));

            // A sum replaces what its target held, in both paths.
            inStore.sum("sum/store", parts.subList(0, 2));
            client.sum("sum/client", parts.subList(0, 2));
            assertThat(read(channel, "sum/store")).isEqualTo(read(channel, "sum/client"));
        }
    }

    /**
     * The fused commands against a plain loop written here, element by element in the order the
     * module documents (sources left to right, then the scaling, then the update), at sizes below,
     * at and across the module's block of 2,048 floats.
     */
    @Test
    void fusedMeanAndStepGiveTheBitsOfTheirOperationsOneAfterTheOther() {
        for (int n : new int[] {1, 2_047, 2_048, 2_049, 100_003}) {
            for (int k : new int[] {1, 4, 13}) {
                SplittableRandom random = new SplittableRandom(n * 31L + k);
                try (Channel channel = Channels.open(server.uri(0));
                     StoreArithmetic inStore = StoreArithmetics.open(server.uri(0), channel);
                     StoreArithmetic client = new ClientSideArithmetic(channel)) {
                    String prefix = "fused/" + n + "x" + k + "/";
                    List<String> parts = new ArrayList<>();
                    float[][] vectors = new float[k][];
                    for (int i = 0; i < k; i++) {
                        vectors[i] = randomVector(random, n);
                        parts.add(prefix + "part/" + i);
                        channel.put(parts.get(i), FloatCodec.encode(vectors[i]));
                    }
                    float[] expectedW = randomVector(random, n);
                    channel.put(prefix + "w/store", FloatCodec.encode(expectedW));
                    channel.put(prefix + "w/client", FloatCodec.encode(expectedW));
                    float factor = 1f / k;
                    float rate = 0.037f;
                    float[] expectedMean = new float[n];
                    for (int i = 0; i < n; i++) {
                        float s = vectors[0][i];
                        for (int j = 1; j < k; j++) {
                            s = s + vectors[j][i];
                        }
                        expectedMean[i] = s * factor;
                    }

                    inStore.mean(prefix + "mean/store", parts, factor);
                    client.mean(prefix + "mean/client", parts, factor);
                    assertThat(read(channel, prefix + "mean/store")).isEqualTo(expectedMean);
                    assertThat(read(channel, prefix + "mean/client")).isEqualTo(expectedMean);

                    for (int round = 0; round < 3; round++) {
                        for (int i = 0; i < n; i++) {
                            expectedW[i] = expectedW[i] - rate * expectedMean[i];
                        }
                        inStore.meanAndStep(prefix + "w/store", prefix + "mean/store", parts, factor, rate);
                        client.meanAndStep(prefix + "w/client", prefix + "mean/client", parts, factor, rate);
                        assertThat(read(channel, prefix + "w/store")).as("n=%d k=%d round %d", n, k, round).isEqualTo(expectedW);
                        assertThat(read(channel, prefix + "w/client")).isEqualTo(expectedW);
                        assertThat(read(channel, prefix + "mean/store")).isEqualTo(expectedMean);
                    }
                    channel.deleteAll(channel.list(prefix));
                }
            }
        }
    }

    @Test
    void fusedMeanGivesTheSeparateCommandsBitsAndMayOverwriteOneOfItsSources() {
        SplittableRandom random = new SplittableRandom(5);
        int n = 10_001;
        try (Channel channel = Channels.open(server.uri(0));
             StoreArithmetic inStore = StoreArithmetics.open(server.uri(0), channel)) {
            List<String> parts = List.of("alias/0", "alias/1", "alias/2");
            for (String part : parts) {
                channel.put(part, FloatCodec.encode(randomVector(random, n)));
            }
            inStore.sum("alias/separate", parts);
            inStore.scale("alias/separate", 0.3f);
            inStore.mean("alias/0", parts, 0.3f);
            assertThat(read(channel, "alias/0")).isEqualTo(read(channel, "alias/separate"));
        }
    }

    @Test
    void fusedCommandsRefuseBadInputWithAClearError() {
        try (Channel channel = Channels.open(server.uri(0));
             StoreArithmetic inStore = StoreArithmetics.open(server.uri(0), channel)) {
            channel.put("bad/a", FloatCodec.encode(new float[] {1, 2}));
            channel.put("bad/b", FloatCodec.encode(new float[] {1, 2, 3}));
            channel.put("bad/w", FloatCodec.encode(new float[] {0, 0}));
            assertThatThrownBy(() -> inStore.mean("bad/m", List.of("bad/a", "bad/b"), 1f))
                    .hasMessageContaining("differ in length");
            assertThatThrownBy(() -> inStore.mean("bad/m", List.of("bad/a", "bad/none"), 1f))
                    .hasMessageContaining("no such key");
            assertThatThrownBy(() -> inStore.meanAndStep("bad/w", "bad/m", List.of("bad/a", "bad/w"), 1f, 1f))
                    .hasMessageContaining("must differ");
            assertThatThrownBy(() -> inStore.meanAndStep("bad/w", "bad/w", List.of("bad/a"), 1f, 1f))
                    .hasMessageContaining("must differ");
            assertThatThrownBy(() -> inStore.meanAndStep("bad/b", "bad/m", List.of("bad/a"), 1f, 1f))
                    .hasMessageContaining("differ in length");
            // A refused step leaves the model as it was.
            assertThat(read(channel, "bad/w")).containsExactly(0, 0);
        }
    }

    @Test
    void aServerWithoutTheModuleComputesClientSide() throws Exception {
        try (RedisServerProcess plain = RedisServerProcess.start();
             Channel channel = Channels.open("redis://127.0.0.1:" + plain.port());
             StoreArithmetic arithmetic = StoreArithmetics.open("redis://127.0.0.1:" + plain.port(), channel)) {
            assertThat(arithmetic.inStore()).isFalse();
            assertThat(arithmetic.describe()).contains("client-side");
        }
    }
}
