package dev.cumulus.channel.memcached;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cumulus.channel.Channel;
import dev.cumulus.channel.Channels;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Listing on a real memcached sees the keys a round's readers have just read. */
class MemcachedListingTest {
    private static final int KEYS = 45;

    /**
     * An item in the COLD LRU read a second time is held by the bump that moves it to WARM until
     * the LRU maintainer gets to it, and the LRU crawler skips held items: a clean-up that listed
     * right after the last round's reads found none of them (a CI run left 3 keys behind).
     */
    @Test
    void listingFindsKeysJustReadTwiceFromTheColdLru() throws Exception {
        try (MemcachedServer server = MemcachedServer.start(64);
             Channel channel = Channels.open(server.uri())) {
            List<String> keys = new ArrayList<>();
            for (int i = 0; i < KEYS; i++) {
                keys.add("round/2/in/" + i);
                channel.put(keys.get(i), new byte[60]);
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (coldItems(server.port()) < KEYS) {
                assertThat(System.nanoTime()).as("the maintainer moves new items to COLD within 20 s")
                        .isLessThan(deadline);
                Thread.sleep(50);
            }
            for (int read = 0; read < 2; read++) {
                for (String key : keys) {
                    assertThat(channel.get(key)).isPresent();
                }
            }

            assertThat(channel.list("round/2/")).containsExactlyInAnyOrderElementsOf(keys);
        }
    }

    /** The items in the COLD LRUs of every slab class, from {@code stats items}. */
    private static long coldItems(int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write("stats items\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            long cold = 0;
            for (String line = in.readLine(); line != null && !line.equals("END"); line = in.readLine()) {
                String[] fields = line.split(" ");
                if (fields.length == 3 && fields[1].endsWith(":number_cold")) {
                    cold += Long.parseLong(fields[2]);
                }
            }
            return cold;
        }
    }
}
