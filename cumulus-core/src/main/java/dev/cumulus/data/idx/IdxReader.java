package dev.cumulus.data.idx;

import dev.cumulus.data.DataFormatException;
import dev.cumulus.data.Dataset;
import dev.cumulus.data.DenseFeatures;
import dev.cumulus.data.MissingDataException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an IDX image file (magic {@code 0x00000803}: count x height x width unsigned bytes, or
 * {@code 0x00000802}: count x features) and its label file (magic {@code 0x00000801}) into a dense
 * {@link Dataset}, one flattened image per row. Files may be gzip-compressed (detected by magic
 * bytes). Labels are used as class indices directly.
 *
 * <p>Errors name the file and the byte offset into its decompressed contents.
 */
public final class IdxReader {

    private IdxReader() {
    }

    /** Reads images and the labels file found by {@link #labelsFor(Path)}, with default options. */
    public static Dataset read(Path images) {
        return read(images, labelsFor(images), IdxOptions.defaults());
    }

    /** Reads an image file and a label file. */
    public static Dataset read(Path images, Path labels, IdxOptions options) {
        IdxArray img = IdxArray.read(images, "IDX images", 3, 2);
        IdxArray lab = IdxArray.read(labels, "IDX labels", 1);
        if (img.count() != lab.count()) {
            throw DataFormatException.ofSource(images + " and " + labels,
                    "images/labels count mismatch: " + img.count() + " images but " + lab.count() + " labels");
        }
        int rows = options.maxRows() == null ? img.count() : Math.min(options.maxRows(), img.count());
        int maxLabel = 0;
        int[] labelValues = new int[rows];
        for (int r = 0; r < rows; r++) {
            int v = lab.data()[lab.dataOffset() + r] & 0xff;
            if (options.classes() != null && v >= options.classes()) {
                throw DataFormatException.atByte(labels.toString(), lab.dataOffset() + r,
                        "label " + v + " of item " + r + " is out of range 0.." + (options.classes() - 1));
            }
            labelValues[r] = v;
            maxLabel = Math.max(maxLabel, v);
        }
        int cols = img.itemBytes();
        float[] values = new float[rows * cols];
        byte[] data = img.data();
        int base = img.dataOffset();
        // A 256-entry table: one exact division per pixel value instead of per pixel.
        float[] pixelValue = new float[256];
        for (int v = 0; v < 256; v++) {
            pixelValue[v] = options.scaleToUnit() ? v / 255f : v;
        }
        for (int i = 0; i < values.length; i++) {
            values[i] = pixelValue[data[base + i] & 0xff];
        }
        int classes = options.classes() != null ? options.classes() : maxLabel + 1;
        return new Dataset(new DenseFeatures(rows, cols, values), labelValues, classes);
    }

    /**
     * Finds the label file that belongs to an image file by naming convention: in the file name,
     * the last {@code images} becomes {@code labels} and {@code idx3} (or {@code idx2}) becomes
     * {@code idx1}, so {@code train-images-idx3-ubyte.gz} pairs with
     * {@code train-labels-idx1-ubyte.gz} and {@code train-images.idx3-ubyte} with
     * {@code train-labels.idx1-ubyte}. If that file is missing, the same name with a {@code .gz}
     * suffix added or removed is tried.
     *
     * @throws MissingDataException naming the candidates if none exists
     */
    public static Path labelsFor(Path images) {
        String name = images.getFileName().toString();
        int at = name.lastIndexOf("images");
        if (at < 0) {
            throw new MissingDataException(images, "cannot find the labels file for " + images
                    + ": its name does not contain 'images'; give the labels path explicitly");
        }
        String labelsName = (name.substring(0, at) + "labels" + name.substring(at + "images".length()))
                .replace("idx3", "idx1").replace("idx2", "idx1");
        List<Path> candidates = new ArrayList<>();
        candidates.add(images.resolveSibling(labelsName));
        candidates.add(images.resolveSibling(labelsName.endsWith(".gz")
                ? labelsName.substring(0, labelsName.length() - 3) : labelsName + ".gz"));
        for (Path p : candidates) {
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw new MissingDataException(candidates.get(0), "labels file for " + images + " not found: looked for "
                + candidates + "; give the labels path explicitly");
    }
}
