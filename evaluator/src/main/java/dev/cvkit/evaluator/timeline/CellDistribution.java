package dev.cvkit.evaluator.timeline;

import dev.cvkit.evaluator.stats.NearestRank;

/**
 * The values of one timing in one time cell, in little memory: exact count, sum, minimum and maximum, and a
 * histogram with 32 buckets per power of two (exact below 64 ms). The values are kept as a list of their
 * buckets (two bytes each: most cells of a label hold a few rows) while that is smaller than counters over the
 * range of buckets they touch (four bytes a bucket), always up to {@value #LIST_LIMIT} values and at most
 * {@value #LIST_MAX}; beyond, as those counters.
 *
 * <p>A percentile is the nearest-rank value's bucket, reported as the middle of the bucket and kept within
 * the exact minimum and maximum: at most 1/64 (1.6%) from the exact value, exact below 64 ms. The
 * statistics tables and phase figures do not use this class; they keep full-resolution histograms
 * ({@code stats.MillisDistribution}). Time cells serve the charts, the sustained ({@code for 30s}) criteria
 * and recovery, where one cell per second and label must stay small.
 */
public class CellDistribution {

    static final int EXACT_BELOW = 64;
    private static final int SUB_BITS = 5;
    private static final int SUB = 1 << SUB_BITS;
    static final int MAX_INDEX = EXACT_BELOW + (63 - 6) * SUB;
    /** Values always listed: a list is turned into counters only beyond this many. */
    static final int LIST_LIMIT = 64;
    /** Values listed at most, however widely they spread. */
    static final int LIST_MAX = 1024;

    int count;
    long sum;
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    /** The buckets of the values, while there are at most {@link #LIST_LIMIT} (then null). */
    private short[] list;
    private int lo;
    /** Counters of buckets {@code lo ...}, once the list is full (else null). */
    private int[] counts;

    public CellDistribution() {
    }

    /** @param expected values the cell is expected to hold: its list starts that long (up to {@link #LIST_MAX}) */
    CellDistribution(int expected) {
        list = new short[Math.max(4, Math.min(LIST_MAX, expected))];
    }

    /** The bucket of a value {@code >= 0}. */
    static int index(long millis) {
        if (millis < EXACT_BELOW) {
            return (int) millis;
        }
        int bit = 63 - Long.numberOfLeadingZeros(millis);
        return EXACT_BELOW + ((bit - 6) << SUB_BITS) + (int) (millis >>> (bit - SUB_BITS)) - SUB;
    }

    static long lowest(int index) {
        if (index < EXACT_BELOW) {
            return index;
        }
        int bit = 6 + (index - EXACT_BELOW) / SUB;
        long sub = (index - EXACT_BELOW) % SUB + SUB;
        return sub << (bit - SUB_BITS);
    }

    static long highest(int index) {
        return index < EXACT_BELOW ? index : lowest(index + 1) - 1;
    }

    /**
     * Records one value, {@code >= 0}.
     *
     * @return how many bytes the cell's arrays grew by (0 for most values; see {@link #footprint()})
     */
    public final int record(long millis) {
        int idx = index(millis);
        int grown = 0;
        if (counts == null) {
            if (list == null) {
                list = new short[8];
                grown = arrayBytes();
            } else if (count == list.length) {
                int before = arrayBytes();
                if (count < LIST_LIMIT || count < LIST_MAX && listSmallerThanCounts(idx)) {
                    list = java.util.Arrays.copyOf(list, Math.min(count * 2, LIST_MAX));
                } else {
                    toCounts(idx, idx);
                }
                grown = arrayBytes() - before;
            }
        }
        if (counts == null) {
            list[count] = (short) idx;
        } else {
            int off = idx - lo;
            if (off < 0 || off >= counts.length) {
                int before = arrayBytes();
                grow(idx);
                grown += arrayBytes() - before;
                off = idx - lo;
            }
            counts[off]++;
        }
        count++;
        sum += millis;
        if (millis < min) {
            min = millis;
        }
        if (millis > max) {
            max = millis;
        }
        return grown;
    }

