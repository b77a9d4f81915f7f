package dev.cumulus.optim;

import java.util.Arrays;

/**
 * Scalars and vectors packed losslessly into one float array, the form an optimiser's state takes in
 * a checkpoint. Ints and doubles travel as 16-bit pieces, each a whole number that a float holds
 * exactly, so a restored state is bit for bit the saved one (a double narrowed to a float, or its
 * bits reinterpreted as float NaNs, would not be).
 */
final class FloatPacking {
    private FloatPacking() {
    }

    /** Appends values to a growing float array. */
    static final class Writer {
        private float[] out = new float[64];
        private int size;

        Writer putInt(int value) {
            ensure(2);
            out[size++] = value >>> 16;
            out[size++] = value & 0xFFFF;
            return this;
        }

        Writer putDouble(double value) {
            long bits = Double.doubleToRawLongBits(value);
            ensure(4);
            for (int shift = 48; shift >= 0; shift -= 16) {
                out[size++] = (bits >>> shift) & 0xFFFF;
            }
            return this;
        }

        Writer putFloats(float[] values) {
            putInt(values.length);
            ensure(values.length);
            System.arraycopy(values, 0, out, size, values.length);
            size += values.length;
            return this;
        }

        float[] toArray() {
            return Arrays.copyOf(out, size);
        }

        private void ensure(int more) {
            if (size + more > out.length) {
                out = Arrays.copyOf(out, Math.max(out.length * 2, size + more));
            }
        }
    }

    /** Reads what a {@link Writer} wrote, in the same order; a short or malformed array is an IllegalArgumentException. */
    static final class Reader {
        private final float[] in;
        private int position;

        Reader(float[] in) {
            this.in = in;
        }

        int getInt() {
            return (piece() << 16) | piece();
        }

        double getDouble() {
            long bits = 0;
            for (int i = 0; i < 4; i++) {
                bits = (bits << 16) | piece();
            }
            return Double.longBitsToDouble(bits);
        }

        float[] getFloats(int expectedLength) {
            int length = getInt();
            if (length != expectedLength || position + length > in.length) {
                throw new IllegalArgumentException("optimiser state: a vector of " + length + " values where "
                        + expectedLength + " were expected, at position " + position + " of " + in.length);
            }
            float[] out = Arrays.copyOfRange(in, position, position + length);
            position += length;
            return out;
        }

        /** Whether every value was read: a longer array was written by something else. */
        void expectEnd() {
            if (position != in.length) {
                throw new IllegalArgumentException("optimiser state: " + (in.length - position)
                        + " values left over after position " + position);
            }
        }

        private int piece() {
            if (position >= in.length) {
                throw new IllegalArgumentException("optimiser state ends early, at position " + position);
            }
            float value = in[position++];
            if (!(value >= 0 && value <= 0xFFFF) || value != Math.rint(value)) {
                throw new IllegalArgumentException("optimiser state: " + value + " at position " + (position - 1)
                        + " is not a 16-bit piece");
            }
            return (int) value;
        }
    }
}
