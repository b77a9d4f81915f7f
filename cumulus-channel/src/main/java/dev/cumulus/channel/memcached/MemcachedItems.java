package dev.cumulus.channel.memcached;

import dev.cumulus.channel.ChannelException;
import dev.cumulus.channel.CounterValue;
import dev.cumulus.channel.CorruptValueException;
import dev.cumulus.channel.Endpoint;
import dev.cumulus.channel.Retry;
import dev.cumulus.channel.split.ItemFrame;
import dev.cumulus.channel.split.ItemStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import net.spy.memcached.CASResponse;
import net.spy.memcached.CASValue;
import net.spy.memcached.ConnectionFactoryBuilder;
import net.spy.memcached.FailureMode;
import net.spy.memcached.MemcachedClient;
import net.spy.memcached.internal.OperationFuture;

/**
 * Memcached items through spymemcached: set, add, get, multi-get, delete, and gets/cas for counters;
 * keys are listed by walking the hash table ({@code lru_crawler metadump hash}, which Debian's
 * memcached 1.6.18 has), or the LRUs ({@code lru_crawler metadump all}) on a server that refuses it.
 *
 * <p>Why the hash table: the LRU walk skips every item another thread holds a reference to, and
 * an item in the COLD LRU read a second time is held by the asynchronous bump that moves it to
 * WARM until the LRU maintainer, which sleeps up to a second when idle, gets to it. The keys a
 * round's readers had just read were so missed by every LRU walk for up to half a second (seen
 * on 1.6.18: all 45 of a round's keys, in the first crawls after the reads), and a clean-up that
 * listed, deleted and listed again twice within that time left them behind. The hash walk skips
 * only items being freed, and items moving between LRUs cannot slip past it. It costs a fixed
 * ~13 ms (it visits every bucket) where an LRU walk of a small cache takes ~0.3 ms.
 */
final class MemcachedItems implements ItemStore {
    private static final int THIRTY_DAYS_SECONDS = 30 * 24 * 3600;

    private final MemcachedSettings settings;
    private final String store;
    private final Retry retry;
    private final MemcachedClient client;
    private final RawBytes bytes;
    private final Object listing = new Object();
    /** Cleared when a server refuses the hash walk (an older memcached); listing then walks the LRUs. */
    private volatile boolean hashWalk = true;

    static {
        // spymemcached logs to stderr by default; send it to SLF4J at debug level unless the application chose
        if (System.getProperty("net.spy.log.LoggerImpl") == null) {
            System.setProperty("net.spy.log.LoggerImpl", SpyDebugLogger.class.getName());
        }
    }

    MemcachedItems(MemcachedSettings settings) {
        this.settings = settings;
        this.store = settings.describe();
        this.retry = new Retry(store, settings.options(), e -> !(e instanceof IllegalArgumentException));
        this.bytes = new RawBytes(Math.max(settings.maxItemBytes() + 1, 1024 * 1024));
        List<InetSocketAddress> addresses = settings.servers().stream()
                .map(s -> new InetSocketAddress(s.host(), s.port())).toList();
        try {
            this.client = new MemcachedClient(new ConnectionFactoryBuilder()
                    .setProtocol(ConnectionFactoryBuilder.Protocol.TEXT)
                    .setOpTimeout(settings.options().operationTimeout().toMillis())
                    .setFailureMode(FailureMode.Cancel)
                    .setMaxReconnectDelay(1)
                    .setDaemon(true)
                    .build(), addresses);
        } catch (IOException e) {
            throw new ChannelException(store + ": cannot create the client: " + e, e);
        }
        try {
            retry.call("connect", null, () -> wait(client.asyncGet("~probe", bytes), "connect"));
        } catch (RuntimeException e) {
            client.shutdown(1, TimeUnit.SECONDS);
            throw e;
        }
    }

    @Override
    public String describe() {
        return store;
    }

    @Override
    public int maxItemBytes() {
        return settings.maxItemBytes();
    }

    @Override
    public void write(String key, byte[] item, Duration ttl) {
        retry.run("put", key, () -> requireStored(key, client.set(key, expiry(ttl), item, bytes)));
    }

    @Override
    public void writeAll(Map<String, byte[]> items, Duration ttl) {
        retry.run("put parts of", items.isEmpty() ? "" : items.keySet().iterator().next(), () -> {
            List<Map.Entry<String, OperationFuture<Boolean>>> pending = new ArrayList<>();
            items.forEach((key, item) -> pending.add(Map.entry(key, client.set(key, expiry(ttl), item, bytes))));
            for (Map.Entry<String, OperationFuture<Boolean>> p : pending) {
                requireStored(p.getKey(), p.getValue());
            }
        });
    }

