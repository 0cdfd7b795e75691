package dev.cvkit.evaluator.stats;

/**
 * How many rows of each {@link RowKind} were read: what {@code overall} counted and what it left out, and the
 * malformed rows {@code --lenient} skipped.
 *
 * @param requests     rows counted in {@code overall}
 * @param transactions Transaction Controller rows (left out of overall)
 * @param subResults   sub-result rows (left out of overall)
 * @param markers      cvkit's own rows (left out of overall)
 * @param skipped      malformed rows skipped by {@code --lenient} (in no figure)
 * @param firstSkipped where the first of them is, or null when none was
 */
public record RowCounts(long requests, long transactions, long subResults, long markers, long skipped,
        Place firstSkipped) {

    /** A row's place: its file (or archive entry) and line; shown as {@code file:line}. */
    public record Place(String file, long line) {
        @Override
        public String toString() {
            return file + ":" + line;
        }
    }

    /** Counts of a reading that skipped no row. */
    public RowCounts(long requests, long transactions, long subResults, long markers) {
        this(requests, transactions, subResults, markers, 0, null);
    }

    /** The same counts with the rows --lenient skipped. */
    public RowCounts withSkipped(long rows, Place first) {
        return new RowCounts(requests, transactions, subResults, markers, rows, rows == 0 ? null : first);
    }

    /** Every row read and counted, whatever its kind (skipped rows not included). */
    public long total() {
        return requests + transactions + subResults + markers;
    }

    /** Rows left out of overall. */
    public long leftOutOfOverall() {
        return transactions + subResults + markers;
    }
}
