package dev.cumulus.ps;

import java.util.function.BiConsumer;
import java.util.function.Function;

/** Writes a message of type T into a {@link BinaryWriter} and reads it back, framed by {@link Messages#FORMAT}. */
final class BinaryCodec<T> {
    private final BiConsumer<BinaryWriter, T> writer;
    private final Function<BinaryReader, T> reader;

    private BinaryCodec(BiConsumer<BinaryWriter, T> writer, Function<BinaryReader, T> reader) {
        this.writer = writer;
        this.reader = reader;
    }

    static <T> BinaryCodec<T> of(BiConsumer<BinaryWriter, T> writer, Function<BinaryReader, T> reader) {
        return new BinaryCodec<>(writer, reader);
    }

    byte[] encode(T message) {
        BinaryWriter out = new BinaryWriter(256);
        out.putByte(Messages.FORMAT);
        writer.accept(out, message);
        return out.toBytes();
    }

    /** Decodes a whole message; {@code source} names it in errors. */
    T decode(String source, byte[] bytes) {
        BinaryReader in = new BinaryReader(source, bytes);
        int format = in.getByte("format");
        if (format != Messages.FORMAT) {
            throw in.malformed("message format " + format + ", this build speaks " + Messages.FORMAT);
        }
        T message = reader.apply(in);
        in.expectEnd();
        return message;
    }
}
