package dev.cumulus.coding;

import java.util.Arrays;

/**
 * The global state vector x = (x_1..x_N): how many chunks each worker has finished, in its public
 * order. This is what the coordinator broadcasts with "encode and transmit". Immutable.
 */
public final class StateVector {
    private final int[] finished;

    private StateVector(int[] finished) {
        for (int j = 0; j < finished.length; j++) {
            if (finished[j] < 0) {
                throw new IllegalArgumentException("worker " + j + " has a negative finished count " + finished[j]);
            }
        }
        this.finished = finished;
    }

    /** A state from the per-worker finished counts (copied). */
    public static StateVector of(int... finished) {
        return new StateVector(finished.clone());
    }

    /** The state in which nobody has finished anything. */
    public static StateVector empty(int workers) {
        return new StateVector(new int[workers]);
    }

    /** The state in which every worker has finished all its chunks. */
    public static StateVector complete(Assignment assignment) {
        int[] x = new int[assignment.workers()];
        for (int j = 0; j < x.length; j++) {
            x[j] = assignment.load(j);
        }
        return new StateVector(x);
    }

    /** Number of workers. */
    public int workers() {
        return finished.length;
    }

    /** x_j. */
    public int finished(int worker) {
        return finished[worker];
    }

    /** All counts (a copy). */
    public int[] toArray() {
        return finished.clone();
    }

    /** Total chunks finished over the cluster. */
    public int total() {
        int sum = 0;
        for (int x : finished) {
            sum += x;
        }
        return sum;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StateVector s && Arrays.equals(finished, s.finished);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(finished);
    }

    @Override
    public String toString() {
        return "x=" + Arrays.toString(finished);
    }
}
