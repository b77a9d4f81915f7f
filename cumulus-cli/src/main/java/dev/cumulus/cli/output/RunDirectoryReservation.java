package dev.cumulus.cli.output;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A run directory claimed for one run before the run reads any data: it exists, is a writable
 * directory, holds no earlier run (unless forced), and no other run holds it. The claim is an
 * exclusive lock on a lock file inside the directory, held until {@link #close}; the operating
 * system drops it if the process dies, so a crashed run leaves no stale claim.
 */
public final class RunDirectoryReservation implements AutoCloseable {
    /** The lock file, hidden; removed when the reservation is closed. */
    public static final String LOCK_FILE = ".cumulus-run.lock";

    private final Path dir;
    private final boolean created;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private RunDirectoryReservation(Path dir, boolean created, FileChannel lockChannel, FileLock lock) {
        this.dir = dir;
        this.created = created;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /**
     * Claims {@code dir}, creating it if missing.
     *
     * @param force write into a directory that already holds files (never into one another run holds)
     * @throws UnusableRunDirectoryException saying which path is unusable and why
     */
    public static RunDirectoryReservation reserve(Path dir, boolean force) {
        boolean created = create(dir);
        Path lockFile = dir.resolve(LOCK_FILE);
        FileChannel channel;
        try {
            channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UnusableRunDirectoryException(dir, "cannot create a file in it (" + reason(e) + ")");
        }
        FileLock lock = tryLock(channel, lockFile);
        if (lock == null) {
            close(channel);
            throw new UnusableRunDirectoryException(dir, "another run is writing into it");
        }
        RunDirectoryReservation reservation = new RunDirectoryReservation(dir, created, channel, lock);
        try {
            if (!force && holdsFiles(dir)) {
                throw new UnusableRunDirectoryException(dir, (Files.exists(dir.resolve("run.json"))
                        ? "it holds an earlier run" : "it is not empty")
                        + "; choose another --out, or add --force to write into it");
            }
        } catch (RuntimeException e) {
            reservation.close();
            throw e;
        }
        return reservation;
    }

    public Path path() {
        return dir;
    }

    /** What writes a run's files into a directory. */
    @FunctionalInterface
    public interface Contents {
        void writeTo(Path dir) throws IOException;
    }

    /**
     * Where a run's files went.
     *
     * @param path    the directory holding them
     * @param problem why the reserved directory could not hold them, or null when it does
     */
    public record Written(Path path, String problem) {
        public boolean fellBack() {
            return problem != null;
        }
    }

    /**
     * Writes {@code contents} into this directory; if that fails (the disk filled up, the directory
     * was removed), into a new private directory under the system temporary directory, so that a
     * finished run is not lost.
     *
     * @throws IOException when the fallback cannot be written either, naming both places
     */
    public Written write(Contents contents) throws IOException {
        try {
            contents.writeTo(dir);
            return new Written(dir, null);
        } catch (IOException | UncheckedIOException e) {
            String problem = reason(e instanceof UncheckedIOException u ? u.getCause() : (IOException) e);
            Path fallback = Files.createTempDirectory("cumulus-run-");
            try (RunDirectoryReservation reservation = reserve(fallback, false)) {
                contents.writeTo(fallback);
            } catch (IOException | RuntimeException again) {
                IOException failure = new IOException("cannot write run directory " + dir + " (" + problem
                        + "), nor the fallback " + fallback + " (" + again.getMessage() + ")", again);
                failure.addSuppressed(e);
                throw failure;
            }
            return new Written(fallback, problem);
        }
    }

    /** Releases the claim; a directory this reservation created and nothing was written into is removed. */
    @Override
    public void close() {
        try {
            Files.deleteIfExists(dir.resolve(LOCK_FILE));
            if (created && !holdsFiles(dir)) {
                Files.deleteIfExists(dir);
            }
        } catch (IOException | UnusableRunDirectoryException e) {
            // the lock is released below either way; a stray empty directory or lock file is harmless
        } finally {
            try {
                lock.release();
            } catch (IOException e) {
                // closing the channel releases it too
            }
            close(lockChannel);
        }
    }

    /** Creates {@code dir} and its parents; true when it did not exist. */
    private static boolean create(Path dir) {
        if (Files.isDirectory(dir)) {
            return false;
        }
        if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            throw new UnusableRunDirectoryException(dir, "it is a file, not a directory");
        }
        Path existing = dir.toAbsolutePath().normalize();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing != null && !Files.isDirectory(existing)) {
            throw new UnusableRunDirectoryException(dir, existing + " is a file, not a directory");
        }
        try {
            Files.createDirectories(dir);
            return true;
        } catch (IOException e) {
            throw new UnusableRunDirectoryException(dir, "cannot create it (" + reason(e) + ")");
        }
    }

    /**
     * The lock, or null when another run holds it. A claim is taken on the file the path names
     * now: a lock won on a file another run has just removed is given up.
     */
    private static FileLock tryLock(FileChannel channel, Path lockFile) {
        try {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                return null;
            }
            String token = ProcessHandle.current().pid() + " " + UUID.randomUUID() + "\n";
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(token.getBytes(StandardCharsets.UTF_8)), 0);
            if (!Files.exists(lockFile) || !Files.readString(lockFile, StandardCharsets.UTF_8).equals(token)) {
                lock.release();
                return null;
            }
            return lock;
        } catch (OverlappingFileLockException e) {
            return null; // held by another run in this JVM
        } catch (IOException e) {
            throw new UnusableRunDirectoryException(lockFile.getParent(), "cannot lock " + lockFile + " ("
                    + reason(e) + ")");
        }
    }

    private static boolean holdsFiles(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.anyMatch(p -> !p.getFileName().toString().equals(LOCK_FILE));
        } catch (IOException e) {
            throw new UnusableRunDirectoryException(dir, "cannot list it (" + reason(e) + ")");
        }
    }

    private static void close(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // nothing was written through it that matters
        }
    }

    /** Why a file operation failed, in words, with the file it failed on. */
    static String reason(IOException e) {
        if (e instanceof FileSystemException f) {
            String why = f.getReason() != null ? f.getReason()
                    : f.getClass().getSimpleName().replace("Exception", "").replaceAll("([a-z])([A-Z])", "$1 $2");
            return why.toLowerCase(java.util.Locale.ROOT) + (f.getFile() == null ? "" : " on " + f.getFile());
        }
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m;
    }

    /** A run directory that cannot be used; the command exits with {@link ExitCodes#USAGE}. */
    public static final class UnusableRunDirectoryException extends RuntimeException {
        public UnusableRunDirectoryException(Path dir, String why) {
            super("cannot use run directory " + dir + ": " + why);
        }
    }
}
