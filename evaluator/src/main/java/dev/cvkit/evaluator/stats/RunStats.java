package dev.cvkit.evaluator.stats;

import dev.cvkit.evaluator.markers.FaultMarker;
import java.util.List;
import java.util.Map;

/**
 * Everything the readers learned from one set of results: the figures the criteria are judged on.
 */
public interface RunStats {

    /**
     * Requests only: transaction-controller rows, sub-result rows and cvkit's marker rows are left out
     * (see the evaluator README for the exact rules).
     */
    SampleSummary overall();

    /** Every label's rows, keyed by label, in order of first appearance. */
    Map<String, SampleSummary> labels();

    /**
     * Things the user should know that did not stop the evaluation (truncated last line, skipped rows).
     * The reader has already printed each of them to its progress stream.
     */
    List<String> warnings();

    /** How many rows of each kind were read; {@code rowCounts().requests() == overall().count()}. */
    RowCounts rowCounts();

    /** The cvkit fault-marker rows, in input order (file by file, row by row). */
    List<FaultMarker> markers();
}
