package dev.cvkit.evaluator.criteria;

/**
 * The accepted criteria grammar in words, appended to every message about a criteria file that cannot
 * be read, so that the user can fix the file without looking anything up.
 */
public final class CriteriaGrammar {

    /** Multi-line description of what a criteria file may contain. */
    public static final String DESCRIPTION = String.join("\n",
            "Accepted criteria (Azure Load Testing's failureCriteria syntax; each criterion is a FAILURE condition):",
            "  failureCriteria:                      # the run fails when any of these holds",
            "    - avg(response_time_ms) > 300",
            "    - GetCustomerDetails: p99(latency) > 800",
            "  warnCriteria:                         # same syntax; the run passes with a warning",
            "    - percentage(error) > 1",
            "  A list may also be written as a map: failureCriteria: {clientMetrics: [...], serverMetrics: [...]}",
            "  (ALT serverMetrics are accepted and reported as not evaluated locally). Other keys of an ALT",
            "  config.yaml are ignored.",
            "  criterion:  [<label>: ]<aggregate>(<metric>) <op> <threshold>[, continue]",
            "  metrics:    response_time_ms, latency, connect_time_ms with avg|min|max|pNN|pNN.N",
            "              (p50 p75 p90 p95 p96 p97 p98 p99 p999=p99.9 p9999=p99.99 ...);",
            "              avg(requests_per_sec); count(requests); percentage(error)",
            "  op:         >  <  >=  <=",
            "  threshold:  a number (ms for times, percent for errors), e.g. 300, 1.5;",
            "              or a signed percentage, a change against the reference run (--reference FILE):",
            "              p95(response_time_ms) > +10%   avg(requests_per_sec) < -10%",
            "              (fails only when the change is also statistically significant; not min or max)",
            "  window:     '<criterion> for 30s' holds only when the condition held for 30 s (second by second)",
            "  recovery:   [<label>: ]recovery_time_s(response_time_ms|latency|connect_time_ms|error) > <seconds>",
            "  fault phases, inside failureCriteria:/warnCriteria: (a list item, or beside clientMetrics:):",
            "    - phases: {before: [...], during: [...], after: [...]}",
            "  top level:  warmup: 60s | auto    recovery: {window: 10s, hold: 30s, tolerance: 20%, errorTolerance: 1%}");

    private CriteriaGrammar() {
    }
}
