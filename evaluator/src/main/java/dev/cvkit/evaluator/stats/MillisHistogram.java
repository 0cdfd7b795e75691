package dev.cvkit.evaluator.stats;

/**
 * Counts of whole-millisecond values in memory that does not grow with the number of values.
 *
 * <p>Values 0 to 4,095 ms are counted exactly, one counter each; larger values in 512 buckets per power
 * of two, so a bucket is narrower than 0.2% of its values. Counters live in pages of 128, made when a
 * value first falls in them: a label whose times span 50 ms to 3 s holds about 30 KB.
 */
public final class MillisHistogram {

    /** Values below this are counted exactly. */
    static final int EXACT_LIMIT = 1 << 12;
    private static final int SUB_BUCKET_BITS = 9;
    private static final int SUB_BUCKETS = 1 << SUB_BUCKET_BITS;
    private static final int FIRST_LOG_BIT = 12;
    private static final int PAGE_BITS = 7;
    private static final int PAGE = 1 << PAGE_BITS;
    private static final int INDEXES = EXACT_LIMIT + (63 - FIRST_LOG_BIT) * SUB_BUCKETS;

    private final long[][] pages = new long[INDEXES >>> PAGE_BITS][];

    /** Counts one value, {@code >= 0}. */
    public void record(long millis) {
        int index = millis < EXACT_LIMIT ? (int) millis : logIndex(millis);
        long[] page = pages[index >>> PAGE_BITS];
        if (page == null) {
            page = new long[PAGE];
            pages[index >>> PAGE_BITS] = page;
        }
        page[index & (PAGE - 1)]++;
    }

    /** Adds every count of {@code other}. */
    public void add(MillisHistogram other) {
        for (int p = 0; p < pages.length; p++) {
            long[] theirs = other.pages[p];
            if (theirs == null) {
                continue;
            }
            if (pages[p] == null) {
                pages[p] = theirs.clone();
            } else {
                long[] mine = pages[p];
                for (int i = 0; i < PAGE; i++) {
                    mine[i] += theirs[i];
                }
            }
        }
    }

    /**
     * The largest value the bucket holding the {@code rank}-th smallest value can hold (that value itself
     * below {@value #EXACT_LIMIT} ms); -1 when fewer than {@code rank} values were counted.
     */
    public long upperBoundOfRank(long rank) {
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
     * Calls {@code action} with each non-empty counter in ascending order: its value (below
     * {@value #EXACT_LIMIT} ms) or the highest value its bucket can hold, and its count.
     */
    public void forEachCounter(CountedValues.ValueCountAction action) {
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
