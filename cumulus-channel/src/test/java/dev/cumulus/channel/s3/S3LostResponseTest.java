package dev.cumulus.channel.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cumulus.channel.Channel;
import dev.cumulus.channel.ChannelException;
import dev.cumulus.channel.Channels;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Put-if-absent and increment when the network loses a conditional PUT or its response, against
 * S3Mock (which honours conditional writes) behind {@link ConditionalPutLossProxy}. A PUT that was
 * stored but whose response was lost is sent again and refused (412): the channel must recognise its
 * own earlier write rather than report a lost race, and so must neither leave put-if-absent without
 * a winner nor apply an increment twice.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(30)
class S3LostResponseTest {
    private static final String BUCKET = "cumulus-lost";

    private S3MockServer server;
    private ConditionalPutLossProxy proxy;
    /** Straight to S3Mock: what is stored, and the other callers. */
    private Channel direct;
    /** Through the proxy, with the channel's default three attempts. */
    private Channel proxied;
    private String key;

    @BeforeAll
    void start() {
        server = S3MockServer.shared();
        proxy = ConditionalPutLossProxy.start(URI.create(server.endpoint()).getPort());
        direct = Channels.open(server.uri(BUCKET));
        proxied = Channels.open(throughProxy(""));
    }

    @AfterAll
    void stop() {
        closeAll(proxied, direct, proxy);
    }

    @BeforeEach
    void freshKey() {
        key = "k" + UUID.randomUUID();
    }

    @Test
    void putIfAbsentWhoseResponseWasLostReportsTheWinAndKeepsTheValue() {
        int before = proxy.conditionalPuts();
        proxy.loseResponseOfNextConditionalPut(() -> { });

        assertThat(proxied.putIfAbsent(key, bytes("mine"))).isTrue();

        assertThat(direct.get(key)).hasValueSatisfying(v -> assertThat(v).isEqualTo(bytes("mine")));
        assertThat(proxy.conditionalPuts() - before).as("the lost PUT and one resend").isEqualTo(2);
        assertThat(direct.putIfAbsent(key, bytes("theirs"))).isFalse();
    }

    @Test
    void incrementOfANewCounterWhoseResponseWasLostIsAppliedOnce() {
        proxy.loseResponseOfNextConditionalPut(() -> { });

        assertThat(proxied.increment(key, 5)).isEqualTo(5);

        assertThat(counter()).isEqualTo(5);
    }

    @Test
    void incrementOfAnExistingCounterWhoseResponseWasLostIsAppliedOnce() {
        direct.increment(key, 1);
        int before = proxy.conditionalPuts();
        proxy.loseResponseOfNextConditionalPut(() -> { });

        assertThat(proxied.increment(key, 2)).isEqualTo(3);

        assertThat(counter()).isEqualTo(3);
        assertThat(proxy.conditionalPuts() - before).as("the lost PUT and one resend").isEqualTo(2);
    }

    /**
     * Another caller's increment lands between the lost response and the resend, so the object no
     * longer carries this caller's token: the channel must still find its write in the object's history.
     */
    @Test
    void incrementWhoseResponseWasLostIsRecognisedAfterAnotherCallerIncrementedOnTopOfIt() {
        direct.increment(key, 1);
        proxy.loseResponseOfNextConditionalPut(() -> direct.increment(key, 10));

        assertThat(proxied.increment(key, 2)).isEqualTo(3);

        assertThat(counter()).isEqualTo(13);
    }

    /** The converse: a resend refused because of someone else's write is a lost race, not a success. */
    @Test
    void incrementWhoseRequestWasLostIsAppliedOnTopOfAnotherCallersIncrement() {
        direct.increment(key, 1);
        proxy.loseNextConditionalPut(() -> direct.increment(key, 10));

        assertThat(proxied.increment(key, 2)).isEqualTo(13);

        assertThat(counter()).isEqualTo(13);
    }

    /**
     * Only the channel may resend a conditional PUT, since only it can recognise its own earlier
     * write: with a single attempt the lost response must surface as an error after one PUT, not
     * be resent by the AWS SDK (whose 412 would then read as a lost race).
     */
    @Test
    void theAwsSdkNeverResendsAConditionalPutItself() {
        try (Channel once = Channels.open(throughProxy("&attempts=1"))) {
            int before = proxy.conditionalPuts();
            proxy.loseResponseOfNextConditionalPut(() -> { });

            assertThatThrownBy(() -> once.putIfAbsent(key, bytes("mine"))).isInstanceOf(ChannelException.class);

            assertThat(proxy.conditionalPuts() - before).isEqualTo(1);
            assertThat(direct.get(key)).hasValueSatisfying(v -> assertThat(v).isEqualTo(bytes("mine")));
        }
    }

    private String throughProxy(String parameters) {
        return "s3://cumulus:cumulus@" + BUCKET + "?endpoint=" + proxy.endpoint() + parameters;
    }

    private long counter() {
        return Long.parseLong(new String(direct.get(key).orElseThrow(), StandardCharsets.US_ASCII));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static void closeAll(AutoCloseable... resources) {
        RuntimeException failure = null;
        for (AutoCloseable resource : resources) {
            try {
                if (resource != null) {
                    resource.close();
                }
            } catch (Exception e) {
                if (failure == null) {
                    failure = new IllegalStateException("closing the test's servers and channels", e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
