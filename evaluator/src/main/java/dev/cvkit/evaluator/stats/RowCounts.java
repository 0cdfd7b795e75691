package dev.cvkit.evaluator.stats;

/**
 * How many rows of each {@link RowKind} were read: what {@code overall} counted and what it left out.
 *
 * @param requests     rows counted in {@code overall}
 * @param transactions Transaction Controller rows (left out of overall)
 * @param subResults   sub-result rows (left out of overall)
 * @param markers      cvkit's own rows (left out of overall)
 */
public record RowCounts(long requests, long transactions, long subResults, long markers) {

    /** Every row read, whatever its kind. */
    public long total() {
        return requests + transactions + subResults + markers;
    }

    /** Rows left out of overall. */
    public long leftOutOfOverall() {
        return transactions + subResults + markers;
    }
}
