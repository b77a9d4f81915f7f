package dev.cumulus.sim.train;

/** A binary min-heap of (time, worker) events: the simulator's clock. Ties go to the lower worker. */
final class EventQueue {
    private final int[] workers;
    private final double[] times;
    private int size;

    EventQueue(int capacity) {
        workers = new int[capacity];
        times = new double[capacity];
    }

    boolean isEmpty() {
        return size == 0;
    }

    int size() {
        return size;
    }

    double peekTime() {
        return times[0];
    }

    int peekWorker() {
        return workers[0];
    }

    void push(int worker, double time) {
        int k = size++;
        while (k > 0) {
            int parent = (k - 1) >>> 1;
            if (!before(time, worker, times[parent], workers[parent])) {
                break;
            }
            workers[k] = workers[parent];
            times[k] = times[parent];
            k = parent;
        }
        workers[k] = worker;
        times[k] = time;
    }

    /** Removes the earliest event. */
    void pop() {
        size--;
        if (size > 0) {
            siftDown(workers[size], times[size]);
        }
    }

    private void siftDown(int worker, double time) {
        int k = 0;
        while (true) {
            int child = 2 * k + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && before(times[child + 1], workers[child + 1], times[child], workers[child])) {
                child++;
            }
            if (!before(times[child], workers[child], time, worker)) {
                break;
            }
            workers[k] = workers[child];
            times[k] = times[child];
            k = child;
        }
        workers[k] = worker;
        times[k] = time;
    }

    private static boolean before(double t1, int w1, double t2, int w2) {
        return t1 < t2 || (t1 == t2 && w1 < w2);
    }
}
