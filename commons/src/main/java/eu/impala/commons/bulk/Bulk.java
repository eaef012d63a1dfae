package eu.impala.commons.bulk;

import java.util.stream.IntStream;

/** The rows of a set-based write, prepared on all cores once there are enough of them to pay for the hand-over. */
public final class Bulk {

    /** Below this many rows, one thread is faster than splitting the work. */
    static final int PARALLEL_FROM = 256;

    private Bulk() {
    }

    /** Indexes 0..n-1, parallel from {@value #PARALLEL_FROM} on; each index must touch only its own array slots. */
    public static IntStream indexes(int n) {
        IntStream range = IntStream.range(0, n);
        return n >= PARALLEL_FROM ? range.parallel() : range;
    }
}