    @Override
    public boolean writeIfAbsent(String key, byte[] item, Duration ttl) {
        return retry.call("putIfAbsent", key, () -> {
            OperationFuture<Boolean> added = client.add(key, expiry(ttl), item, bytes);
            Boolean stored = wait(added, "putIfAbsent");
            if (!Boolean.TRUE.equals(stored) && !added.getStatus().getMessage().contains("NOT_STORED")
                    && !added.getStatus().getMessage().toLowerCase(java.util.Locale.ROOT).contains("not stored")) {
                throw new ChannelException(store + ": putIfAbsent '" + key + "' refused: " + added.getStatus().getMessage());
            }
            return Boolean.TRUE.equals(stored);
        });
    }

    @Override
    public Optional<byte[]> read(String key) {
        return Optional.ofNullable(retry.call("get", key, () -> wait(client.asyncGet(key, bytes), "get")));
    }

    @Override
    public Map<String, byte[]> readAll(List<String> keys) {
        return retry.call("get parts of", keys.isEmpty() ? "" : keys.get(0), () -> wait(client.asyncGetBulk(keys, bytes), "get"));
    }

    @Override
    public void remove(String key) {
        retry.run("delete", key, () -> wait(client.delete(key), "delete"));
    }

    @Override
    public List<String> keys(String prefix) {
        return retry.call("list", prefix, () -> {
            java.util.Set<String> keys = new java.util.LinkedHashSet<>();
            for (Endpoint.HostPort server : settings.servers()) {
                if (hashWalk) {
                    Optional<List<String>> walked = dump(server, "hash", prefix);
                    if (walked.isPresent()) {
                        keys.addAll(walked.get());
                        continue;
                    }
                    hashWalk = false;
                }
                // the LRU walk is no snapshot: an item moving between LRU segments during it can
                // be skipped, so walk twice and take the union
                for (int pass = 0; pass < 2; pass++) {
                    keys.addAll(dump(server, "all", prefix).orElseThrow());
                }
            }
            return new ArrayList<>(keys);
        });
    }

    @Override
    public long increment(String key, long delta) {
        return retry.call("increment", key, () -> {
            for (int attempt = 0; attempt < 1000; attempt++) {
                CASValue<byte[]> current = wait(client.asyncGets(key, bytes), "increment");
                if (current == null) {
                    if (Boolean.TRUE.equals(wait(client.add(key, 0, ItemFrame.inline(CounterValue.encode(delta)), bytes), "increment"))) {
                        return delta;
                    }
                    continue;
                }
                byte[] item = current.getValue();
                if (item.length == 0 || item[0] != 0) {
                    throw new CorruptValueException(store + ": key '" + key + "' holds a value that is not a counter "
                            + "(expected a decimal integer)");
                }
                long next = CounterValue.decode(store, key, ItemFrame.inlineValue(item)) + delta;
                CASResponse swapped = wait(client.asyncCAS(key, current.getCas(), 0,
                        ItemFrame.inline(CounterValue.encode(next)), bytes), "increment");
                if (swapped == CASResponse.OK) {
                    return next;
                }
            }
            throw new ChannelException(store + ": increment '" + key + "' lost 1000 compare-and-swap races in a row");
        });
    }

