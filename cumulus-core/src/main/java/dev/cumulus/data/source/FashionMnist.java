package dev.cumulus.data.source;

import dev.cumulus.data.Dataset;
import dev.cumulus.data.MissingDataException;
import dev.cumulus.data.idx.IdxOptions;
import dev.cumulus.data.idx.IdxReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Locates and loads Fashion-MNIST (60,000 training and 10,000 test images of 28 x 28 pixels, 10
 * classes) from the directory the Debian package {@code dataset-fashion-mnist} installs, or from
 * another directory holding the same four IDX files (gzip or plain).
 */
public final class FashionMnist {
    /** Where {@code apt-get install dataset-fashion-mnist} puts the files. */
    public static final Path DEFAULT_DIR = Path.of("/usr/share/datasets/fashion-mnist");
    public static final String INSTALL_COMMAND = "apt-get install dataset-fashion-mnist";
    public static final int CLASSES = 10;
    static final String[] FILES = {
        "train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"};

    private FashionMnist() {
    }

    /**
     * Loads the training and test sets.
     *
     * @param dir the directory, or null for {@link #DEFAULT_DIR}
     * @param scaleToUnit scale pixels to [0, 1] (else 0..255)
     * @param maxTrainRows use only the first this many training rows, or null for all 60,000
     * @throws MissingDataException saying how to install the dataset if a file is missing
     */
    public static TrainTest load(Path dir, boolean scaleToUnit, Integer maxTrainRows) {
        List<Path> files = locate(dir);
        return new TrainTest(train(files, scaleToUnit, maxTrainRows), test(files, scaleToUnit));
    }

    /** The training set from the four files {@link #locate} found. */
    static Dataset train(List<Path> files, boolean scaleToUnit, Integer maxTrainRows) {
        return IdxReader.read(files.get(0), files.get(1), new IdxOptions(scaleToUnit, CLASSES, maxTrainRows));
    }

    /** The test set from the four files {@link #locate} found. */
    static Dataset test(List<Path> files, boolean scaleToUnit) {
        return IdxReader.read(files.get(2), files.get(3), new IdxOptions(scaleToUnit, CLASSES, null));
    }

    /**
     * The four files in order train images, train labels, test images, test labels; each may be
     * gzip ({@code .gz}) or plain.
     *
     * @throws MissingDataException naming the missing files and the install command
     */
    public static List<Path> locate(Path dir) {
        Path base = dir == null ? DEFAULT_DIR : dir;
        List<Path> found = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String name : FILES) {
            Path gz = base.resolve(name + ".gz");
            Path plain = base.resolve(name);
            if (Files.isRegularFile(gz)) {
                found.add(gz);
            } else if (Files.isRegularFile(plain)) {
                found.add(plain);
            } else {
                missing.add(name + ".gz");
            }
        }
        if (!missing.isEmpty()) {
            throw new MissingDataException(base, "Fashion-MNIST not found in " + base.toAbsolutePath() + " (missing "
                    + String.join(", ", missing) + "). Install it with `" + INSTALL_COMMAND + "` (Debian), or set "
                    + "dataset.path to a directory holding " + String.join(".gz, ", FILES) + ".gz");
        }
        return found;
    }
}
