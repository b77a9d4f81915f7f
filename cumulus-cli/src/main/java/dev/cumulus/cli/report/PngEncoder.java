package dev.cumulus.cli.report;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/**
 * Encodes an image as PNG: 8-bit RGB (RGBA where some pixel is not opaque), no row filter, zlib at
 * its fastest level. A run's two charts are encoded once each, at the end of the run, in a JVM
 * that has not run an encoder before. ImageIO's PNG writer, which weighs several row filters for
 * every row in Java, took 43 ms for the first 800 x 500 loss chart in a fresh JVM (12-19 ms warm),
 * and C2 compiled its row loop at the run's end (68 ms of compiler time); this loop and the JDK's
 * native zlib take 13-29 ms cold and 4 ms warm. The files are about a quarter larger (loss.png
 * 37 KB against 30 KB), docs/bench/peers.md.
 */
final class PngEncoder {
    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private static final int RGB = 2;
    private static final int RGBA = 6;

    private PngEncoder() {
    }

    static byte[] encode(BufferedImage image) throws IOException {
        int width = image.getWidth();
        int height = image.getHeight();
        int[] argb = pixels(image);
        boolean opaque = true;
        for (int p : argb) {
            opaque &= (p >>> 24) == 0xFF;
        }
        int channels = opaque ? 3 : 4;
        ByteArrayOutputStream compressed = new ByteArrayOutputStream(width * height / 4);
        Deflater deflater = new Deflater(Deflater.BEST_SPEED);
        try (DeflaterOutputStream zlib = new DeflaterOutputStream(compressed, deflater, 1 << 16)) {
            // each row: the filter type (0, none), then the samples, most significant channel first
            byte[] row = new byte[1 + channels * width];
            for (int y = 0; y < height; y++) {
                int at = 1;
                for (int x = y * width, end = x + width; x < end; x++) {
                    int p = argb[x];
                    row[at] = (byte) (p >>> 16);
                    row[at + 1] = (byte) (p >>> 8);
                    row[at + 2] = (byte) p;
                    if (!opaque) {
                        row[at + 3] = (byte) (p >>> 24);
                    }
                    at += channels;
                }
                zlib.write(row);
            }
        } finally {
            deflater.end();
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream(compressed.size() + 64);
        png.write(SIGNATURE);
        DataOutputStream out = new DataOutputStream(png);
        ByteArrayOutputStream header = new ByteArrayOutputStream(13);
        DataOutputStream fields = new DataOutputStream(header);
        fields.writeInt(width);
        fields.writeInt(height);
        // bit depth 8, the colour type, compression 0 (deflate), filter method 0, no interlace
        fields.write(new byte[] {8, (byte) (opaque ? RGB : RGBA), 0, 0, 0});
        chunk(out, "IHDR", header.toByteArray());
        chunk(out, "IDAT", compressed.toByteArray());
        chunk(out, "IEND", new byte[0]);
        return png.toByteArray();
    }

    /** Every pixel as 0xAARRGGBB, row by row: the image's own array where it is stored so. */
    private static int[] pixels(BufferedImage image) {
        if (image.getType() == BufferedImage.TYPE_INT_ARGB
                && image.getRaster().getDataBuffer() instanceof DataBufferInt buffer
                && buffer.getNumBanks() == 1 && image.getRaster().getParent() == null) {
            return buffer.getData();
        }
        return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    }

    /** A chunk: its length, its type, its data, and the CRC-32 of the type and data. */
    private static void chunk(DataOutputStream out, String type, byte[] data) throws IOException {
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(name);
        crc.update(data);
        out.writeInt(data.length);
        out.write(name);
        out.write(data);
        out.writeInt((int) crc.getValue());
    }
}
