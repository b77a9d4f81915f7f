package dev.cumulus.runtime.process;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The framing spoken over a function process's standard input and output. Every frame starts with a
 * one-byte type; strings and byte arrays are written as a 4-byte length and the bytes (strings in UTF-8).
 *
 * <pre>
 * child  -> parent  READY   'R' pid:long
 * parent -> child   REQUEST 'Q' id:str function:str class:str memoryMb:int timeoutSeconds:int deadlineEpochMillis:long payload:bytes
 * child  -> parent  INVOKE  'I' function:str memoryMb:int timeoutSeconds:int payload:bytes
 * parent -> child   ACK     'A' outcome:byte (0 started, 1 invalid request, 2 platform refused) idOrMessage:str
 * child  -> parent  DONE    'D' ok:boolean output:bytes error:str
 * </pre>
 */
final class Frames {

    static final int READY = 'R';
    static final int REQUEST = 'Q';
    static final int INVOKE = 'I';
    static final int ACK = 'A';
    static final int DONE = 'D';

    static final byte ACK_STARTED = 0;
    static final byte ACK_INVALID = 1;
    static final byte ACK_REFUSED = 2;

    /** Largest byte array accepted in a frame; guards against reading garbage as a length. */
    static final int MAX_BYTES = 512 * 1024 * 1024;

    private Frames() {
    }

    static void writeBytes(DataOutputStream out, byte[] bytes) throws IOException {
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    static byte[] readBytes(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > MAX_BYTES) {
            throw new IOException("Invalid frame: byte array length " + length + " (expected 0.." + MAX_BYTES + ")");
        }
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return bytes;
    }

    static void writeString(DataOutputStream out, String text) throws IOException {
        writeBytes(out, text.getBytes(StandardCharsets.UTF_8));
    }

    static String readString(DataInputStream in) throws IOException {
        return new String(readBytes(in), StandardCharsets.UTF_8);
    }

    /** Reads the next frame type, or -1 at a clean end of stream. */
    static int readType(DataInputStream in) throws IOException {
        try {
            return in.readUnsignedByte();
        } catch (EOFException e) {
            return -1;
        }
    }
}
