package dev.cvkit.evaluator.stats;

import java.util.Arrays;

/**
 * Counts of whole-millisecond values in memory that does not grow with the number of values.
 *
 * <p>Up to {@value #LIST_LIMIT} values below 2<sup>31</sup> ms are simply kept (exact, a few hundred
 * bytes: a results file with tens of thousands of rarely used labels stays small). Beyond that, values 0 to 4,095 ms are counted
 * exactly, one counter each, and larger values in 512 buckets per power of two, so a bucket is narrower
 * than 0.2% of its values. Counters live in pages of 128, made when a value first falls in them: a label
 * whose times span 50 ms to 3 s holds about 30 KB.
 */
public final class MillisHistogram {

    /** Values kept as a list before counting switches to pages. */
    static final int LIST_LIMIT = 256;
    /** Values below this are counted exactly. */
    static final int EXACT_LIMIT = 1 << 12;
    private static final int SUB_BUCKET_BITS = 9;
    private static final int SUB_BUCKETS = 1 << SUB_BUCKET_BITS;
    private static final int FIRST_LOG_BIT = 12;
    private static final int PAGE_BITS = 7;
    private static final int PAGE = 1 << PAGE_BITS;
    private static final int INDEXES = EXACT_LIMIT + (63 - FIRST_LOG_BIT) * SUB_BUCKETS;

    private int[] list = new int[4];
    private int listed;
    private long[][] pages;

    /** Counts one value, {@code >= 0}. */
    public void record(long millis) {
        if (pages == null) {
            if (listed < LIST_LIMIT && millis <= Integer.MAX_VALUE) {
                if (listed == list.length) {
                    list = Arrays.copyOf(list, listed * 2);
                }
                list[listed++] = (int) millis;
                return;
            }
            toPages();
        }
        count(millis, 1);
    }

    private void count(long millis, long n) {
        int index = millis < EXACT_LIMIT ? (int) millis : logIndex(millis);
        long[] page = pages[index >>> PAGE_BITS];
        if (page == null) {
            page = new long[PAGE];
            pages[index >>> PAGE_BITS] = page;
        }
        page[index & (PAGE - 1)] += n;
    }

    private void toPages() {
        pages = new long[INDEXES >>> PAGE_BITS][];
        for (int i = 0; i < listed; i++) {
            count(list[i], 1);
        }
        list = null;
        listed = 0;
    }

    /**
     * Adds every count of {@code other}, which must not be used afterwards: its storage may be taken
     * over rather than copied (merging the parts of a read must not double their memory).
     */
    public void absorb(MillisHistogram other) {
        if (other.pages == null) {
            for (int i = 0; i < other.listed; i++) {
                record(other.list[i]);
            }
            return;
        }
        if (pages == null) {
            int[] mine = list;
            int n = listed;
            pages = other.pages;
            list = null;
            listed = 0;
            for (int i = 0; i < n; i++) {
                count(mine[i], 1);
            }
            other.pages = null;
            return;
        }
        for (int p = 0; p < pages.length; p++) {
            long[] theirs = other.pages[p];
            if (theirs == null) {
                continue;
            }
            if (pages[p] == null) {
                pages[p] = theirs;
            } else {
                long[] mine = pages[p];
                for (int i = 0; i < PAGE; i++) {
                    mine[i] += theirs[i];
                }
            }
        }
        other.pages = null;
    }

    /**
     * The {@code rank}-th smallest value (1-based) when it is known exactly (as a listed value, or below
     * {@value #EXACT_LIMIT} ms), else the largest value its bucket can hold; -1 when fewer than
     * {@code rank} values were counted.
     */
    public long upperBoundOfRank(long rank) {
        if (pages == null) {
            if (rank > listed) {
                return -1;
            }
            int[] sorted = Arrays.copyOf(list, listed);
            Arrays.sort(sorted);
            return sorted[(int) rank - 1];
        }
        long seen = 0;
        for (int p = 0; p < pages.length; p++) {
            long[] page = pages[p];
            if (page == null) {
                continue;
            }
            for (int i = 0; i < PAGE; i++) {
                seen += page[i];
                if (seen >= rank) {
                    return highestValue((p << PAGE_BITS) + i);
                }
            }
        }
        return -1;
    }

    /**
     * Calls {@code action} with each non-empty counter in ascending order: its value (listed values, and
     * any below {@value #EXACT_LIMIT} ms) or the highest value its bucket can hold, and its count.
     */
    public void forEachCounter(CountedValues.ValueCountAction action) {
        if (pages == null) {
            int[] sorted = Arrays.copyOf(list, listed);
            Arrays.sort(sorted);
            for (int i = 0; i < sorted.length; ) {
                int j = i;
                while (j < sorted.length && sorted[j] == sorted[i]) {
                    j++;
                }
                action.accept(sorted[i], j - i);
                i = j;
            }
            return;
        }
        for (int p = 0; p < pages.length; p++) {
            long[] page = pages[p];
            if (page == null) {
                continue;
            }
            for (int i = 0; i < PAGE; i++) {
                if (page[i] != 0) {
                    action.accept(highestValue((p << PAGE_BITS) + i), page[i]);
                }
            }
        }
    }

    private static int logIndex(long millis) {
        int bit = 63 - Long.numberOfLeadingZeros(millis);
        int shift = bit - SUB_BUCKET_BITS;
        return EXACT_LIMIT + (bit - FIRST_LOG_BIT) * SUB_BUCKETS + (int) (millis >>> shift) - SUB_BUCKETS;
    }

    private static long highestValue(int index) {
        if (index < EXACT_LIMIT) {
            return index;
        }
        int bit = FIRST_LOG_BIT + (index - EXACT_LIMIT) / SUB_BUCKETS;
        long sub = (index - EXACT_LIMIT) % SUB_BUCKETS + SUB_BUCKETS;
        int shift = bit - SUB_BUCKET_BITS;
        return ((sub + 1) << shift) - 1;
    }
}
