package dev.cvkit.evaluator.analysis;

import dev.cvkit.evaluator.markers.FaultMarker;
import dev.cvkit.evaluator.phases.Phase;
import dev.cvkit.evaluator.stats.RowCounts;
import dev.cvkit.evaluator.stats.RunStats;
import dev.cvkit.evaluator.stats.SampleSummary;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The statistics of one fault phase: its rows (by {@code timeStamp}), per label and overall, with the same
 * definitions as the whole run's. {@link #startMillis()} and {@link #endMillis()} are the span the phase
 * covers within the results (for {@code during} with several windows: from the first window's start to the
 * last one's end).
 */
public final class PhaseStats implements RunStats {

    private final Phase phase;
    private final long startMillis;
    private final long endMillis;
    private final SampleSummary overall;
    private final Map<String, SampleSummary> labels;
    private final RowCounts rowCounts;

    PhaseStats(Phase phase, long startMillis, long endMillis, SampleSummary overall, Map<String, SampleSummary> labels,
            RowCounts rowCounts) {
        this.phase = Objects.requireNonNull(phase, "phase");
        this.startMillis = startMillis;
        this.endMillis = endMillis;
        this.overall = overall;
        this.labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
        this.rowCounts = rowCounts;
    }

    public Phase phase() {
        return phase;
    }

    /** Epoch ms at which the phase starts within the results. */
    public long startMillis() {
        return startMillis;
    }

    /** Epoch ms at which the phase ends within the results. */
    public long endMillis() {
        return endMillis;
    }

    @Override
    public SampleSummary overall() {
        return overall;
    }

    @Override
    public Map<String, SampleSummary> labels() {
        return labels;
    }

    @Override
    public List<String> warnings() {
        return List.of();
    }

    @Override
    public RowCounts rowCounts() {
        return rowCounts;
    }

    @Override
    public List<FaultMarker> markers() {
        return List.of();
    }
}
