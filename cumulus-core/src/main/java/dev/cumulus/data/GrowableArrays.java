package dev.cumulus.data;

import java.util.Arrays;

/** Append-only int and float arrays for readers that do not know their row count in advance. */
public final class GrowableArrays {
    private GrowableArrays() {
    }

    /** An append-only int array. */
    public static final class Ints {
        private int[] a;
        private int size;

        public Ints(int initialCapacity) {
            a = new int[Math.max(4, initialCapacity)];
        }

        public void add(int v) {
            if (size == a.length) {
                a = Arrays.copyOf(a, grow(a.length));
            }
            a[size++] = v;
        }

        public int size() {
            return size;
        }

        public int get(int i) {
            return a[i];
        }

        /** A copy trimmed to the size. */
        public int[] toArray() {
            return Arrays.copyOf(a, size);
        }

        /** Drops every value after the first {@code newSize}. */
        public void truncate(int newSize) {
            if (newSize < 0 || newSize > size) {
                throw new IndexOutOfBoundsException("cannot truncate " + size + " values to " + newSize);
            }
            size = newSize;
        }

        /** Copies the values into {@code target} from {@code offset}. */
        public void copyInto(int[] target, int offset) {
            System.arraycopy(a, 0, target, offset, size);
        }
    }

    /** An append-only float array. */
    public static final class Floats {
        private float[] a;
        private int size;

        public Floats(int initialCapacity) {
            a = new float[Math.max(4, initialCapacity)];
        }

        public void add(float v) {
            if (size == a.length) {
                a = Arrays.copyOf(a, grow(a.length));
            }
            a[size++] = v;
        }

        public int size() {
            return size;
        }

        /**
         * The backing array, with room for {@code n} values from index {@link #size()}: a parser
         * writes a row there and {@link #extend}s the size once the whole row is read, so that a
         * row it gives up on leaves nothing behind. Valid until the next call that may grow.
         */
        public float[] room(int n) {
            if (a.length - size < n) {
                a = Arrays.copyOf(a, Math.max(grow(a.length), size + n));
            }
            return a;
        }

        /** Counts the {@code n} values written after the size into the array {@link #room} returned. */
        public void extend(int n) {
            if (n < 0 || a.length - size < n) {
                throw new IndexOutOfBoundsException("cannot extend " + size + " values by " + n + " in " + a.length);
            }
            size += n;
        }

        /** A copy trimmed to the size. */
        public float[] toArray() {
            return Arrays.copyOf(a, size);
        }

        public float get(int i) {
            return a[i];
        }

        /** Drops every value after the first {@code newSize}. */
        public void truncate(int newSize) {
            if (newSize < 0 || newSize > size) {
                throw new IndexOutOfBoundsException("cannot truncate " + size + " values to " + newSize);
            }
            size = newSize;
        }

        /** Copies the values into {@code target} from {@code offset}. */
        public void copyInto(float[] target, int offset) {
            System.arraycopy(a, 0, target, offset, size);
        }
    }

    private static int grow(int length) {
        if (length >= Integer.MAX_VALUE - 16) {
            throw new OutOfMemoryError("array cannot grow past " + length + " entries");
        }
        return (int) Math.min((long) length + (length >> 1) + 16, Integer.MAX_VALUE - 16);
    }
}
