package dev.cumulus.ps;

import dev.cumulus.io.AtomicFiles;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The {@link ParameterState} kept in a state directory: a push is appended to the journal and
 * applied, and acknowledged (and its model published) only once a force of the journal covers it;
 * concurrent pushes share forces ({@link GroupCommit}). A snapshot replaces the journal every
 * {@code snapshotInterval} model updates (BSP rounds or ASP steps), or sooner once the journal
 * reaches {@link #MAX_JOURNAL_BYTES}. Opening the directory again (a restarted
 * server) loads the snapshot and replays the journal through the same rules, so it resumes exactly
 * at the last acknowledged push. A lock file keeps a second server off the same directory.
 */
final class DurableModel implements AutoCloseable {
    static final String SNAPSHOT_FILE = "snapshot.bin";
    static final String JOURNAL_FILE = "journal.log";
    static final String LOCK_FILE = "lock";
    /** Bounds a restart's replay and the disk a large model's journal takes between snapshots. */
    static final long MAX_JOURNAL_BYTES = 64L << 20;
    private static final System.Logger LOG = System.getLogger(DurableModel.class.getName());

    private final Path directory;
    private final int snapshotInterval;
    private final boolean forceWrites;
    private final Consumer<PulledModel> onModel;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final Journal journal;
    private final GroupCommit commits;
    private ParameterState state;
    private long journalSequence;
    private long updatesAtSnapshot;

    private DurableModel(Path directory, int snapshotInterval, boolean forceWrites, Consumer<PulledModel> onModel,
                         FileChannel lockChannel, FileLock lock, Journal journal) {
        this.directory = directory;
        this.snapshotInterval = snapshotInterval;
        this.forceWrites = forceWrites;
        this.onModel = onModel;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.journal = journal;
        this.commits = new GroupCommit(journal::force, this::appendedSequence);
    }

    private synchronized long appendedSequence() {
        return journalSequence;
    }

