package dev.cumulus.channel.file;

import dev.cumulus.channel.Channel;
import dev.cumulus.channel.ChannelException;
import dev.cumulus.channel.CorruptValueException;
import dev.cumulus.channel.CounterValue;
import dev.cumulus.channel.PollingWait;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A channel kept as files in one directory, shared by workers that are processes of one machine (or
 * of machines that mount the same directory).
 *
 * <p>One file per key, named by percent-encoding the key. Every file is written to a temporary
 * name and renamed into place, so a reader sees the old value or the new one, never a partial one.
 * A file starts with an 8-byte big-endian expiry time (epoch milliseconds, 0 = never). Counters
 * are updated under an OS file lock, so processes sharing the directory increment atomically.
 */
public final class DirectoryChannel implements Channel {
    private static final int HEADER_BYTES = 8;
    private static final String TEMP_PREFIX = ".tmp-";
    private static final String LOCK_PREFIX = ".lock-";
    private static final int MAX_NAME_BYTES = 240;

    private final Path directory;
    private final PollingWait polling = new PollingWait(Duration.ofMillis(10));
    private final Object[] jvmLocks = new Object[64];

    /** A channel over {@code directory}, created if missing. */
    public DirectoryChannel(Path directory) {
        this.directory = directory.toAbsolutePath().normalize();
        for (int i = 0; i < jvmLocks.length; i++) {
            jvmLocks[i] = new Object();
        }
        try {
            Files.createDirectories(this.directory);
        } catch (IOException e) {
            throw new ChannelException("file:" + this.directory + ": cannot create the channel directory: " + e, e);
        }
        if (!Files.isWritable(this.directory)) {
            throw new ChannelException("file:" + this.directory + ": the channel directory is not writable");
        }
    }

    @Override
    public void put(String key, byte[] value) {
        write(key, value, 0);
    }

    @Override
    public void put(String key, byte[] value, Duration ttl) {
        if (ttl == null || ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl must be positive, got " + ttl);
        }
        write(key, value, System.currentTimeMillis() + ttl.toMillis());
    }

    @Override
    public boolean putIfAbsent(String key, byte[] value) {
        Path target = fileOf(key);
        Path temp = writeTemp(key, value, 0);
        try {
            for (int attempt = 0; attempt < 3; attempt++) {
                try {
                    Files.createLink(target, temp);
                    return true;
                } catch (FileAlreadyExistsException e) {
                    if (read(key).isPresent()) {
                        return false;
                    }
                    // an expired file is in the way: remove it and try again
                    Files.deleteIfExists(target);
                }
            }
            return false;
        } catch (IOException e) {
            throw failure("putIfAbsent", key, e);
        } finally {
            deleteQuietly(temp);
        }
    }

    @Override
    public Optional<byte[]> get(String key) {
        return read(key);
    }

    @Override
    public byte[] await(String key, Duration timeout) {
        fileOf(key);
        return polling.await(describe(), key, timeout, () -> read(key));
    }

    @Override
    public void delete(String key) {
        try {
            Files.deleteIfExists(fileOf(key));
        } catch (IOException e) {
            throw failure("delete", key, e);
        }
    }

    @Override
    public List<String> list(String prefix) {
        List<String> keys = new ArrayList<>();
        long now = System.currentTimeMillis();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (name.startsWith(".")) {
                    continue;
                }
                String key = KeyNames.decode(name);
                if (key.startsWith(prefix) && !expired(file, now)) {
                    keys.add(key);
                }
            }
        } catch (IOException e) {
            throw failure("list", prefix, e);
        }
        return keys;
    }

    @Override
    public long increment(String key, long delta) {
        Path lockFile = directory.resolve(LOCK_PREFIX + KeyNames.encode(key));
        synchronized (jvmLocks[Math.floorMod(key.hashCode(), jvmLocks.length)]) {
            try (FileChannel lockChannel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                FileLock lock = lockChannel.lock();
                try {
                    long current = read(key).map(b -> CounterValue.decode(describe(), key, b)).orElse(0L);
                    long next = current + delta;
                    write(key, CounterValue.encode(next), 0);
                    return next;
                } finally {
                    lock.release();
                }
            } catch (IOException e) {
                throw failure("increment", key, e);
            }
        }
    }

    @Override
    public String describe() {
        return "file:" + directory;
    }

    @Override
    public void close() {
        // nothing held open between calls
    }

    private void write(String key, byte[] value, long expiresAtMillis) {
        Path target = fileOf(key);
        Path temp = writeTemp(key, value, expiresAtMillis);
        try {
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            deleteQuietly(temp);
            throw failure("put", key, e);
        }
    }

    private Path writeTemp(String key, byte[] value, long expiresAtMillis) {
        Path temp = directory.resolve(TEMP_PREFIX + UUID.randomUUID());
        try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES).putLong(expiresAtMillis).flip();
            ByteBuffer body = ByteBuffer.wrap(value);
            while (header.hasRemaining() || body.hasRemaining()) {
                out.write(new ByteBuffer[] {header, body});
            }
            return temp;
        } catch (IOException e) {
            deleteQuietly(temp);
            throw failure("put", key, e);
        }
    }

    private Optional<byte[]> read(String key) {
        Path file = fileOf(key);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw failure("get", key, e);
        }
        if (bytes.length < HEADER_BYTES) {
            throw new CorruptValueException(describe() + ": file " + file + " for key '" + key + "' has "
                    + bytes.length + " bytes, shorter than its " + HEADER_BYTES + "-byte header");
        }
        long expiresAt = ByteBuffer.wrap(bytes, 0, HEADER_BYTES).getLong();
        if (expiresAt != 0 && expiresAt <= System.currentTimeMillis()) {
            return Optional.empty();
        }
        byte[] value = new byte[bytes.length - HEADER_BYTES];
        System.arraycopy(bytes, HEADER_BYTES, value, 0, value.length);
        return Optional.of(value);
    }

    private static boolean expired(Path file, long now) {
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
            while (header.hasRemaining() && in.read(header) >= 0) {
                // read the whole header
            }
            header.flip();
            if (header.remaining() < HEADER_BYTES) {
                return false;
            }
            long at = header.getLong();
            return at != 0 && at <= now;
        } catch (NoSuchFileException e) {
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path fileOf(String key) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException(describe() + ": key must be a non-empty string, got " + key);
        }
        String name = KeyNames.encode(key);
        if (name.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
            throw new IllegalArgumentException(describe() + ": key '" + key + "' is too long for a file name ("
                    + name.length() + " bytes encoded, at most " + MAX_NAME_BYTES + ")");
        }
        return directory.resolve(name);
    }

    private ChannelException failure(String operation, String key, IOException e) {
        return new ChannelException(describe() + ": " + operation + " '" + key + "' failed: " + e, e);
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a stray temporary file is harmless: names starting with '.' are never listed
        }
    }
}