    /**
     * Whether the list, doubled, holds fewer bytes than counters over the buckets its values (and a value in
     * bucket {@code idx}) span would: response times spread over hundreds of buckets, so a cell of a few hundred
     * rows is smaller as a list (two bytes a value) than as counters (four bytes a bucket, most of them 0). Both
     * memory and what a reading allocates (and collects) follow.
     */
    private boolean listSmallerThanCounts(int idx) {
        int lowest = Math.min(idx, index(Math.max(0, min)));
        int highest = Math.max(idx, index(Math.max(0, max)));
        int range = highest - lowest + 1;
        return listSmaller(2L * count, range + 2L * Math.max(8, range / 4)); // with toCounts' room on both sides
    }

    /** Whether a list of {@code values} (two bytes each) takes no more than {@code counters} (four bytes each). */
    private static boolean listSmaller(long values, long counters) {
        return 2 * values <= 4 * counters;
    }

    /** Turns the list into counters covering it and {@code [extraLo, extraHi]}, with room around. */
    private void toCounts(int extraLo, int extraHi) {
        int l = extraLo;
        int h = extraHi;
        int listed = list == null ? 0 : Math.min(count, list.length);
        for (int i = 0; i < listed; i++) {
            l = Math.min(l, list[i]);
            h = Math.max(h, list[i]);
        }
        int slack = Math.max(8, (h - l + 1) / 4);
        lo = Math.max(0, l - slack);
        counts = new int[Math.min(MAX_INDEX + 1, h + 1 + slack) - lo];
        for (int i = 0; i < listed; i++) {
            counts[list[i] - lo]++;
        }
        list = null;
    }

    private void grow(int idx) {
        int hi = lo + counts.length;
        int slack = Math.max(8, counts.length / 2);
        int newLo = idx < lo ? Math.max(0, idx - slack) : lo;
        int newHi = idx >= hi ? Math.min(MAX_INDEX + 1, idx + 1 + slack) : hi;
        int[] grown = new int[newHi - newLo];
        System.arraycopy(counts, 0, grown, lo - newLo, counts.length);
        counts = grown;
        lo = newLo;
    }

    /**
     * Adds every value of {@code other}: parts' cells merged, cells of a coarser width, a label's two series.
     * Cells added up many at a time (overall's, merged steps) go through {@link CellSummer} instead. Kept in small
     * methods: one large method with four loops took the optimising compiler some 0.1 s of a core to compile.
     */
    public final void add(CellDistribution other) {
        if (other == null || other.count == 0) {
            return;
        }
        if (counts == null && other.counts == null && count + other.count <= LIST_LIMIT) {
            appendList(other);
        } else {
            coverRangeOf(other);
            if (other.counts != null) {
                addCounts(other);
            } else {
                addListed(other);
            }
        }
        count += other.count;
        sum += other.sum;
        min = Math.min(min, other.min);
        max = Math.max(max, other.max);
    }

    private void appendList(CellDistribution other) {
        if (list == null || list.length < count + other.count) {
            list = java.util.Arrays.copyOf(list == null ? new short[0] : list,
                    Math.max(8, Integer.highestOneBit(count + other.count - 1) << 1));
        }
        System.arraycopy(other.list, 0, list, count, other.count);
    }

    /** Makes this cell's counters (from its list, if need be) cover the buckets {@code other} holds. */
    private void coverRangeOf(CellDistribution other) {
        int otherLo;
        int otherHi;
        if (other.counts != null) {
            otherLo = other.lo;
            otherHi = other.lo + other.counts.length - 1;
        } else {
            otherLo = Integer.MAX_VALUE;
            otherHi = -1;
            for (int i = 0; i < other.count; i++) {
                otherLo = Math.min(otherLo, other.list[i]);
                otherHi = Math.max(otherHi, other.list[i]);
            }
        }
        if (counts == null) {
            toCounts(otherLo, otherHi);
        } else if (otherLo < lo || otherHi >= lo + counts.length) {
            int newLo = Math.min(lo, otherLo);
            int newHi = Math.max(lo + counts.length, otherHi + 1);
            int[] grown = new int[newHi - newLo];
            System.arraycopy(counts, 0, grown, lo - newLo, counts.length);
            counts = grown;
            lo = newLo;
        }
    }

