package dev.cvkit.evaluator.stats;

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

    /** Things the user should know that did not stop the evaluation (truncated last line, skipped rows). */
    List<String> warnings();
}
