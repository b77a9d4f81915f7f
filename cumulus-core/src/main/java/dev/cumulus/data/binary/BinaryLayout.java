package dev.cumulus.data.binary;

import java.nio.charset.StandardCharsets;

/**
 * Where everything sits in a binary dataset file (docs/DATA-FORMAT.md): the header's field
 * offsets and the sizes of the sections that follow it. One home for the numbers the writer and
 * the reader must agree on.
 */
final class BinaryLayout {
    static final byte[] MAGIC = "CUMULUSD".getBytes(StandardCharsets.US_ASCII);
    static final int VERSION = 1;
    static final int HEADER_BYTES = 80;
    static final int CHECKSUM_BYTES = 16;
    static final int FINGERPRINT_BYTES = 16;

    static final int VERSION_AT = 8;
    static final int LAYOUT_AT = 12;
    static final int ROWS_AT = 16;
    static final int COLS_AT = 24;
    static final int NON_ZEROS_AT = 32;
    static final int CLASSES_AT = 40;
    static final int LABEL_KIND_AT = 44;
    static final int LABEL_ENTRIES_AT = 48;
    static final int FINGERPRINT_AT = 56;

    static final int DENSE = 0;
    static final int SPARSE = 1;

    /** Arrays longer than this cannot be held in one Java array. */
    static final long MAX_ARRAY = Integer.MAX_VALUE - 16;

    private BinaryLayout() {
    }

    /** Bytes of a section of {@code count} 4-byte values, padded to a multiple of 8. */
    static long section(long count) {
        return (4 * count + 7) & ~7L;
    }

    /** The exact file length for a header's numbers. */
    static long fileBytes(long rows, boolean sparse, long cols, long nonZeros, long labelEntries) {
        long features = sparse ? section(rows + 1) + 2 * section(nonZeros) : section(rows * cols);
        return HEADER_BYTES + section(rows) + features + section(labelEntries) + CHECKSUM_BYTES;
    }
}
