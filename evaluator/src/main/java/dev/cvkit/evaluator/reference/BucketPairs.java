package dev.cvkit.evaluator.reference;

/**
 * A version-2 histogram's {@code buckets} string, {@code ms:count} pairs of whole numbers separated by single
 * spaces, as read: the two columns, or what is wrong with it.
 *
 * @param bucketMillis each bucket's largest value in ms (null when {@code problem} is set)
 * @param counts       values in each bucket (null when {@code problem} is set)
 * @param problem      what is wrong, for a message that adds where; null when the text reads
 */
record BucketPairs(long[] bucketMillis, long[] counts, String problem) {

    /**
     * Reads buckets strings one after the other into two columns it keeps (grown as a string needs), so that
     * each string costs only its two exact columns: a reference holds some 170 of them.
     */
    static final class Parser {
        private long[] bucketMillis = new long[256];
        private long[] counts = new long[256];

        /**
         * Reads {@code text[offset ... offset + length)}, in one pass. The loop is kept small, the message of a
         * bad pair made elsewhere: a reference's few hundred thousand characters make it hot enough for the
         * optimising compiler, which compiles it while the gate's criteria wait for the reference (an earlier
         * pass that counted the pairs first was as much again to run and to compile).
         */
        BucketPairs parse(char[] text, int offset, int length) {
            if (length == 0) {
                return new BucketPairs(new long[0], new long[0], null);
            }
            int end = offset + length;
            int n = 0;
            int at = offset;
            while (true) {
                int start = at;
                // At most 18 digits: a longer number could overflow, and no histogram holds one.
                long millis = 0;
                int digitsEnd = Math.min(end, at + 18);
                for (char c; at < digitsEnd && (c = text[at]) >= '0' && c <= '9'; at++) {
                    millis = millis * 10 + (c - '0');
                }
                if (at == start || at >= end || text[at] != ':') {
                    return bad(text, start, end, n);
                }
                int countStart = ++at;
                long count = 0;
                digitsEnd = Math.min(end, at + 18);
                for (char c; at < digitsEnd && (c = text[at]) >= '0' && c <= '9'; at++) {
                    count = count * 10 + (c - '0');
                }
                if (at == countStart || at < end && text[at] != ' ') {
                    return bad(text, start, end, n);
                }
                if (n == bucketMillis.length) {
                    bucketMillis = java.util.Arrays.copyOf(bucketMillis, n * 2);
                    counts = java.util.Arrays.copyOf(counts, n * 2);
                }
                bucketMillis[n] = millis;
                counts[n++] = count;
                if (at == end) {
                    break;
                }
                at++; // the space; a pair must follow it
            }
            return new BucketPairs(java.util.Arrays.copyOf(bucketMillis, n), java.util.Arrays.copyOf(counts, n), null);
        }
    }

    /** Pair {@code k} (0-based), starting at {@code start}, does not read. */
    private static BucketPairs bad(char[] text, int start, int end, int k) {
        int pairEnd = start;
        while (pairEnd < end && text[pairEnd] != ' ') {
            pairEnd++;
        }
        String pair = new String(text, start, Math.min(pairEnd - start, 43));
        return new BucketPairs(null, null, "expected \"ms:count\" pairs of whole numbers separated by single spaces;"
                + " pair " + (k + 1) + " is \"" + (pairEnd - start > 40 ? pair.substring(0, 40) + "..." : pair) + "\"");
    }
}
