package dev.cumulus.cli.output;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The permissions of the files the command writes: readable by all (0644), or by the owner only
 * (0600) for a file that could hold a secret. Files written by {@code AtomicFiles} start as 0600,
 * so a private file is never readable by others, not even briefly. No-ops where the file system
 * has no POSIX permissions.
 */
public final class FileModes {
    private static final Set<PosixFilePermission> SHARED = PosixFilePermissions.fromString("rw-r--r--");
    private static final Set<PosixFilePermission> PRIVATE = PosixFilePermissions.fromString("rw-------");

    private FileModes() {
    }

    public static void readableByAll(Path file) throws IOException {
        set(file, SHARED);
    }

    public static void ownerOnly(Path file) throws IOException {
        set(file, PRIVATE);
    }

    private static void set(Path file, Set<PosixFilePermission> permissions) throws IOException {
        if (Files.getFileStore(file).supportsFileAttributeView(PosixFileAttributeView.class)) {
            Files.setPosixFilePermissions(file, permissions);
        }
    }
}
