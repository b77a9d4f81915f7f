package dev.cumulus.channel.s3;

import dev.cumulus.channel.Channel;
import dev.cumulus.channel.ChannelAccessException;
import dev.cumulus.channel.ChannelException;
import dev.cumulus.channel.CounterValue;
import dev.cumulus.channel.PollingWait;
import dev.cumulus.channel.Retry;
import dev.cumulus.channel.aws.AwsClients;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A channel on S3 or any S3-compatible object store, through the AWS SDK v2.
 *
 * <p>One object per key under the bucket's prefix; S3 takes objects far larger than any vector,
 * so values are not split, and a PUT replaces an object atomically. Put-if-absent and increment
 * use S3's conditional writes ({@code If-None-Match: *}, {@code If-Match: ETAG}). S3 cannot
 * notify, so a waiting worker reads the key with a backoff from 1 ms up to {@code pollMillis}
 * (50 ms by default; LambdaML polled every 100 ms). A time to live is kept in the object's
 * metadata and honoured on read (an expired object stays until replaced, which put-if-absent
 * and increment do with If-Match on its ETag); a marker under {@code ~ttl/KEY} lets {@link #list}
 * skip expired objects without reading every object's metadata (a marker whose object is gone is
 * removed by the next listing).
 *
 * <p>A conditional PUT that is stored but whose response is lost is resent by the channel, and the
 * resend is refused by that very write; each conditional PUT therefore carries a token in the
 * object's metadata ({@link WriteHistory}), by which the caller recognises its own write.
 */
public final class S3Channel implements Channel {
    private static final String EXPIRES = "cumulus-expires-at";
    private static final String TTL_MARKERS = "~ttl/";

    private final S3Settings settings;
    private final String store;
    private final Retry retry;
    private final S3Client s3;
    private final PollingWait polling;
    private final boolean conditionalWrites;

    /** Connects, and creates the bucket when it is missing and the settings allow it. */
    public S3Channel(S3Settings settings) {
        this.settings = settings;
        this.store = settings.describe();
        this.retry = new Retry(store, settings.options(), S3Channel::retryable);
        this.polling = new PollingWait(settings.maxPollWait());
        this.s3 = client(settings);
        try {
            ensureBucket();
            this.conditionalWrites = probeConditionalWrites();
        } catch (RuntimeException e) {
            s3.close();
            throw e;
        }
    }

    /**
     * Whether the store honours {@code If-None-Match: *} on PUT (AWS S3 since 2024, MinIO do;
     * S3Proxy 2.6 does not): written twice under a fresh name, the second write must be refused.
     */
    private boolean probeConditionalWrites() {
        String probe = settings.keyPrefix() + "~probe/" + java.util.UUID.randomUUID();
        byte[] empty = new byte[0];
        try {
            conditionalPut("probe conditional writes", probe, probe, empty, Optional.empty());
            return !conditionalPut("probe conditional writes", probe, probe, empty, Optional.empty());
        } finally {
            call("probe conditional writes", probe, () -> s3.deleteObject(b -> b.bucket(settings.bucket()).key(probe)));
        }
    }

    /**
     * Whether {@link #putIfAbsent} and {@link #increment} are available: they need a store that
     * honours S3 conditional writes, and fail with a {@link ChannelException} saying so otherwise.
     */
    public boolean supportsConditionalWrites() {
        return conditionalWrites;
    }

    private void requireConditionalWrites(String operation, String key) {
        if (!conditionalWrites) {
            throw new ChannelException(store + ": " + operation + " '" + key + "' needs conditional writes "
                    + "(If-None-Match / If-Match on PUT), which this S3-compatible store ignores; "
                    + "use AWS S3, MinIO, or another channel for atomic operations");
        }
    }

    private static S3Client client(S3Settings settings) {
        S3ClientBuilder builder = S3Client.builder()
                .forcePathStyle(settings.pathStyle())
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        return AwsClients.configure(builder, settings.region(), settings.endpoint(), settings.accessKey(),
                settings.secretKey(), settings.options().operationTimeout()).build();
    }

