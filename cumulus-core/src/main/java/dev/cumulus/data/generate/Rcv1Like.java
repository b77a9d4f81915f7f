package dev.cumulus.data.generate;

import dev.cumulus.data.Dataset;
import dev.cumulus.data.SparseFeatures;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Sparse binary text-like data shaped like RCV1 (binary version): a vocabulary of
 * {@code features} terms (47,236 by default), about {@code meanNonZerosPerRow} distinct terms per
 * row (75 by default, 0.16%), tf-idf values scaled to unit L2 norm per row, and two balanced
 * classes that a linear model separates well but not perfectly.
 *
 * <p>Each row picks its class, a term count uniform in [0.6 m, 1.4 m] for mean m, and draws
 * distinct terms: with probability {@value #TOPIC_SHARE} from its class's topic vocabulary
 * ({@value #TOPIC_TERMS} fixed mid-frequency terms per class), otherwise from a Zipf-like
 * background over the whole vocabulary (p(rank r) proportional to 1/(r + 20), scattered over
 * term ids by a fixed permutation). Repeated draws raise a term's count tf; the value is
 * (1 + ln tf) * idf(term) with idf growing with the term's rank, then the row is normalised.
 * Finally {@value #LABEL_NOISE} of the labels are flipped. The vocabulary model is fixed; the seed
 * only picks the sample.
 *
 * @param features vocabulary size (number of columns)
 * @param meanNonZerosPerRow mean number of distinct terms per row
 */
public record Rcv1Like(int features, int meanNonZerosPerRow) implements Generator {
    public static final int RCV1_FEATURES = 47_236;
    public static final int RCV1_MEAN_NON_ZEROS = 75;
    static final double TOPIC_SHARE = 0.25;
    static final int TOPIC_TERMS = 800;
    static final double LABEL_NOISE = 0.03;
    private static final double ZIPF_OFFSET = 20.0;
    private static final long VOCABULARY_SEED = 0x52435631L;

    public Rcv1Like {
        if (features < 2 * TOPIC_TERMS + 100) {
            throw new IllegalArgumentException("features must be at least " + (2 * TOPIC_TERMS + 100) + ", got " + features);
        }
        if (meanNonZerosPerRow < 2 || meanNonZerosPerRow > features / 4) {
            throw new IllegalArgumentException("meanNonZerosPerRow must be within 2.." + features / 4 + ", got "
                    + meanNonZerosPerRow);
        }
    }

    /** RCV1's shape: 47,236 features, 75 non-zeros per row on average. */
    public Rcv1Like() {
        this(RCV1_FEATURES, RCV1_MEAN_NON_ZEROS);
    }

    @Override
    public String name() {
        return "rcv1-like";
    }

    @Override
    public Dataset generate(int rows, long seed) {
        Blocks.requireRows(rows);
        if ((long) rows * Math.round(1.4 * meanNonZerosPerRow) > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException(rows + " rows could exceed " + (Integer.MAX_VALUE - 16)
                    + " non-zeros in one sparse matrix; generate fewer rows per dataset");
        }
        Vocabulary vocabulary = new Vocabulary(features);
        int blocks = Blocks.count(rows);
        int[][] blockIndices = new int[blocks][];
        float[][] blockValues = new float[blocks][];
        int[] rowCounts = new int[rows];
        int[] labels = new int[rows];
        Blocks.forEach(rows, seed, (block, from, to, random) -> {
            RowDrawer drawer = new RowDrawer(vocabulary);
            int[] idx = new int[(to - from) * (int) Math.ceil(1.4 * meanNonZerosPerRow + 1)];
            float[] val = new float[idx.length];
            int used = 0;
            for (int r = from; r < to; r++) {
                int y = random.nextInt(2);
                int lo = (int) Math.round(0.6 * meanNonZerosPerRow);
                int hi = (int) Math.round(1.4 * meanNonZerosPerRow);
                int n = lo + random.nextInt(hi - lo + 1);
                int written = drawer.draw(y, n, random, idx, val, used);
                rowCounts[r] = written;
                used += written;
                labels[r] = random.nextDouble() < LABEL_NOISE ? 1 - y : y;
            }
            blockIndices[block] = Arrays.copyOf(idx, used);
            blockValues[block] = Arrays.copyOf(val, used);
        });
        int[] rowStart = new int[rows + 1];
        for (int r = 0; r < rows; r++) {
            rowStart[r + 1] = rowStart[r] + rowCounts[r];
        }
        int[] indices = new int[rowStart[rows]];
        float[] values = new float[indices.length];
        for (int b = 0; b < blocks; b++) {
            int at = rowStart[b * Blocks.ROWS_PER_BLOCK];
            System.arraycopy(blockIndices[b], 0, indices, at, blockIndices[b].length);
            System.arraycopy(blockValues[b], 0, values, at, blockValues[b].length);
        }
        return new Dataset(new SparseFeatures(rows, features, rowStart, indices, values), labels, 2);
    }

    /** The fixed term model: rank-to-term permutation, idf per term, and each class's topic terms. */
    private static final class Vocabulary {
        final int size;
        final int[] termOfRank;
        final float[] idf;
        final int[][] topic = new int[2][TOPIC_TERMS];
        final double logSpan;

        Vocabulary(int size) {
            this.size = size;
            SplittableRandom random = new SplittableRandom(VOCABULARY_SEED);
            termOfRank = new int[size];
            for (int i = 0; i < size; i++) {
                termOfRank[i] = i;
            }
            for (int i = size - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = termOfRank[i];
                termOfRank[i] = termOfRank[j];
                termOfRank[j] = t;
            }
            idf = new float[size];
            for (int rank = 0; rank < size; rank++) {
                idf[termOfRank[rank]] = (float) (1.0 + Math.log((rank + ZIPF_OFFSET) / ZIPF_OFFSET));
            }
            // Topic terms come from the middle of the frequency range, distinct across classes.
            int lo = 50;
            int hi = Math.min(size, 20_000);
            int[] candidates = new int[hi - lo];
            for (int i = 0; i < candidates.length; i++) {
                candidates[i] = lo + i;
            }
            for (int i = 0; i < 2 * TOPIC_TERMS; i++) {
                int j = i + random.nextInt(candidates.length - i);
                int t = candidates[i];
                candidates[i] = candidates[j];
                candidates[j] = t;
                topic[i / TOPIC_TERMS][i % TOPIC_TERMS] = termOfRank[candidates[i]];
            }
            logSpan = Math.log((size + ZIPF_OFFSET) / ZIPF_OFFSET);
        }

        int backgroundTerm(SplittableRandom random) {
            int rank = (int) (ZIPF_OFFSET * Math.exp(random.nextDouble() * logSpan) - ZIPF_OFFSET);
            return termOfRank[Math.min(rank, size - 1)];
        }
    }

    /** Per-thread scratch for drawing one row's distinct terms and their counts. */
    private static final class RowDrawer {
        private final Vocabulary vocabulary;
        private final int[] count;
        private int[] rowTerms = new int[64];

        RowDrawer(Vocabulary vocabulary) {
            this.vocabulary = vocabulary;
            this.count = new int[vocabulary.size];
        }

        /** Draws n distinct terms for class y into idx/val at {@code at}, sorted; returns n. */
        int draw(int y, int n, SplittableRandom random, int[] idx, float[] val, int at) {
            if (rowTerms.length < n) {
                rowTerms = new int[n];
            }
            int distinct = 0;
            while (distinct < n) {
                int term = random.nextDouble() < TOPIC_SHARE
                        ? vocabulary.topic[y][random.nextInt(TOPIC_TERMS)]
                        : vocabulary.backgroundTerm(random);
                if (count[term]++ == 0) {
                    rowTerms[distinct++] = term;
                }
            }
            Arrays.sort(rowTerms, 0, n);
            double norm2 = 0;
            for (int i = 0; i < n; i++) {
                int term = rowTerms[i];
                double v = (1.0 + Math.log(count[term])) * vocabulary.idf[term];
                val[at + i] = (float) v;
                norm2 += v * v;
                idx[at + i] = term;
                count[term] = 0;
            }
            float inv = (float) (1.0 / Math.sqrt(norm2));
            for (int i = 0; i < n; i++) {
                val[at + i] *= inv;
            }
            return n;
        }
    }
}
