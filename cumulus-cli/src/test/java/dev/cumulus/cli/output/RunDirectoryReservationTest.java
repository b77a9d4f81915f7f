package dev.cumulus.cli.output;


import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cumulus.cli.output.RunDirectoryReservation.UnusableRunDirectoryException;
import dev.cumulus.cli.output.RunDirectoryReservation.Written;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunDirectoryReservationTest {

    @Test
    void createsAMissingDirectoryAndRemovesItWhenNothingWasWritten(@TempDir Path tmp) {
        Path dir = tmp.resolve("a/b/run");
        try (RunDirectoryReservation r = RunDirectoryReservation.reserve(dir, false)) {
            assertThat(r.path()).isDirectory();
            assertThat(dir.resolve(RunDirectoryReservation.LOCK_FILE)).exists();
        }
        assertThat(dir).doesNotExist();
    }

    @Test
    void keepsTheDirectoryAndDropsTheLockFileOnceARunIsWritten(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("run");
        try (RunDirectoryReservation r = RunDirectoryReservation.reserve(dir, false)) {
            Written written = r.write(d -> Files.writeString(d.resolve("run.json"), "{}"));
            assertThat(written.fellBack()).isFalse();
            assertThat(written.path()).isEqualTo(dir);
        }
        try (var entries = Files.list(dir)) {
            assertThat(entries).extracting(p -> p.getFileName().toString()).containsExactly("run.json");
        }
    }

    @Test
    void refusesAnEarlierRunOrAnyNonEmptyDirectoryUnlessForced(@TempDir Path tmp) throws Exception {
        Path run = Files.createDirectories(tmp.resolve("run"));
        Files.writeString(run.resolve("run.json"), "{}");
        assertThatThrownBy(() -> RunDirectoryReservation.reserve(run, false))
                .isInstanceOf(UnusableRunDirectoryException.class)
                .hasMessage("cannot use run directory " + run + ": it holds an earlier run; choose another --out, "
                        + "or add --force to write into it");
        Path other = Files.createDirectories(tmp.resolve("other"));
        Files.writeString(other.resolve("notes.txt"), "mine");
        assertThatThrownBy(() -> RunDirectoryReservation.reserve(other, false))
                .isInstanceOf(UnusableRunDirectoryException.class).hasMessageContaining("it is not empty");
        assertThat(other.resolve(RunDirectoryReservation.LOCK_FILE)).doesNotExist();
        try (RunDirectoryReservation r = RunDirectoryReservation.reserve(run, true)) {
            assertThat(r.path()).isEqualTo(run);
        }
        assertThat(run.resolve("run.json")).hasContent("{}");
    }

    @Test
    void anEmptyExistingDirectoryAndOneLeftByACrashedRunAreUsable(@TempDir Path tmp) throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        RunDirectoryReservation.reserve(empty, false).close();
        assertThat(empty).isDirectory(); // not created by the reservation, so not removed
        Path crashed = Files.createDirectories(tmp.resolve("crashed"));
        Files.writeString(crashed.resolve(RunDirectoryReservation.LOCK_FILE), "4242 stale\n");
        RunDirectoryReservation.reserve(crashed, false).close();
    }

    @Test
    void ofManyConcurrentReservationsOfOneDirectoryExactlyOneSucceeds(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("contended");
        int runs = 8;
        CountDownLatch start = new CountDownLatch(1);
        CountDownLatch tried = new CountDownLatch(runs);
        ExecutorService pool = Executors.newFixedThreadPool(runs);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                boolean force = i % 2 == 0;
                results.add(pool.submit(() -> {
                    start.await();
                    RunDirectoryReservation r;
                    try {
                        r = RunDirectoryReservation.reserve(dir, force);
                    } catch (UnusableRunDirectoryException e) {
                        tried.countDown();
                        return false;
                    }
                    tried.countDown();
                    tried.await(10, TimeUnit.SECONDS); // hold it until every other run has tried
                    r.write(d -> Files.writeString(d.resolve("run.json"), "{}"));
                    r.close();
                    return true;
                }));
            }
            start.countDown();
            int succeeded = 0;
            for (Future<Boolean> result : results) {
                succeeded += result.get(20, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertThat(succeeded).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aRegularFileOrAPathBelowOneIsRefusedNamingIt(@TempDir Path tmp) throws Exception {
        Path file = Files.writeString(tmp.resolve("file"), "x");
        assertThatThrownBy(() -> RunDirectoryReservation.reserve(file, true))
                .isInstanceOf(UnusableRunDirectoryException.class)
                .hasMessage("cannot use run directory " + file + ": it is a file, not a directory");
        assertThatThrownBy(() -> RunDirectoryReservation.reserve(file.resolve("run"), false))
                .isInstanceOf(UnusableRunDirectoryException.class)
                .hasMessage("cannot use run directory " + file.resolve("run") + ": " + file + " is a file, not a directory");
    }

    @Test
    void aReadOnlyParentIsRefusedNamingThePathAndWhy(@TempDir Path tmp) throws Exception {
        Path parent = Files.createDirectories(tmp.resolve("read-only"));
        Files.setPosixFilePermissions(parent, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            Assumptions.assumeFalse(Files.isWritable(parent), "this user (root?) can write into a read-only directory");
            assertThatThrownBy(() -> RunDirectoryReservation.reserve(parent.resolve("run"), false))
                    .isInstanceOf(UnusableRunDirectoryException.class)
                    .hasMessageStartingWith("cannot use run directory " + parent.resolve("run") + ": cannot create it")
                    .hasMessageContaining("denied");
        } finally {
            Files.setPosixFilePermissions(parent, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void aRunThatCannotBeWrittenWhereReservedIsWrittenToATemporaryDirectory(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("run");
        Written written;
        try (RunDirectoryReservation r = RunDirectoryReservation.reserve(dir, false)) {
            // the directory goes away under the run, and a file takes its place
            Files.delete(dir.resolve(RunDirectoryReservation.LOCK_FILE));
            Files.delete(dir);
            Files.writeString(dir, "in the way");
            written = r.write(d -> {
                Files.createDirectories(d);
                Files.writeString(d.resolve("run.json"), "{}");
            });
        }
        try {
            assertThat(written.fellBack()).isTrue();
            assertThat(written.problem()).contains(dir.toString());
            assertThat(written.path()).startsWith(Path.of(System.getProperty("java.io.tmpdir")));
            assertThat(written.path().resolve("run.json")).hasContent("{}");
            assertThat(written.path().resolve(RunDirectoryReservation.LOCK_FILE)).doesNotExist();
        } finally {
            Files.deleteIfExists(written.path().resolve("run.json"));
            Files.deleteIfExists(written.path());
        }
    }
}