    private void ensureBucket() {
        retry.run("open bucket", settings.bucket(), () -> translate("open bucket", settings.bucket(), () -> {
            try {
                s3.headBucket(b -> b.bucket(settings.bucket()));
            } catch (S3Exception e) {
                if (e.statusCode() != 404) {
                    throw e;
                }
                if (!settings.createBucket()) {
                    throw new ChannelException(store + ": bucket '" + settings.bucket()
                            + "' does not exist (createBucket=false)");
                }
                s3.createBucket(b -> b.bucket(settings.bucket()));
            }
            return null;
        }));
    }

    @Override
    public void put(String key, byte[] value) {
        String name = objectOf(key);
        call("put", key, () -> s3.putObject(b -> b.bucket(settings.bucket()).key(name), RequestBody.fromBytes(value)));
    }

    @Override
    public void put(String key, byte[] value, Duration ttl) {
        if (ttl == null || ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl must be positive, got " + ttl);
        }
        String name = objectOf(key);
        Map<String, String> metadata = Map.of(EXPIRES, Long.toString(System.currentTimeMillis() + ttl.toMillis()));
        call("put", key, () -> s3.putObject(b -> b.bucket(settings.bucket()).key(settings.keyPrefix() + TTL_MARKERS + key),
                RequestBody.empty()));
        call("put", key, () -> s3.putObject(b -> b.bucket(settings.bucket()).key(name).metadata(metadata),
                RequestBody.fromBytes(value)));
    }

    @Override
    public boolean putIfAbsent(String key, byte[] value) {
        String name = objectOf(key);
        requireConditionalWrites("putIfAbsent", key);
        for (int attempt = 0; attempt < 3; attempt++) {
            if (conditionalPut("putIfAbsent", key, name, value, Optional.empty())) {
                return true;
            }
            Optional<ResponseBytes<GetObjectResponse>> current = readIncludingExpired(key);
            if (current.isEmpty()) {
                continue; // deleted since: try again
            }
            if (!expired(current.get().response().metadata())) {
                return false;
            }
            // An expired object is in the way: replace that very object (If-Match) rather than delete
            // whatever is there, which may by now be another caller's winning value.
            if (conditionalPut("putIfAbsent", key, name, value, Optional.of(current.get().response()))) {
                return true;
            }
        }
        return false;
    }

    /**
     * One compare-and-swap: PUT {@code value} as object {@code name} if it is absent
     * ({@code replacing} empty: If-None-Match) or still the object read ({@code replacing}: If-Match
     * on its ETag). False when the precondition does not hold: 412 Precondition Failed, 409
     * ConditionalRequestConflict (a concurrent write), or 404 NoSuchKey (If-Match on an object
     * deleted since it was read).
     *
     * <p>The request is resent when it fails on the way (see {@link #call}), and a resend of a PUT
     * that was stored but whose response was lost is refused by its own write. So the PUT carries a
     * fresh token in the object's {@link WriteHistory}, and a resend that is refused reads the
     * history now stored to tell whether its earlier attempt was applied. The token belongs to this
     * one compare-and-swap and its resends only: a caller that lost the race reads the object again
     * and tries anew with a new token, so that no attempt takes another's write for its own.
     */
    private boolean conditionalPut(String operation, String key, String name, byte[] value,
            Optional<GetObjectResponse> replacing) {
        String token = WriteHistory.newToken();
        WriteHistory replaced = replacing.map(r -> WriteHistory.of(r.metadata())).orElse(WriteHistory.NONE);
        Map<String, String> metadata = Map.of(WriteHistory.METADATA, replaced.then(token).encode());
        AtomicBoolean sentBefore = new AtomicBoolean();
        PutOutcome outcome = call(operation, key, () -> {
            boolean resend = sentBefore.getAndSet(true);
            try {
                s3.putObject(b -> {
                    b.bucket(settings.bucket()).key(name).metadata(metadata);
                    replacing.ifPresentOrElse(r -> b.ifMatch(r.eTag()), () -> b.ifNoneMatch("*"));
                }, RequestBody.fromBytes(value));
                return PutOutcome.STORED;
            } catch (S3Exception e) {
                if (e.statusCode() == 412 || e.statusCode() == 409 || "NoSuchKey".equals(code(e))) {
                    // a first attempt's token was never sent, so only a resend can meet its own write
                    return resend ? PutOutcome.REFUSED_WHEN_RESENT : PutOutcome.REFUSED;
                }
                throw e;
            }
        });
        return switch (outcome) {
            case STORED -> true;
            case REFUSED -> false;
            case REFUSED_WHEN_RESENT -> appliedBefore(operation, key, name, token, replaced.newest());
        };
    }

