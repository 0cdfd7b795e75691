package dev.cvkit.evaluator.reference;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A recorded run that relative criteria ({@code p95(response_time_ms) > +10%}) compare against: per phase,
 * the overall and per-label summaries with their histograms, never the raw rows. Immutable.
 *
 * <p>Phases are a level of their own so that before/during/after summaries of fault runs fit in without
 * a change of format; the whole run is always phase {@link #WHOLE_RUN}.
 *
 * @param recordedAt when it was recorded
 * @param recordedBy the cvkit version that recorded it
 * @param sources    the results it was recorded from, as named on the command line
 * @param phases     summaries by phase name; always holds {@link #WHOLE_RUN}
 */
public record ReferenceRun(Instant recordedAt, String recordedBy, List<String> sources, Map<String, PhaseSummary> phases) {

    /** The phase that holds every row. */
    public static final String WHOLE_RUN = "all";

    public ReferenceRun {
        Objects.requireNonNull(recordedAt, "recordedAt");
        Objects.requireNonNull(recordedBy, "recordedBy");
        sources = List.copyOf(sources);
        phases = Collections.unmodifiableMap(new LinkedHashMap<>(phases));
        if (!phases.containsKey(WHOLE_RUN)) {
            throw new IllegalArgumentException("a reference run always holds phase '" + WHOLE_RUN + "'");
        }
    }

    /** The summary of {@code phase}, or empty when the reference has none. */
    public Optional<PhaseSummary> phase(String phase) {
        return Optional.ofNullable(phases.get(phase));
    }
}