    /**
     * Opens a state directory (creating it if needed) and recovers what it holds; {@code onModel}
     * hears every new model once it is durable, possibly from several threads at once and out of
     * order (a consumer keeps the highest round).
     */
    static DurableModel open(Path directory, int snapshotInterval, boolean forceWrites, Consumer<PulledModel> onModel)
            throws IOException {
        Files.createDirectories(directory);
        FileChannel lockChannel = FileChannel.open(directory.resolve(LOCK_FILE), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        try {
            FileLock lock = lockDirectory(directory, lockChannel);
            Journal journal = Journal.open(directory.resolve(JOURNAL_FILE), forceWrites);
            DurableModel model = new DurableModel(directory, snapshotInterval, forceWrites, onModel, lockChannel, lock,
                    journal);
            try {
                model.forceDirectory();
                model.recover();
            } catch (IOException | RuntimeException e) {
                model.close();
                throw e;
            }
            return model;
        } catch (IOException | RuntimeException e) {
            lockChannel.close();
            throw e;
        }
    }

    private static FileLock lockDirectory(Path directory, FileChannel lockChannel) throws IOException {
        FileLock lock;
        try {
            lock = lockChannel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            throw new IOException("The state directory " + directory + " is in use by another parameter server");
        }
        return lock;
    }

    private void recover() throws IOException {
        Path snapshotFile = directory.resolve(SNAPSHOT_FILE);
        if (Files.exists(snapshotFile)) {
            SnapshotFormat.Snapshot snapshot;
            try {
                snapshot = SnapshotFormat.decode(snapshotFile.toString(), Files.readAllBytes(snapshotFile));
            } catch (BinaryReader.MalformedInputException | IllegalArgumentException e) {
                throw new IOException("Cannot recover from " + snapshotFile + ": " + e.getMessage(), e);
            }
            state = snapshot.state();
            journalSequence = snapshot.journalSequence();
            updatesAtSnapshot = state.updatesApplied();
        }
        for (JournalRecord record : journal.recovered()) {
            replay(record);
        }
        if (state != null) {
            onModel.accept(currentModel());
        }
    }

    private void replay(JournalRecord record) throws IOException {
        if (record.sequence() <= journalSequence) {
            return; // already in the snapshot: the crash came between the snapshot and clearing the journal
        }
        Path journalFile = directory.resolve(JOURNAL_FILE);
        if (state == null) {
            throw new IOException("Cannot recover from " + journalFile + ": it holds pushes but there is no "
                    + SNAPSHOT_FILE + " for the model they belong to");
        }
        if (record.sequence() != journalSequence + 1) {
            throw new IOException("Cannot recover from " + journalFile + ": record " + record.sequence()
                    + " follows record " + journalSequence);
        }
        journalSequence = record.sequence();
        try {
            if (state.check(record.worker(), record.round(), record.gradient()) == ParameterState.Verdict.ACCEPT) {
                state.apply(record.worker(), record.round(), record.gradient());
            }
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new IOException("Cannot recover from " + journalFile + ": record " + record.sequence()
                    + " does not fit the snapshot: " + e.getMessage(), e);
        }
    }

    /** Initialises the model, or confirms that the same initialisation happened before. */
    synchronized void init(ModelInit init) throws IOException {
        Objects.requireNonNull(init, "init");
        if (state != null) {
            checkSameInit(state.init(), init);
            return;
        }
        ParameterState fresh = new ParameterState(init);
        AtomicFiles.write(directory.resolve(SNAPSHOT_FILE), SnapshotFormat.encode(fresh, journalSequence));
        forceDirectory();
        journal.clear();
        state = fresh;
        updatesAtSnapshot = 0;
        onModel.accept(currentModel());
    }

    private static void checkSameInit(ModelInit held, ModelInit asked) {
        if (held.equals(asked)) {
            return;
        }
        String differs;
        if (!held.modelId().equals(asked.modelId())) {
            differs = "model id '" + asked.modelId() + "'";
        } else if (held.workers() != asked.workers()) {
            differs = "workers " + asked.workers() + " (held: " + held.workers() + ")";
        } else if (held.mode() != asked.mode()) {
            differs = "mode " + asked.mode() + " (held: " + held.mode() + ")";
        } else if (!held.optimizer().equals(asked.optimizer())) {
            differs = "optimizer " + asked.optimizer() + " (held: " + held.optimizer() + ")";
        } else {
            differs = "initial parameters (" + asked.parameterCount() + " values, held: " + held.parameterCount() + ")";
        }
        throw new IllegalStateException("The parameter server holds model '" + held.modelId()
                + "' and cannot be initialised again with different " + differs);
    }

    /**
     * Records and applies a push, or recognises a duplicate; returns only once it is durable (a
     * duplicate, once everything appended so far is, since its original may still await its force).
     */
    PushReceipt push(int worker, long round, float[] gradient) throws IOException {
        PushReceipt receipt;
        long sequence;
        PulledModel changed = null;
        synchronized (this) {
            ParameterState s = initialised();
            if (s.check(worker, round, gradient) == ParameterState.Verdict.DUPLICATE) {
                receipt = new PushReceipt(true, s.round());
            } else {
                journal.append(new JournalRecord(journalSequence + 1, worker, round, gradient));
                journalSequence++;
                if (s.apply(worker, round, gradient)) {
                    // Not every BSP round: a snapshot costs three forces under the lock, the journal one shared force.
                    if (s.updatesApplied() - updatesAtSnapshot >= snapshotInterval || journal.bytes() >= MAX_JOURNAL_BYTES) {
                        snapshot();
                    }
                    changed = currentModel();
                }
                receipt = new PushReceipt(false, s.round());
            }
            sequence = journalSequence;
        }
        // Outside the lock: the pushes that arrive meanwhile append theirs and share the next force.
        commits.awaitDurable(sequence);
        if (changed != null) {
            onModel.accept(changed);
        }
        return receipt;
    }


    /**
     * Replaces the journal by a snapshot. A failure here loses nothing, so it does not fail the push:
     * the old snapshot and the journal (which keeps growing) still hold every acknowledged push, and
     * the next snapshot tries again; a journal left uncleared after a new snapshot is skipped on
     * recovery by sequence number.
     */
    private void snapshot() {
        Path file = directory.resolve(SNAPSHOT_FILE);
        try {
            AtomicFiles.write(file, SnapshotFormat.encode(state, journalSequence));
            forceDirectory();
            updatesAtSnapshot = state.updatesApplied();
            commits.markDurable(journalSequence);
            journal.clear();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "Cannot write the snapshot " + file + " (the journal "
                    + directory.resolve(JOURNAL_FILE) + " keeps every push until a later snapshot succeeds)", e);
        }
    }

    /** Makes the directory's entries (a new journal, a renamed snapshot) survive a machine crash too (POSIX). */
    private void forceDirectory() throws IOException {
        if (forceWrites) {
            try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
                dir.force(true);
            }
        }
    }

    /** The model part of the status; the caller adds the timings. */
    synchronized ServerStatus status(long uptimeMillis, long busyMillis, long requestsServed) {
        if (state == null) {
            return new ServerStatus(false, "", null, 0, 0, 0, 0, 0, uptimeMillis, busyMillis, requestsServed, 0);
        }
        ModelInit init = state.init();
        return new ServerStatus(true, init.modelId(), init.mode(), init.workers(), init.parameterCount(), state.round(),
                state.updatesApplied(), state.pushesAccepted(), uptimeMillis, busyMillis, requestsServed, commits.forces());
    }

    private ParameterState initialised() {
        if (state == null) {
            throw new IllegalStateException("The parameter server holds no model yet: call init first");
        }
        return state;
    }

    private PulledModel currentModel() {
        return new PulledModel(state.round(), state.parameters());
    }

    @Override
    public synchronized void close() throws IOException {
        try {
            journal.close();
            lock.release();
        } finally {
            lockChannel.close();
        }
    }
}
