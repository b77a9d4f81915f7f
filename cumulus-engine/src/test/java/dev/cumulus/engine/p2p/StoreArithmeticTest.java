package dev.cumulus.engine.p2p;

import static org.assertj.core.api.Assertions.assertThat;

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
