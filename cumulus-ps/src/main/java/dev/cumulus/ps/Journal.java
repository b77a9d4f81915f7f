package dev.cumulus.ps;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The write-ahead log of accepted pushes since the last snapshot: each record is its body's length,
 * the body and the body's CRC-32C. {@link #append} writes a record and {@link #force} makes every
 * record written before it durable, so that concurrent pushes can share one force (group commit);
 * a push is acknowledged only after a force that began after its append. A torn or corrupt tail (a
 * crash mid-append or before the force, never acknowledged) is cut off when the journal is opened.
 */
final class Journal implements AutoCloseable {
    private static final int FRAME_BYTES = 2 * Integer.BYTES;

    private final Path file;
    private final FileChannel channel;
    private final boolean force;
    private final List<JournalRecord> recovered;

    private Journal(Path file, FileChannel channel, boolean force, List<JournalRecord> recovered) {
        this.file = file;
        this.channel = channel;
        this.force = force;
        this.recovered = recovered;
    }

    /** Opens (or creates) the journal, reads its intact records and cuts off a torn tail. */
    static Journal open(Path file, boolean force) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        try {
            List<JournalRecord> records = new ArrayList<>();
            long intactBytes = readIntact(file, channel, records);
            if (intactBytes < channel.size()) {
                channel.truncate(intactBytes);
                channel.force(true);
            }
            channel.position(intactBytes);
            return new Journal(file, channel, force, List.copyOf(records));
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** Reads records from the start while they are whole and their checksums match; returns where they end. */
    private static long readIntact(Path file, FileChannel channel, List<JournalRecord> records) throws IOException {
        long size = channel.size();
        // Not closed: closing the stream would close the channel, which the journal goes on using.
        DataInputStream in = new DataInputStream(new BufferedInputStream(Channels.newInputStream(channel.position(0)),
                1 << 16));
        long intact = 0;
        while (size - intact >= FRAME_BYTES) {
            int length = Integer.reverseBytes(in.readInt());
            if (length < 0 || length > size - intact - FRAME_BYTES) {
                break;
            }
            byte[] body = new byte[length];
            in.readFully(body);
            int crc = Integer.reverseBytes(in.readInt());
            if (crc != crc(body)) {
                break;
            }
            records.add(decode(file, body));
            intact += FRAME_BYTES + length;
        }
        return intact;
    }

    private static JournalRecord decode(Path file, byte[] body) {
        BinaryReader in = new BinaryReader("journal " + file, body);
        JournalRecord record = new JournalRecord(in.getLong("sequence"), in.getInt("worker"), in.getLong("round"),
                in.getFloats("gradient"));
        in.expectEnd();
        return record;
    }

    /** The intact records found when the journal was opened, in order. */
    List<JournalRecord> recovered() {
        return recovered;
    }

    /**
     * Appends a record, not yet forced to disk (see {@link #force}); on failure the journal is left as
     * before. Calls are serialised by the caller.
     */
    void append(JournalRecord record) throws IOException {
        BinaryWriter body = new BinaryWriter(32 + record.gradient().length * Float.BYTES);
        body.putLong(record.sequence()).putInt(record.worker()).putLong(record.round()).putFloats(record.gradient());
        byte[] bytes = body.toBytes();
        ByteBuffer frame = ByteBuffer.allocate(bytes.length + FRAME_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        frame.putInt(bytes.length).put(bytes).putInt(crc(bytes)).flip();
        long before = channel.position();
        try {
            while (frame.hasRemaining()) {
                channel.write(frame);
            }
        } catch (IOException e) {
            // A partial record would hide every later one; cut it off (reading stops there anyway).
            try {
                channel.truncate(before);
                channel.position(before);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw new IOException("Cannot append to the journal " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Forces every record appended before this call to disk (unless forcing is off). May run while
     * another thread appends: that record may or may not be covered, so its push waits for a later force.
     */
    void force() throws IOException {
        if (force) {
            try {
                channel.force(false);
            } catch (IOException e) {
                throw new IOException("Cannot force the journal " + file + " to disk: " + e.getMessage(), e);
            }
        }
    }

    /** The journal's length in bytes: what a restart would replay. */
    long bytes() throws IOException {
        return channel.position();
    }

    /** Empties the journal, once a snapshot holds everything it recorded. */
    void clear() throws IOException {
        channel.truncate(0);
        channel.position(0);
        channel.force(true);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    private static int crc(byte[] bytes) {
        CRC32C crc = new CRC32C();
        crc.update(bytes);
        return (int) crc.getValue();
    }
}