    /**
     * What the servers say of their evictions: {@code evicted_unfetched} (items evicted before
     * anyone read them; every item a channel writes is there to be read, so each is a value lost)
     * summed over the servers, and their memory ({@code limit_maxbytes}). Empty when some server
     * does not answer: this only explains a failure, it never causes one.
     */
    Optional<Evictions> evictions() {
        try {
            Map<java.net.SocketAddress, Map<String, String>> stats = client.getStats();
            if (stats.size() < settings.servers().size()) {
                return Optional.empty();
            }
            long unread = 0;
            long memoryBytes = 0;
            for (Map<String, String> server : stats.values()) {
                String evicted = server.getOrDefault("evicted_unfetched", server.get("evictions"));
                if (evicted == null) {
                    return Optional.empty();
                }
                unread += Long.parseLong(evicted.trim());
                memoryBytes += Long.parseLong(server.getOrDefault("limit_maxbytes", "0").trim());
            }
            return Optional.of(new Evictions(unread, memoryBytes));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Items evicted unread, and the servers' memory, summed over the servers. */
    record Evictions(long unread, long memoryBytes) {
    }

    @Override
    public void close() {
        client.shutdown(2, TimeUnit.SECONDS);
    }

    /** Memcached's expiry: seconds from now up to 30 days, an absolute Unix time beyond. */
    private static int expiry(Duration ttl) {
        if (ttl == null) {
            return 0;
        }
        long seconds = Math.max(1, (ttl.toMillis() + 999) / 1000);
        if (seconds <= THIRTY_DAYS_SECONDS) {
            return (int) seconds;
        }
        return (int) Math.min(Integer.MAX_VALUE, System.currentTimeMillis() / 1000 + seconds);
    }

    private void requireStored(String key, OperationFuture<Boolean> future) {
        Boolean stored = wait(future, "put");
        if (!Boolean.TRUE.equals(stored)) {
            throw new ChannelException(store + ": put '" + key + "' refused by the server: "
                    + future.getStatus().getMessage());
        }
    }

    private <T> T wait(Future<T> future, String operation) {
        if (future == null) {
            throw new ChannelException(store + ": no server answered");
        }
        long millis = settings.options().operationTimeout().toMillis();
        try {
            return future.get(millis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new ChannelException(store + ": " + operation + " got no answer within " + millis + " ms", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof java.util.concurrent.CancellationException) {
                throw lostConnection(operation, e.getCause());
            }
            throw new ChannelException(store + ": " + operation + " failed: " + e.getCause(), e.getCause());
        } catch (java.util.concurrent.CancellationException e) {
            throw lostConnection(operation, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChannelException(store + ": interrupted", e);
        } catch (RuntimeException e) {
            if (e instanceof IllegalArgumentException) {
                throw new IllegalArgumentException(store + ": " + e.getMessage(), e);
            }
            throw new ChannelException(store + ": " + operation + " failed: " + e, e);
        }
    }

    /**
     * spymemcached cancels the requests of a connection it lost or cannot open (FailureMode.Cancel)
     * with no more than "Cancelled": say what that means.
     */
    private ChannelException lostConnection(String operation, Throwable cancelled) {
        ChannelException lost = new ChannelException(store + ": " + operation + " failed: no connection to the server "
                + "(it closed the connection or refused a new one; is memcached running?)");
        // kept for a stack trace, not as the cause: its message, "Cancelled", would only confuse the error's
        lost.addSuppressed(cancelled);
        return lost;
    }

    /**
     * The keys under {@code prefix} that {@code lru_crawler metadump WHAT} gives, waiting while the
     * crawler is busy; empty when the server refuses the hash walk.
     */
    private Optional<List<String>> dump(Endpoint.HostPort server, String what, String prefix) {
        synchronized (listing) {
            for (int busy = 0; busy < 200; busy++) {
                List<String> keys = new ArrayList<>();
                String outcome = crawl(server, what, prefix, keys);
                if (outcome == null) {
                    return Optional.of(keys);
                }
                if (!outcome.startsWith("BUSY")) {
                    if (what.equals("hash")) {
                        return Optional.empty();
                    }
                    throw new ChannelException(store + ": cannot list keys on " + server + " (" + outcome
                            + "); listing needs memcached 1.5 or later with the LRU crawler enabled");
                }
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new ChannelException(store + ": interrupted while listing", e);
                }
            }
            throw new ChannelException(store + ": the LRU crawler on " + server + " stayed busy; cannot list keys");
        }
    }

    private String crawl(Endpoint.HostPort server, String what, String prefix, List<String> keys) {
        int timeoutMillis = (int) settings.options().operationTimeout().toMillis();
        long nowSeconds = System.currentTimeMillis() / 1000;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(server.host(), server.port()), timeoutMillis);
            socket.setSoTimeout(timeoutMillis);
            OutputStream out = socket.getOutputStream();
            out.write(("lru_crawler metadump " + what + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.equals("END")) {
                    return null;
                }
                if (!line.startsWith("key=")) {
                    return line;
                }
                int space = line.indexOf(' ');
                String key = URLDecoder.decode(line.substring(4, space < 0 ? line.length() : space), StandardCharsets.UTF_8);
                int exp = line.indexOf(" exp=");
                long expiresAt = -1;
                if (exp >= 0) {
                    int end = line.indexOf(' ', exp + 5);
                    expiresAt = Long.parseLong(line.substring(exp + 5, end < 0 ? line.length() : end));
                }
                if (key.startsWith(prefix) && (expiresAt <= 0 || expiresAt > nowSeconds)) {
                    keys.add(key);
                }
            }
            throw new IOException("connection closed before END");
        } catch (IOException e) {
            throw new ChannelException(store + ": list on " + server + " failed: " + e, e);
        }
    }
}
