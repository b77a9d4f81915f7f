package dev.cumulus.channel.redis;

import dev.cumulus.channel.Channel;
import dev.cumulus.channel.ChannelAccessException;
import dev.cumulus.channel.ChannelException;
import dev.cumulus.channel.ChannelTimeoutException;
import dev.cumulus.channel.CorruptValueException;
import dev.cumulus.channel.PollingWait;
import dev.cumulus.channel.Retry;
import dev.cumulus.channel.codec.FloatCodec;
import dev.cumulus.channel.codec.FloatSlice;
import dev.cumulus.channel.redis.CommandWindow.Request;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.SetArgs;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.SslOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.CommandOutput;
import io.lettuce.core.output.IntegerOutput;
import io.lettuce.core.output.StatusOutput;
import io.lettuce.core.output.ValueOutput;
import io.lettuce.core.protocol.AsyncCommand;
import io.lettuce.core.protocol.Command;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import io.lettuce.core.protocol.RedisCommand;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A channel on a Redis server (6 or later), through Lettuce.
 *
 * <p>Values are plain Redis strings (no splitting: Redis takes up to 512 MB). Every put also
 * rings the key's bell, {@code cumulus:bell:KEY}, so a worker waiting in {@link #await} gets the
 * value from the server as soon as it is put instead of polling (see {@link Bells}); while it
 * waits it re-reads the key once a second, which also notices a server that went away. An ACL user
 * needs the commands GET, SET, UNLINK, SCAN, INCRBY, XADD, XREAD and PEXPIRE, on its own keys and
 * on {@code cumulus:bell:*}; without XREAD waits fall back to polling. A wrong password or a
 * forbidden command is a {@link ChannelAccessException}.
 *
 * <p>GETs and SETs go through a {@link CommandWindow} that keeps at most {@code inFlightKb} of
 * values in flight on the connection and sends the commands it lets go together in one write (a
 * SET with its bell, a batch of GETs). Float vectors are written into Lettuce's outgoing buffer and
 * read from its incoming one without a byte array per value ({@link FloatSliceArgs},
 * {@link FloatsOutput}).
 */