    private void addCounts(CellDistribution other) {
        int shift = other.lo - lo;
        int[] theirs = other.counts;
        for (int i = 0; i < theirs.length; i++) {
            counts[shift + i] += theirs[i];
        }
    }

    private void addListed(CellDistribution other) {
        short[] theirs = other.list;
        for (int i = 0; i < other.count; i++) {
            counts[theirs[i] - lo]++;
        }
    }

    /**
     * Makes this empty cell hold the {@code count} values counted in {@code full[lo..hi]} (every value of the
     * array lies there), as a list or as counters, whichever is smaller; clears those buckets of {@code full}.
     */
    final void load(long[] full, int lo, int hi, int count, long sum, long min, long max) {
        int range = hi - lo + 1;
        if (count <= LIST_LIMIT || count <= LIST_MAX && listSmaller(count, range)) {
            list = new short[count];
            int n = 0;
            for (int i = lo; i <= hi; i++) {
                for (long k = full[i]; k > 0; k--) {
                    list[n++] = (short) i;
                }
                full[i] = 0;
            }
        } else {
            this.lo = lo;
            counts = new int[range];
            for (int i = 0; i < range; i++) {
                counts[i] = (int) full[lo + i];
                full[lo + i] = 0;
            }
            list = null;
        }
        this.count = count;
        this.sum = sum;
        this.min = min;
        this.max = max;
    }

    /** About how many bytes this holds (object and arrays), for the accumulator's memory budget. */
    int footprint() {
        return 48 + arrayBytes();
    }

    private int arrayBytes() {
        return (list != null ? 16 + 2 * list.length : 0) + (counts != null ? 16 + 4 * counts.length : 0);
    }

    /** Values recorded. */
    public final int count() {
        return count;
    }

    public final double meanMillis() {
        return count == 0 ? Double.NaN : (double) sum / count;
    }

    public final long minMillis() {
        return min;
    }

    public final long maxMillis() {
        return max;
    }

    /**
     * Nearest-rank percentile within 1.6% (see the class comment); NaN when nothing was recorded.
     *
     * @param percentile in {@code (0, 100]}
     */
    public final double percentileMillis(double percentile) {
        if (count == 0) {
            return Double.NaN;
        }
        long rank = NearestRank.rank(percentile, count);
        if (rank >= count) {
            return max;
        }
        if (counts == null) {
            short[] sorted = java.util.Arrays.copyOf(list, count);
            java.util.Arrays.sort(sorted);
            return clamp(sorted[(int) rank - 1]);
        }
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return clamp(lo + i);
            }
        }
        return max;
    }

    private long clamp(int index) {
        long middle = (lowest(index) + highest(index)) / 2;
        return Math.max(min, Math.min(max, middle));
    }

    /** For rolling windows: adds ({@code sign} 1) or removes ({@code sign} -1) this cell's buckets to a full array. */
    final void addTo(long[] full, int sign) {
        if (counts == null) {
            for (int i = 0; i < count; i++) {
                full[list[i]] += sign;
            }
            return;
        }
        for (int i = 0; i < counts.length; i++) {
            full[lo + i] += sign * (long) counts[i];
        }
    }

    /**
     * Nearest-rank percentile of a full bucket array holding {@code total} values, kept within the exact
     * {@code min} and {@code max} of those values.
     */
    static double percentileOf(long[] full, long total, double percentile, long min, long max) {
        if (total <= 0) {
            return Double.NaN;
        }
        long rank = NearestRank.rank(percentile, total);
        long seen = 0;
        // Start at the bucket of the smallest value: nothing lies below it.
        for (int i = index(Math.max(0, min)); i < full.length; i++) {
            seen += full[i];
            if (seen >= rank) {
                return Math.max(min, Math.min(max, (lowest(i) + highest(i)) / 2));
            }
        }
        return Double.NaN;
    }
}
