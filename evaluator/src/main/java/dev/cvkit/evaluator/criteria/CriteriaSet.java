package dev.cvkit.evaluator.criteria;

import java.util.List;
import java.util.Objects;

/**
 * Everything a criteria file says, in file order.
 *
 * @param source          the criteria file as the user named it
 * @param criteria        the client-side criteria, judged against the results
 * @param serverCriteria  ALT server-metric criteria, reported as not evaluated locally
 */
public record CriteriaSet(String source, List<Criterion> criteria, List<ServerMetricCriterion> serverCriteria) {
    public CriteriaSet {
        Objects.requireNonNull(source, "source");
        criteria = List.copyOf(criteria);
        serverCriteria = List.copyOf(serverCriteria);
    }
}