public final class RedisChannel implements Channel {
    private static final RedisCodec<String, byte[]> CODEC = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);
    private static final Duration RECHECK = Duration.ofSeconds(1);
    /** Waits without XREAD poll, with pauses from 1 ms to 50 ms. */
    private static final PollingWait POLLING = new PollingWait(Duration.ofMillis(50));

    private final RedisSettings settings;
    private final String store;
    private final Retry retry;
    private final RedisClient client;
    private final StatefulRedisConnection<String, byte[]> connection;
    private final Waiters waiters;
    /** False once the ACL refused an XREAD: waits poll from then on. */
    private volatile boolean bellsHeard = true;
    /** Bounds the bytes of values in flight on the connection; see {@link CommandWindow}. */
    private final CommandWindow window;
    /** The size of the last value read, taken as the size of the next GET's reply for the window. */
    private volatile long lastReadBytes;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    /**
     * Connects to the server.
     *
     * @throws ChannelAccessException if the server refuses the credentials
     * @throws ChannelException if the server cannot be reached after the configured attempts
     */
    public RedisChannel(RedisSettings settings) {
        this.settings = settings;
        this.store = settings.describe();
        this.retry = new Retry(store, settings.options(), RedisChannel::retryable);
        this.window = new CommandWindow(1024L * settings.inFlightKb(), this::dispatch);
        this.client = RedisClient.create(SharedResources.acquire(), uri(settings));
        client.setOptions(clientOptions(settings));
        try {
            this.connection = retry.call("connect", null, () -> translate("connect", null, () -> client.connect(CODEC)));
        } catch (RuntimeException e) {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
            SharedResources.release();
            throw e;
        }
        this.waiters = new Waiters(store, uri(settings), clientOptions(settings), CODEC);
    }

    /** Writes the commands to the connection at once: one flush, one system call. */
    private void dispatch(List<RedisCommand<String, byte[], ?>> commands) {
        connection.dispatch(commands);
    }

    @Override
    public void put(String key, byte[] value) {
        write("put", key, value, null, 0);
    }

    @Override
    public void put(String key, byte[] value, Duration ttl) {
        if (ttl == null || ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl must be positive, got " + ttl);
        }
        long millis = Math.max(1, ttl.toMillis());
        write("put", key, value, SetArgs.Builder.px(millis), millis);
    }

    @Override
    public boolean putIfAbsent(String key, byte[] value) {
        return write("putIfAbsent", key, value, SetArgs.Builder.nx(), 0);
    }

    /** A SET with {@code args} and its bell (expiring after {@code bellTtlMillis} if positive); whether Redis stored it. */
    private boolean write(String operation, String key, byte[] value, SetArgs args, long bellTtlMillis) {
        check(key);
        return call(operation, key, () -> {
            return "OK".equals(await(window.submit(putRequest(key, value, args, bellTtlMillis))));
        });
    }

    @Override
    public void putAll(java.util.Map<String, byte[]> values) {
        putEach(values, (key, value) -> putRequest(key, value, null, 0));
    }

    @Override
    public void putAllFloats(java.util.Map<String, FloatSlice> values) {
        putEach(values, this::putRequest);
    }

    private <V> void putEach(java.util.Map<String, V> values,
                             java.util.function.BiFunction<String, V, Request<String>> put) {
        values.keySet().forEach(this::check);
        if (values.isEmpty()) {
            return;
        }
        call("put", several(values.keySet()), () -> {
            for (CompletableFuture<String> future : submitPuts(values, put)) {
                await(future);
            }
            return null;
        });
    }

    /** One request per value, built by {@code put}, all let into the window together. */
    private <V> List<CompletableFuture<String>> submitPuts(java.util.Map<String, V> values,
                                                          java.util.function.BiFunction<String, V, Request<String>> put) {
        List<Request<String>> requests = new ArrayList<>(values.size());
        values.forEach((key, value) -> requests.add(put.apply(key, value)));
        return window.submitAll(requests);
    }

    /** Every SET and its bell through the window, as {@link #putAllFloats}; the caller goes on while they run. */
    @Override
    public CompletableFuture<Void> putAllFloatsAsync(java.util.Map<String, FloatSlice> values) {
        values.keySet().forEach(this::check);
        if (values.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        List<CompletableFuture<String>> puts = submitPuts(values, this::putRequest);
        return reported("put", several(values.keySet()), CompletableFuture.allOf(puts.toArray(new CompletableFuture<?>[0])));
    }

    /**
     * Each value's SET and bell through the window, the first replaced keys UNLINKed in the same
     * write just before the first SET, the next before the second, and so on (the last SET takes
     * any left over): Redis frees a value's memory right before it needs as much for the next.
     */
    @Override
    public CompletableFuture<Void> replaceAllFloatsAsync(List<String> replaced, java.util.Map<String, FloatSlice> values) {
        replaced.forEach(this::check);
        List<String> gone = replaced.stream().filter(key -> !values.containsKey(key)).toList();
        if (values.isEmpty()) {
            return deleteAllAsync(gone);
        }
        values.keySet().forEach(this::check);
        List<Request<String>> requests = new ArrayList<>(values.size());
        int i = 0;
        for (java.util.Map.Entry<String, FloatSlice> value : values.entrySet()) {
            Request<String> put = putRequest(value.getKey(), value.getValue());
            int to = i == values.size() - 1 ? gone.size() : Math.min(i + 1, gone.size());
            requests.add(i < to ? unlinkFirst(gone.subList(i, to), put) : put);
            i++;
        }
        List<CompletableFuture<String>> puts = window.submitAll(requests);
        String keys = several(gone.isEmpty() ? values.keySet() : gone);
        return reported(gone.isEmpty() ? "put" : "replace", keys, CompletableFuture.allOf(puts.toArray(new CompletableFuture<?>[0])));
    }

    /** {@code request} with an UNLINK of {@code keys} and their bells sent before it, answered once both are. */
    private Request<String> unlinkFirst(List<String> keys, Request<String> request) {
        AsyncCommand<String, byte[], Long> unlink = command(CommandType.UNLINK, new IntegerOutput<>(CODEC),
                new CommandArgs<>(CODEC).addKeys(withBells(keys)));
        List<RedisCommand<String, byte[], ?>> commands = new ArrayList<>(1 + request.commands().size());
        commands.add(unlink);
        commands.addAll(request.commands());
        return new Request<>(request.bytes(), commands, request.answer().thenCombine(unlink, (done, count) -> done));
    }

    @Override
    public void deleteAll(java.util.Collection<String> keys) {
        keys.forEach(this::check);
        if (!keys.isEmpty()) {
            call("delete", several(keys), () -> await(connection.async().unlink(withBells(keys))));
        }
    }

    /** One UNLINK, pipelined on the connection; the caller goes on while it runs. */
    @Override
    public CompletableFuture<Void> deleteAllAsync(java.util.Collection<String> keys) {
        keys.forEach(this::check);
        if (keys.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        return reported("delete", several(keys), connection.async().unlink(withBells(keys)).toCompletableFuture());
    }

    @Override
    public Optional<byte[]> get(String key) {
        check(key);
        return Optional.ofNullable(call("get", key, () -> await(window.submit(getRequest(key)))));
    }

    @Override
    public byte[] await(String key, Duration timeout) {
        return awaitAll(List.of(key), timeout).get(0);
    }

    /**
     * Each key's GET held by the server behind a blocked read of its bell, all pipelined on a
     * waiting connection (see {@link #awaitEach}): a key already there costs one round trip, and
     * so does one put later, counted from the put. A wait for K keys sends about K GETs, one more
     * for each key still missing when a block of {@link #RECHECK} ends.
     */
    @Override
    public List<byte[]> awaitAll(List<String> keys, Duration timeout) {
        return awaitEach(keys, timeout, i -> getRequest(keys.get(i)));
    }

    /** As {@link #awaitAll}, each value read straight into its target by {@link FloatsOutput}. */
    @Override
    public int[] awaitFloats(List<String> keys, List<FloatSlice> targets, Duration timeout) {
        return ints(awaitEach(keys, timeout, i -> floatsRequest(keys.get(i), targets.get(i))
                .map(count -> count < 0 ? null : count)));
    }

    /**
     * The waiting of {@link #awaitAll} through {@link Bells}: on a connection of its own, for
     * every missing key, an XREAD that blocks until the key's bell rings and the GET of the key
     * right behind it. The pairs go through a {@link CommandWindow} of the channel's budget, so
     * large values come one after another as on the channel's own connection, each sent from the
     * event loop as the one before is answered. Every block lasts at most {@link #RECHECK}, so a
     * put that rang no bell is still found by the GET behind it. Without the permission to read
     * bells, every missing key is read again after a pause that grows from 1 ms to 50 ms.
     */
    private <T> List<T> awaitEach(List<String> keys, Duration timeout, java.util.function.IntFunction<Request<T>> read) {
        keys.forEach(this::check);
        long deadline = System.nanoTime() + timeout.toNanos();
        @SuppressWarnings("unchecked")
        T[] values = (T[]) new Object[keys.size()];
        String[] after = new String[keys.size()];
        Arrays.fill(after, Bells.START);
        PollingWait.Backoff backoff = POLLING.backoff();
        while (true) {
            List<Integer> missing = new ArrayList<>();
            for (int i = 0; i < values.length; i++) {
                if (values[i] == null) {
                    missing.add(i);
                }
            }
            if (missing.isEmpty()) {
                return Arrays.asList(values);
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new ChannelTimeoutException(store + ": key '" + keys.get(missing.get(0)) + "'"
                        + (missing.size() > 1 ? " (and " + (missing.size() - 1) + " more of " + keys.size() + ")" : "")
                        + " did not appear within " + timeout.toMillis() + " ms");
            }
            if (bellsHeard) {
                // The XREADs block one after another on the waiting connection, so a round of them
                // lasts up to the sum of their blocks: near the deadline they share what is left, or
                // a wait for K keys ended up to K - 1 blocks late (a 1 s wait for 3 parts took 3.1 s).
                long block = Math.max(1, TimeUnit.NANOSECONDS.toMillis(Math.min(left / missing.size(), RECHECK.toNanos())));
                call("get", several(missing.stream().map(keys::get).toList()), () -> {
                    listen(keys, missing, read, block, values, after);
                    return null;
                });
            } else {
                boolean[] toRead = new boolean[values.length];
                Arrays.fill(toRead, true);
                if (fetch(keys, values, toRead, read) > 0) {
                    backoff.sleep(left, store + ": interrupted while waiting");
                }
            }
        }
    }

    /** What one XREAD and GET pair found: the value (null if absent) and the bell's entry ID (null if none came). */
    private record Heard<T>(T value, String id) {
    }

    /** Sends a pair of XREAD and GET for each of the {@code missing} keys on a waiting connection, and records what they found. */
    private <T> void listen(List<String> keys, List<Integer> missing, java.util.function.IntFunction<Request<T>> read,
                            long block, T[] values, String[] after) {
        List<Request<Heard<T>>> pairs = new ArrayList<>(missing.size());
        for (int i : missing) {
            AsyncCommand<String, byte[], String> bell = Bells.listen(CODEC, keys.get(i), block, after[i]);
            Request<T> get = read.apply(i);
            List<RedisCommand<String, byte[], ?>> commands = new ArrayList<>(1 + get.commands().size());
            commands.add(bell);
            commands.addAll(get.commands());
            pairs.add(new Request<>(get.bytes(), commands, get.answer().thenCombine(heard(bell), Heard::new)));
        }
        StatefulRedisConnection<String, byte[]> waiter = waiters.take();
        boolean reusable = false;
        try {
            List<CompletableFuture<Heard<T>>> answers = new CommandWindow(window.budget(), waiter::dispatch).submitAll(pairs);
            long limit = missing.size() * block + settings.options().operationTimeout().toMillis();
            long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(limit);
            for (int c = 0; c < missing.size(); c++) {
                Heard<T> heard = awaitUntil(answers.get(c), end);
                int i = missing.get(c);
                values[i] = heard.value();
                if (heard.value() == null && heard.id() != null) {
                    // rung, but the key is gone again: wait for the next put, not this one
                    after[i] = heard.id();
                }
            }
            reusable = true;
        } finally {
            waiters.release(waiter, reusable);
        }
    }

    /** The ID of the entry a bell gave, or null; null too if the ACL forbids XREAD, and waits poll from then on. */
    private CompletableFuture<String> heard(CompletableFuture<String> bell) {
        return bell.handle((id, failure) -> {
            if (failure == null) {
                return id;
            }
            if (refusal(failure) == null) {
                throw failure instanceof java.util.concurrent.CompletionException c ? c
                        : new java.util.concurrent.CompletionException(failure);
            }
            bellsHeard = false;
            return null;
        });
    }

    /**
     * The wait of {@link Channel#awaitThenGetAsync} through {@link Bells}: on a waiting connection,
     * the XREAD of the key's bell, then the GETs of the key and of {@code thenRead}, pipelined, so
     * the server answers them together the moment the key is put, and the event loop completes the
     * future: nothing holds the caller, which can wait on many stores at once. A block that ends
     * with the key still absent (after {@link #RECHECK}, or a bell rung for a put deleted since)
     * is sent again until the timeout; a server that does not answer within the block and the
     * operation time-out fails the wait, and its connection is closed. Not retried: the caller's
     * loop waits again.
     */
    @Override
    public CompletableFuture<List<byte[]>> awaitThenGetAsync(String key, List<String> thenRead, Duration timeout) {
        check(key);
        thenRead.forEach(this::check);
        if (!bellsHeard) {
            return polled(key, thenRead, timeout);
        }
        return listenThenGet(key, thenRead, Bells.START, System.nanoTime() + timeout.toNanos());
    }

    private CompletableFuture<List<byte[]>> listenThenGet(String key, List<String> thenRead, String after, long deadline) {
        long block = Math.max(1, Math.min(RECHECK.toMillis(), TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        AsyncCommand<String, byte[], String> bell = Bells.listen(CODEC, key, block, after);
        List<RedisCommand<String, byte[], ?>> commands = new ArrayList<>(2 + thenRead.size());
        commands.add(bell);
        List<AsyncCommand<String, byte[], byte[]>> gets = new ArrayList<>(1 + thenRead.size());
        List<String> read = new ArrayList<>(1 + thenRead.size());
        read.add(key);
        read.addAll(thenRead);
        for (String k : read) {
            AsyncCommand<String, byte[], byte[]> get =
                    command(CommandType.GET, new ValueOutput<>(CODEC), new CommandArgs<>(CODEC).addKey(k));
            gets.add(get);
            commands.add(get);
        }
        StatefulRedisConnection<String, byte[]> waiter;
        try {
            waiter = translate("await", key, waiters::take);
        } catch (ChannelException e) {
            return CompletableFuture.failedFuture(e);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(asChannelException("await", key, e));
        }
        waiter.dispatch(commands);
        CompletableFuture<String> heard = heard(bell);
        long limitMillis = block + settings.options().operationTimeout().toMillis();
        CompletableFuture<List<byte[]>> answered = CompletableFuture.allOf(heard, CompletableFuture.allOf(gets.toArray(new CompletableFuture<?>[0])))
                .orTimeout(limitMillis, TimeUnit.MILLISECONDS)
                .handle((done, failure) -> {
                    waiters.release(waiter, failure == null);
                    if (failure != null) {
                        Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                                ? failure.getCause() : failure;
                        throw asChannelException("await", key, cause instanceof TimeoutException
                                ? new RedisCommandTimeoutException("no answer within " + limitMillis + " ms") : cause);
                    }
                    List<byte[]> values = new ArrayList<>(gets.size());
                    gets.forEach(get -> values.add(get.join()));
                    return values;
                });
        return answered.thenCompose(values -> {
            long left = deadline - System.nanoTime();
            if (values.get(0) != null || left <= 0) {
                return CompletableFuture.completedFuture(values);
            }
            if (!bellsHeard) {
                // The ACL refused the XREAD: the rest of the wait polls, on a thread of its own.
                return polled(key, thenRead, Duration.ofNanos(left));
            }
            String next = heard.join() != null ? heard.join() : after;
            // Off the event loop: taking a waiting connection may have to open one, which blocks.
            return CompletableFuture.supplyAsync(() -> listenThenGet(key, thenRead, next, deadline)).thenCompose(f -> f);
        });
    }

    /** {@link Channel#awaitThenGetAsync}'s default: {@link #await}, which polls without bells, on a thread of its own. */
    private CompletableFuture<List<byte[]>> polled(String key, List<String> thenRead, Duration timeout) {
        return Channel.super.awaitThenGetAsync(key, thenRead, timeout);
    }

    /** One GET per key, pipelined on the connection; the caller goes on while they run. */
    @Override
    public CompletableFuture<List<byte[]>> getAllAsync(List<String> keys) {
        return readEach(keys, i -> getRequest(keys.get(i)));
    }

    /** Reads key i with {@code read}, every key at once; the values in key order. */
    private <T> CompletableFuture<List<T>> readEach(List<String> keys, java.util.function.IntFunction<Request<T>> read) {
        keys.forEach(this::check);
        List<Request<T>> requests = new ArrayList<>(keys.size());
        for (int i = 0; i < keys.size(); i++) {
            requests.add(read.apply(i));
        }
        List<CompletableFuture<T>> reads = window.submitAll(requests);
        return CompletableFuture.allOf(reads.toArray(new CompletableFuture<?>[0]))
                .handle((done, failure) -> {
                    if (failure != null) {
                        throw asChannelException("get", keys.isEmpty() ? "" : several(keys), failure);
                    }
                    List<T> values = new ArrayList<>(reads.size());
                    reads.forEach(r -> values.add(r.join()));
                    return values;
                });
    }

    /** SET and its bell pipelined on the connection; the caller goes on while they run. */
    @Override
    public CompletableFuture<Void> putAsync(String key, byte[] value) {
        check(key);
        return reported("put", key, window.submit(putRequest(key, value, null, 0)));
    }

    /** SET of floats written straight into the connection's buffer, and its bell, pipelined. */
    @Override
    public CompletableFuture<Void> putFloatsAsync(String key, FloatSlice slice) {
        check(key);
        return reported("put", key, window.submit(putRequest(key, slice)));
    }

    /** Completes when {@code request} does; its failure as the synchronous call would report it. */
    private CompletableFuture<Void> reported(String operation, String key, CompletableFuture<?> request) {
        return request.handle((done, failure) -> {
            if (failure != null) {
                throw asChannelException(operation, key, failure);
            }
            return null;
        });
    }

    /** One GET per key, each reply decoded straight into its target; see {@link FloatsOutput}. */
    @Override
    public CompletableFuture<int[]> readFloatsAsync(List<String> keys, List<FloatSlice> targets) {
        return readEach(keys, i -> floatsRequest(keys.get(i), targets.get(i))).thenApply(RedisChannel::ints);
    }

    private static int[] ints(List<Integer> values) {
        return values.stream().mapToInt(Integer::intValue).toArray();
    }

    /** A GET whose reply {@link FloatsOutput} decodes into {@code target}: the count, or -1 if absent. */
    private Request<Integer> floatsRequest(String key, FloatSlice target) {
        FloatsOutput output = new FloatsOutput(CODEC, target);
        AsyncCommand<String, byte[], Integer> get = command(CommandType.GET, output, new CommandArgs<>(CODEC).addKey(key));
        return new Request<>(lastReadBytes, List.<RedisCommand<String, byte[], ?>>of(get), get.thenApply(done -> {
            int count = output.count();
            if (count >= 0) {
                lastReadBytes = FloatCodec.plainSize(count);
            }
            return count;
        }));
    }

    /** A GET, counted in the window as large as the last value read. */
    private Request<byte[]> getRequest(String key) {
        AsyncCommand<String, byte[], byte[]> get =
                command(CommandType.GET, new ValueOutput<>(CODEC), new CommandArgs<>(CODEC).addKey(key));
        return new Request<>(lastReadBytes, List.<RedisCommand<String, byte[], ?>>of(get), get.thenApply(value -> {
            if (value != null) {
                lastReadBytes = value.length;
            }
            return value;
        }));
    }

    /**
     * A SET (with {@code args}, if any) and the ring of its bell that wakes waiters, written
     * together; the bell expires after {@code bellTtlMillis} if positive, as the value does.
     */
    private Request<String> putRequest(String key, byte[] value, SetArgs args, long bellTtlMillis) {
        CommandArgs<String, byte[]> setArgs = new CommandArgs<>(CODEC).addKey(key).addValue(value);
        if (args != null) {
            args.build(setArgs);
        }
        return putRequest(key, value.length, setArgs, bellTtlMillis);
    }

    /** As above, for a SET of a slice of floats written straight into the connection's buffer. */
    private Request<String> putRequest(String key, FloatSlice slice) {
        if (slice.lz4()) {
            return putRequest(key, slice.encode(), null, 0);
        }
        return putRequest(key, FloatCodec.plainSize(slice.count()), new FloatSliceArgs(CODEC, key, slice), 0);
    }

    /** Completes with the SET's answer once the bell (and its expiry) are answered too. */
    private Request<String> putRequest(String key, long bytes, CommandArgs<String, byte[]> setArgs, long bellTtlMillis) {
        AsyncCommand<String, byte[], String> set = command(CommandType.SET, new StatusOutput<>(CODEC), setArgs);
        AsyncCommand<String, byte[], byte[]> ring = Bells.ring(CODEC, key);
        CompletableFuture<String> answer = set.thenCombine(ring, (done, id) -> done);
        if (bellTtlMillis <= 0) {
            return new Request<>(bytes, List.<RedisCommand<String, byte[], ?>>of(set, ring), answer);
        }
        AsyncCommand<String, byte[], Boolean> expire = Bells.expire(CODEC, key, bellTtlMillis);
        return new Request<>(bytes, List.<RedisCommand<String, byte[], ?>>of(set, ring, expire),
                answer.thenCombine(expire, (done, expired) -> done));
    }

    private static <T> AsyncCommand<String, byte[], T> command(CommandType type, CommandOutput<String, byte[], T> output,
                                                               CommandArgs<String, byte[]> args) {
        return new AsyncCommand<>(new Command<>(type, output, args));
    }

    /** A failure of an asynchronous request as the synchronous one would have reported it. */
    private ChannelException asChannelException(String operation, String key, Throwable failure) {
        Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        try {
            translate(operation, key, () -> {
                if (cause instanceof RuntimeException runtime) {
                    throw runtime;
                }
                throw new RedisException(cause);
            });
        } catch (ChannelException e) {
            return e;
        } catch (RuntimeException e) {
            return new ChannelException(store + ": " + operation + " '" + key + "' failed: " + e.getMessage(), e);
        }
        return new ChannelException(store + ": " + operation + " '" + key + "' failed", cause);
    }

    /**
     * Reads every key whose value is still null in {@code values} and that is marked in
     * {@code toRead}, one GET per key, pipelined (one MGET for all would make Redis build and
     * Lettuce decode a single reply of every value, which for 5 MB shards of 8 workers ran at half
     * the speed); returns how many values are still missing.
     */
    private <T> int fetch(List<String> keys, T[] values, boolean[] toRead,
                          java.util.function.IntFunction<Request<T>> read) {
        List<Integer> wanted = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            if (values[i] == null && toRead[i]) {
                wanted.add(i);
            }
        }
        List<T> found = wanted.isEmpty() ? List.of() : call("get", several(wanted.stream().map(keys::get).toList()), () -> {
            List<Request<T>> requests = new ArrayList<>(wanted.size());
            for (int i : wanted) {
                requests.add(read.apply(i));
            }
            List<T> got = new ArrayList<>(requests.size());
            for (CompletableFuture<T> future : window.submitAll(requests)) {
                got.add(await(future));
            }
            return got;
        });
        int missing = 0;
        int next = 0;
        for (int i = 0; i < values.length; i++) {
            if (values[i] == null && toRead[i]) {
                values[i] = found.get(next++);
            }
            if (values[i] == null) {
                missing++;
            }
        }
        return missing;
    }

    @Override
    public void delete(String key) {
        check(key);
        call("delete", key, () -> await(connection.async().unlink(withBells(List.of(key)))));
    }

    @Override
    public List<String> list(String prefix) {
        return call("list", prefix, () -> {
            List<String> keys = new ArrayList<>();
            ScanArgs match = ScanArgs.Builder.matches(glob(prefix) + "*").limit(1000);
            KeyScanCursor<String> cursor = await(connection.async().scan(match));
            keys.addAll(cursor.getKeys());
            while (!cursor.isFinished()) {
                cursor = await(connection.async().scan(ScanCursor.of(cursor.getCursor()), match));
                keys.addAll(cursor.getKeys());
            }
            return keys.stream().filter(k -> !Bells.isBell(k)).distinct().toList();
        });
    }

    @Override
    public long increment(String key, long delta) {
        check(key);
        return call("increment", key, () -> {
            RedisFuture<Long> added = connection.async().incrby(key, delta);
            AsyncCommand<String, byte[], byte[]> ring = Bells.ring(CODEC, key);
            connection.dispatch(ring);
            Long value = await(added);
            await(ring);
            return value;
        });
    }

    @Override
    public String describe() {
        return store;
    }

    /** Whether waits are woken by the server (false once the ACL refused to read bells, and waits poll instead). */
    public boolean notificationsEnabled() {
        return bellsHeard;
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        waiters.close();
        connection.close();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        SharedResources.release();
    }

    private <T> T call(String operation, String key, java.util.function.Supplier<T> request) {
        return retry.call(operation, key, () -> translate(operation, key, request));
    }

    /** Maps Lettuce's errors to the channel's: access refusals and wrong types are not retried. */
    <T> T translate(String operation, String key, java.util.function.Supplier<T> request) {
        try {
            return request.get();
        } catch (RedisException e) {
            String refusal = refusal(e);
            String what = operation + (key == null ? "" : " '" + key + "'");
            if (refusal != null) {
                throw new ChannelAccessException(store + ": " + what + " refused: " + refusal, e);
            }
            if (e instanceof RedisCommandExecutionException && String.valueOf(e.getMessage()).contains("not an integer")) {
                throw new CorruptValueException(store + ": key '" + key + "' holds a value that is not a counter "
                        + "(expected a decimal integer): " + e.getMessage(), e);
            }
            if (e instanceof RedisCommandExecutionException && String.valueOf(e.getMessage()).startsWith("WRONGTYPE")) {
                throw new CorruptValueException(store + ": key '" + key + "' is not a Redis string: " + e.getMessage(), e);
            }
            throw e;
        }
    }

    static String refusal(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String message = t.getMessage();
            if (message != null && (message.startsWith("WRONGPASS") || message.startsWith("NOAUTH")
                    || message.startsWith("NOPERM") || message.contains("WRONGPASS") || message.contains("NOAUTH"))) {
                return message;
            }
        }
        return null;
    }

    static boolean retryable(Throwable e) {
        if (refusal(e) != null) {
            return false;
        }
        return e instanceof RedisConnectionException || e instanceof RedisCommandTimeoutException
                || (e instanceof RedisException && !(e instanceof RedisCommandExecutionException))
                || e.getCause() instanceof IOException;
    }

    private <T> T await(java.util.concurrent.Future<T> future) {
        return awaitUntil(future, System.nanoTime() + settings.options().operationTimeout().toNanos());
    }

    /** The future's value, waited for until {@code end} (a {@link System#nanoTime} instant); Lettuce's failures as thrown by its synchronous API. */
    private <T> T awaitUntil(java.util.concurrent.Future<T> future, long end) {
        long left = end - System.nanoTime();
        try {
            return future.get(Math.max(0, left), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new RedisCommandTimeoutException("no answer within " + TimeUnit.NANOSECONDS.toMillis(left) + " ms");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RedisException re) {
                throw re;
            }
            if (e.getCause() instanceof ChannelException ce) {
                // Found by the channel itself, such as a value that is not a float vector: final, not retried.
                throw ce;
            }
            throw new RedisException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChannelException(store + ": interrupted", e);
        }
    }

    /** The keys and their bells, deleted together. */
    private static String[] withBells(java.util.Collection<String> keys) {
        List<String> all = new ArrayList<>(2 * keys.size());
        all.addAll(keys);
        keys.forEach(k -> all.add(Bells.of(k)));
        return all.toArray(new String[0]);
    }

    private static String several(java.util.Collection<String> keys) {
        String first = keys.iterator().next();
        return keys.size() == 1 ? first : first + " (and " + (keys.size() - 1) + " more)";
    }

    private static String glob(String prefix) {
        StringBuilder out = new StringBuilder(prefix.length() + 4);
        for (char c : prefix.toCharArray()) {
            if (c == '*' || c == '?' || c == '[' || c == ']' || c == '\\') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    private void check(String key) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException(store + ": key must be a non-empty string, got " + key);
        }
    }

    private static RedisURI uri(RedisSettings settings) {
        RedisURI.Builder builder = RedisURI.builder()
                .withHost(settings.host())
                .withPort(settings.port())
                .withDatabase(settings.database())
                .withSsl(settings.tls())
                .withVerifyPeer(settings.verifyPeer())
                .withTimeout(settings.options().operationTimeout());
        if (settings.password() != null) {
            if (settings.user() != null) {
                builder.withAuthentication(settings.user(), settings.password());
            } else {
                builder.withPassword(settings.password().toCharArray());
            }
        }
        return builder.build();
    }

    private static ClientOptions clientOptions(RedisSettings settings) {
        Duration timeout = settings.options().operationTimeout();
        ClientOptions.Builder builder = ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(SocketOptions.builder().connectTimeout(timeout).keepAlive(true).build())
                .timeoutOptions(TimeoutOptions.enabled(timeout));
        if (settings.tls() && settings.caCertificate() != null) {
            builder.sslOptions(SslOptions.builder().jdkSslProvider().trustManager(settings.caCertificate().toFile()).build());
        }
        return builder.build();
    }
}
