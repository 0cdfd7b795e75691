package dev.cvkit.evaluator.stats;

import dev.cvkit.evaluator.markers.FaultMarker;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@link RunStats} a reader returns: immutable figures plus what it noticed while reading.
 */
public record ReadStats(SampleSummary overall, Map<String, SampleSummary> labels, List<String> warnings,
        RowCounts rowCounts, List<FaultMarker> markers) implements RunStats {

    public ReadStats {
        labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
        warnings = List.copyOf(warnings);
        markers = List.copyOf(markers);
    }

    /** The statistics a {@link LabelStatsSink} gathered, with the reader's warnings and markers. */
    public static ReadStats of(LabelStatsSink sink, List<String> warnings, List<FaultMarker> markers) {
        return new ReadStats(sink.overall(), sink.labels(), warnings, sink.rowCounts(), markers);
    }
}
