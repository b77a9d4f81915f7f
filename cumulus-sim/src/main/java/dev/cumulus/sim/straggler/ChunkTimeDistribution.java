package dev.cumulus.sim.straggler;

import java.util.SplittableRandom;

/**
 * The distribution of the time one worker needs for one chunk, in an arbitrary time unit.
 *
 * <p>Spelled on the command line as {@code exp:MEAN}, {@code shifted-exp:SHIFT,MEAN} or
 * {@code pareto:SCALE,SHAPE}; {@link #parse} reads that form and {@link #spec} writes it back.
 */
public sealed interface ChunkTimeDistribution
        permits ChunkTimeDistribution.Exponential, ChunkTimeDistribution.ShiftedExponential,
        ChunkTimeDistribution.Pareto {

    /** One sample. */
    double sample(SplittableRandom random);

    /** The mean (infinite for a Pareto with shape at most 1). */
    double mean();

    /** A typical time: the mean when finite, else the Pareto scale. */
    default double typical() {
        return mean();
    }

    /** The command-line form of this distribution. */
    String spec();

    /**
     * Parses {@code exp:MEAN}, {@code shifted-exp:SHIFT,MEAN} or {@code pareto:SCALE,SHAPE}.
     *
     * @throws MalformedDistributionException naming the text and the expected forms
     */
    static ChunkTimeDistribution parse(String text) {
        if (text == null) {
            throw new MalformedDistributionException("null", "no value");
        }
        int colon = text.indexOf(':');
        if (colon < 0) {
            throw new MalformedDistributionException(text, "missing ':'");
        }
        String kind = text.substring(0, colon).trim();
        String[] args = text.substring(colon + 1).split(",", -1);
        double[] v = new double[args.length];
        for (int k = 0; k < args.length; k++) {
            try {
                v[k] = Double.parseDouble(args[k].trim());
            } catch (NumberFormatException e) {
                throw new MalformedDistributionException(text, "'" + args[k] + "' is not a number");
            }
            if (!(v[k] >= 0) || Double.isInfinite(v[k])) {
                throw new MalformedDistributionException(text, "'" + args[k] + "' must be a finite non-negative number");
            }
        }
        switch (kind) {
            case "exp" -> {
                requireCount(text, v, 1);
                requirePositive(text, "MEAN", v[0]);
                return new Exponential(v[0]);
            }
            case "shifted-exp" -> {
                requireCount(text, v, 2);
                requirePositive(text, "MEAN", v[1]);
                return new ShiftedExponential(v[0], v[1]);
            }
            case "pareto" -> {
                requireCount(text, v, 2);
                requirePositive(text, "SCALE", v[0]);
                requirePositive(text, "SHAPE", v[1]);
                return new Pareto(v[0], v[1]);
            }
            default -> throw new MalformedDistributionException(text, "unknown kind '" + kind + "'");
        }
    }

    private static void requireCount(String text, double[] v, int count) {
        if (v.length != count) {
            throw new MalformedDistributionException(text, "expected " + count + " number(s), got " + v.length);
        }
    }

    private static void requirePositive(String text, String name, double value) {
        if (value <= 0) {
            throw new MalformedDistributionException(text, name + " must be positive");
        }
    }

    /** Exponential with the given mean. */
    record Exponential(double mean) implements ChunkTimeDistribution {
        public Exponential {
            if (!(mean > 0) || Double.isInfinite(mean)) {
                throw new IllegalArgumentException("exponential mean must be positive and finite, got " + mean);
            }
        }

        @Override
        public double sample(SplittableRandom random) {
            // 1 - U lies in (0, 1], so the logarithm is finite.
            return -mean * Math.log(1.0 - random.nextDouble());
        }

        @Override
        public String spec() {
            return "exp:" + mean;
        }
    }

    /** shift + Exponential(mean). */
    record ShiftedExponential(double shift, double exponentialMean) implements ChunkTimeDistribution {
        public ShiftedExponential {
            if (!(shift >= 0) || !(exponentialMean > 0) || Double.isInfinite(shift) || Double.isInfinite(exponentialMean)) {
                throw new IllegalArgumentException("shifted exponential needs shift >= 0 and mean > 0, got "
                        + shift + ", " + exponentialMean);
            }
        }

        @Override
        public double sample(SplittableRandom random) {
            return shift - exponentialMean * Math.log(1.0 - random.nextDouble());
        }

        @Override
        public double mean() {
            return shift + exponentialMean;
        }

        @Override
        public String spec() {
            return "shifted-exp:" + shift + "," + exponentialMean;
        }
    }

    /** Pareto with minimum {@code scale} and tail index {@code shape}. */
    record Pareto(double scale, double shape) implements ChunkTimeDistribution {
        public Pareto {
            if (!(scale > 0) || !(shape > 0) || Double.isInfinite(scale) || Double.isInfinite(shape)) {
                throw new IllegalArgumentException("pareto needs scale > 0 and shape > 0, got " + scale + ", " + shape);
            }
        }

        @Override
        public double sample(SplittableRandom random) {
            return scale / Math.pow(1.0 - random.nextDouble(), 1.0 / shape);
        }

        @Override
        public double mean() {
            return shape > 1 ? shape * scale / (shape - 1) : Double.POSITIVE_INFINITY;
        }

        @Override
        public double typical() {
            return shape > 1 ? mean() : scale;
        }

        @Override
        public String spec() {
            return "pareto:" + scale + "," + shape;
        }
    }
}