    private enum PutOutcome { STORED, REFUSED, REFUSED_WHEN_RESENT }

    /**
     * Whether the history of the object now stored holds the write of {@code token}, which replaced
     * (or would have) the object whose newest token was {@code replacedToken}; see {@link WriteHistory}.
     */
    private boolean appliedBefore(String operation, String key, String name, String token, Optional<String> replacedToken) {
        Optional<WriteHistory> stored = call(operation, key, () -> {
            try {
                return Optional.of(WriteHistory.of(s3.headObject(b -> b.bucket(settings.bucket()).key(name)).metadata()));
            } catch (S3Exception e) {
                if (e.statusCode() == 404 && !"NoSuchBucket".equals(code(e))) {
                    return Optional.empty();
                }
                throw e;
            }
        });
        if (stored.isEmpty()) {
            return false; // deleted since: had the write been applied, it went with the object
        }
        return switch (stored.get().outcomeOf(token, replacedToken)) {
            case APPLIED -> true;
            case NOT_APPLIED -> false;
            case UNKNOWN -> throw new ChannelException(store + ": " + operation + " '" + key + "': a resent conditional "
                    + "write was refused and " + WriteHistory.LENGTH + " or more writes have replaced the object since, "
                    + "so whether its first attempt was applied is unknown");
        };
    }

    @Override
    public Optional<byte[]> get(String key) {
        return read(key).map(ResponseBytes::asByteArray);
    }

    private Optional<ResponseBytes<GetObjectResponse>> read(String key) {
        return readIncludingExpired(key).filter(object -> !expired(object.response().metadata()));
    }

    /** The object of {@code key} even when its time to live has passed (S3 keeps it until it is replaced). */
    private Optional<ResponseBytes<GetObjectResponse>> readIncludingExpired(String key) {
        String name = objectOf(key);
        return call("get", key, () -> {
            try {
                return Optional.of(s3.getObjectAsBytes(b -> b.bucket(settings.bucket()).key(name)));
            } catch (S3Exception e) {
                if (e.statusCode() == 404 && !"NoSuchBucket".equals(code(e))) {
                    return Optional.empty();
                }
                throw e;
            }
        });
    }

    @Override
    public byte[] await(String key, Duration timeout) {
        objectOf(key);
        return polling.await(store, key, timeout, () -> get(key));
    }

    @Override
    public void delete(String key) {
        String name = objectOf(key);
        call("delete", key, () -> s3.deleteObject(b -> b.bucket(settings.bucket()).key(name)));
    }

    @Override
    public List<String> list(String prefix) {
        List<String> keys = new ArrayList<>();
        for (String name : listObjects(settings.keyPrefix() + prefix)) {
            String key = name.substring(settings.keyPrefix().length());
            if (!key.startsWith(TTL_MARKERS)) {
                keys.add(key);
            }
        }
        List<String> withTtl = listObjects(settings.keyPrefix() + TTL_MARKERS + prefix);
        if (!withTtl.isEmpty()) {
            java.util.Set<String> live = new java.util.HashSet<>(keys);
            for (String marker : withTtl) {
                String key = marker.substring((settings.keyPrefix() + TTL_MARKERS).length());
                if (!live.contains(key)) {
                    // the object was deleted: its marker is stale
                    call("list", key, () -> s3.deleteObject(b -> b.bucket(settings.bucket()).key(marker)));
                } else if (headExpired(key)) {
                    keys.remove(key);
                }
            }
        }
        return keys;
    }

