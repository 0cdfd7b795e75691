package dev.cvkit.evaluator.criteria;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Which reference run an evaluation compared against, for the reports.
 *
 * @param source     the file as named on the command line
 * @param recordedAt when it was recorded
 * @param sources    the results it was recorded from
 */
public record ReferenceRunInfo(String source, Instant recordedAt, List<String> sources) {
    public ReferenceRunInfo {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(recordedAt, "recordedAt");
        sources = List.copyOf(sources);
    }
}
