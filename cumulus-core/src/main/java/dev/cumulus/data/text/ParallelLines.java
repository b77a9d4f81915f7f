package dev.cumulus.data.text;

import dev.cumulus.concurrent.Futures;
import dev.cumulus.data.DataFormatException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/**
 * Parses a text file range by range on several threads and hands back the ranges' parsers in file
 * order, as if one thread had read the file line by line: the first malformed line of the file is
 * reported with its line number in the file, and with a row limit the lines after the last
 * wanted row are neither parsed into the result nor reported.
 */
public final class ParallelLines {

    private ParallelLines() {
    }

    /**
     * Parses {@code bytes} from {@code start} to the end.
     *
     * @param linesBefore the number of lines before {@code start} (line numbers in errors count them)
     * @param parsers makes one parser per range, given the range's length in bytes
     * @param maxRows keep at most this many rows, or null for all
     * @param source names the file in errors
     * @return the parsers of the ranges kept, in file order; the last may have been truncated
     * @throws DataFormatException at the first malformed line among the rows kept
     */
    public static <P extends RangeParser> List<P> parse(TextBytes bytes, long start, long linesBefore,
            IntFunction<P> parsers, Integer maxRows, String source, Parallelism parallelism) {
        long[] bounds = LineRanges.split(bytes, start, parallelism.rangeBytes(), source);
        int ranges = bounds.length - 1;
        Order<P> order = new Order<>(linesBefore, maxRows, source);
        Queue<byte[]> buffers = new ConcurrentLinkedQueue<>();
        int threads = Math.min(parallelism.threads(), ranges);
        if (threads <= 1) {
            for (int k = 0; k < ranges && order.accept(parseRange(bytes, bounds, k, parsers, buffers)); k++) {
                // accept() keeps each range in order until the row limit
            }
            return order.kept;
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, runnable -> {
            Thread t = new Thread(runnable, "cumulus-parse");
            t.setDaemon(true);
            return t;
        });
        try {
            // A few ranges in flight per thread: enough to keep the cores busy, few enough that
            // the raw bytes waiting to be parsed stay bounded.
            Deque<Future<P>> inFlight = new ArrayDeque<>();
            int next = 0;
            while (next < ranges || !inFlight.isEmpty()) {
                while (next < ranges && inFlight.size() < 2 * threads) {
                    int k = next++;
                    inFlight.add(pool.submit(() -> parseRange(bytes, bounds, k, parsers, buffers)));
                }
                if (!order.accept(Futures.await(inFlight.poll(), "parsing"))) {
                    break;
                }
            }
            return order.kept;
        } finally {
            pool.shutdownNow();
        }
    }

    private static <P extends RangeParser> P parseRange(TextBytes bytes, long[] bounds, int k,
            IntFunction<P> parsers, Queue<byte[]> buffers) {
        int length = (int) (bounds[k + 1] - bounds[k]);
        P parser = parsers.apply(length);
        byte[] memory = bytes.memory();
        if (memory != null) {
            parser.parse(memory, (int) bounds[k], (int) bounds[k + 1]);
            return parser;
        }
        // Range buffers are reused: fresh multi-megabyte arrays would each cost the collector a
        // humongous allocation.
        byte[] buffer = buffers.poll();
        if (buffer == null || buffer.length < length) {
            buffer = new byte[length];
        }
        bytes.read(bounds[k], buffer, length);
        parser.parse(buffer, 0, length);
        buffers.add(buffer);
        return parser;
    }

    /** Takes the parsed ranges in file order: numbers their lines, applies the row limit, reports errors. */
    private static final class Order<P extends RangeParser> {
        private final List<P> kept = new ArrayList<>();
        private final Integer maxRows;
        private final String source;
        private long linesBefore;
        private long rows;

        Order(long linesBefore, Integer maxRows, String source) {
            this.linesBefore = linesBefore;
            this.maxRows = maxRows;
            this.source = source;
        }

        /** Keeps a range; returns whether later ranges are still wanted. */
        boolean accept(P range) {
            long wanted = maxRows == null ? Long.MAX_VALUE : maxRows - rows;
            if (range.failed() && range.rowsBeforeError() < wanted) {
                throw DataFormatException.atLine(source, linesBefore + range.errorLine(), range.errorReason());
            }
            if (range.rows() >= wanted) {
                range.truncate((int) wanted);
                kept.add(range);
                rows += wanted;
                return false;
            }
            kept.add(range);
            rows += range.rows();
            linesBefore += range.lines();
            return true;
        }
    }
}