    private List<String> listObjects(String prefix) {
        return call("list", prefix, () -> {
            List<String> names = new ArrayList<>();
            ListObjectsV2Request.Builder request = ListObjectsV2Request.builder().bucket(settings.bucket()).prefix(prefix);
            while (true) {
                ListObjectsV2Response page = s3.listObjectsV2(request.build());
                for (S3Object object : page.contents()) {
                    names.add(object.key());
                }
                if (!Boolean.TRUE.equals(page.isTruncated())) {
                    return names;
                }
                request.continuationToken(page.nextContinuationToken());
            }
        });
    }

    private boolean headExpired(String key) {
        String name = objectOf(key);
        return call("list", key, () -> {
            try {
                HeadObjectResponse head = s3.headObject(b -> b.bucket(settings.bucket()).key(name));
                return expired(head.metadata());
            } catch (S3Exception e) {
                if (e.statusCode() == 404) {
                    return true;
                }
                throw e;
            }
        });
    }

    @Override
    public long increment(String key, long delta) {
        String name = objectOf(key);
        requireConditionalWrites("increment", key);
        for (int attempt = 0; attempt < 1000; attempt++) {
            // An expired counter counts as absent (0) but is still there, so it is replaced with If-Match:
            // If-None-Match would fail against it for ever.
            Optional<ResponseBytes<GetObjectResponse>> current = readIncludingExpired(key);
            long next = delta + current.filter(o -> !expired(o.response().metadata()))
                    .map(o -> CounterValue.decode(store, key, o.asByteArray())).orElse(0L);
            byte[] bytes = CounterValue.encode(next);
            if (conditionalPut("increment", key, name, bytes, current.map(ResponseBytes::response))) {
                return next;
            }
        }
        throw new ChannelException(store + ": increment '" + key + "' lost 1000 conditional-write races in a row");
    }

    @Override
    public String describe() {
        return store;
    }

    @Override
    public void close() {
        s3.close();
    }

    private static boolean expired(Map<String, String> metadata) {
        String at = metadata == null ? null : metadata.get(EXPIRES);
        if (at == null) {
            return false;
        }
        try {
            return Long.parseLong(at) <= System.currentTimeMillis();
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private String objectOf(String key) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException(store + ": key must be a non-empty string, got " + key);
        }
        if (key.startsWith("~")) {
            throw new IllegalArgumentException(store + ": key '" + key + "' starts with '~', which is reserved");
        }
        return settings.keyPrefix() + key;
    }

    private <T> T call(String operation, String key, java.util.function.Supplier<T> request) {
        return retry.call(operation, key, () -> translate(operation, key, request));
    }

    private <T> T translate(String operation, String key, java.util.function.Supplier<T> request) {
        try {
            return request.get();
        } catch (S3Exception e) {
            if (e.statusCode() == 403 || "InvalidAccessKeyId".equals(code(e)) || "SignatureDoesNotMatch".equals(code(e))) {
                throw new ChannelAccessException(store + ": " + operation + " '" + key + "' refused ("
                        + e.statusCode() + " " + code(e) + "): check the access key, secret key and bucket policy", e);
            }
            if ("NoSuchBucket".equals(code(e))) {
                throw new ChannelException(store + ": bucket '" + settings.bucket() + "' does not exist", e);
            }
            throw e;
        }
    }

    private static String code(S3Exception e) {
        return e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
    }

    private static boolean retryable(Throwable e) {
        if (e instanceof S3Exception s3) {
            return s3.statusCode() >= 500 || s3.statusCode() == 429;
        }
        return e instanceof SdkClientException || (e instanceof SdkException && !(e instanceof S3Exception));
    }
}
