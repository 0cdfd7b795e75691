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
     * Reads {@code text[offset ... offset + length)}. The loop is kept small, the message of a bad pair made
     * elsewhere: a reference's few hundred thousand characters make it hot enough for the optimising compiler,
     * which compiles it while the gate's criteria wait for the reference.
     */
    static BucketPairs parse(char[] text, int offset, int length) {
        int end = offset + length;
        int n = length == 0 ? 0 : 1;
        for (int i = offset; i < end; i++) {
            if (text[i] == ' ') {
                n++;
            }
        }
        long[] bucketMillis = new long[n];
        long[] counts = new long[n];
        int at = offset;
        for (int k = 0; k < n; k++) {
            int start = at;
            // At most 18 digits: a longer number could overflow, and no histogram holds one.
            long millis = 0;
            int digitsEnd = Math.min(end, at + 18);
            for (char c; at < digitsEnd && (c = text[at]) >= '0' && c <= '9'; at++) {
                millis = millis * 10 + (c - '0');
            }
            if (at == start || at >= end || text[at] != ':') {
                return bad(text, start, end, k);
            }
            int countStart = ++at;
            long count = 0;
            digitsEnd = Math.min(end, at + 18);
            for (char c; at < digitsEnd && (c = text[at]) >= '0' && c <= '9'; at++) {
                count = count * 10 + (c - '0');
            }
            if (at == countStart || (k == n - 1 ? at != end : text[at++] != ' ')) {
                return bad(text, start, end, k);
            }
            bucketMillis[k] = millis;
            counts[k] = count;
        }
        return new BucketPairs(bucketMillis, counts, null);
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
