package dev.cvkit.evaluator.stats;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The default sink: one {@link SummaryAccumulator} per label, one for {@code overall} (rows whose
 * {@link RowKind#countsInOverall()}), and a count of rows per kind.
 */
public final class LabelStatsSink implements SampleSink {

    /** Makes and merges {@link LabelStatsSink}s. */
    public static final SampleSinkFactory<LabelStatsSink> FACTORY = new SampleSinkFactory<>() {
        @Override
        public LabelStatsSink create(LabelNames labels) {
            return new LabelStatsSink(labels);
        }

        @Override
        public void merge(LabelStatsSink target, LabelStatsSink source) {
            target.absorb(source);
        }
    };

    private final LabelNames labels;
    private SummaryAccumulator[] byLabel = new SummaryAccumulator[16];
    private final SummaryAccumulator overall = new SummaryAccumulator();
    private final long[] rowsByKind = new long[RowKind.values().length];

    public LabelStatsSink(LabelNames labels) {
        this.labels = labels;
    }

    @Override
    public void sample(int labelId, long startMillis, long elapsedMillis, long latencyMillis, long connectMillis,
            boolean success, RowKind kind) {
        accumulator(labelId).record(startMillis, elapsedMillis, latencyMillis, connectMillis, success);
        rowsByKind[kind.ordinal()]++;
        if (kind.countsInOverall()) {
            overall.record(startMillis, elapsedMillis, latencyMillis, connectMillis, success);
        }
    }

    private SummaryAccumulator accumulator(int labelId) {
        if (labelId >= byLabel.length) {
            SummaryAccumulator[] grown = new SummaryAccumulator[Math.max(labelId + 1, byLabel.length * 2)];
            System.arraycopy(byLabel, 0, grown, 0, byLabel.length);
            byLabel = grown;
        }
        SummaryAccumulator acc = byLabel[labelId];
        if (acc == null) {
            acc = new SummaryAccumulator();
            byLabel[labelId] = acc;
        }
        return acc;
    }

    /**
     * Adds what {@code other} received, matching labels by name; new labels keep {@code other}'s order.
     * {@code other} must not be used afterwards: its accumulators are taken over, not copied.
     */
    public void absorb(LabelStatsSink other) {
        for (int id = 0; id < other.byLabel.length; id++) {
            SummaryAccumulator theirs = other.byLabel[id];
            if (theirs == null || theirs.count() == 0) {
                continue;
            }
            int mine = labels.intern(other.labels.name(id));
            if (mine < byLabel.length && byLabel[mine] != null) {
                byLabel[mine].absorb(theirs);
            } else {
                accumulator(mine);
                byLabel[mine] = theirs;
            }
            other.byLabel[id] = null;
        }
        overall.absorb(other.overall);
        for (int k = 0; k < rowsByKind.length; k++) {
            rowsByKind[k] += other.rowsByKind[k];
        }
    }

    /** Requests only (see {@link RowKind#countsInOverall()}). */
    public SampleSummary overall() {
        return overall.summary();
    }

    /** Every label with at least one row, in order of first appearance. */
    public Map<String, SampleSummary> labels() {
        Map<String, SampleSummary> result = new LinkedHashMap<>();
        int known = Math.min(labels.size(), byLabel.length);
        for (int id = 0; id < known; id++) {
            SummaryAccumulator acc = byLabel[id];
            if (acc != null && acc.count() > 0) {
                if (result.put(labels.name(id), acc.summary()) != null) {
                    throw new IllegalStateException("label '" + labels.name(id) + "' has two ids");
                }
            }
        }
        return Collections.unmodifiableMap(result);
    }

    /** Rows received, per kind. */
    public RowCounts rowCounts() {
        return new RowCounts(rowsByKind[RowKind.REQUEST.ordinal()], rowsByKind[RowKind.TRANSACTION.ordinal()],
                rowsByKind[RowKind.SUB_RESULT.ordinal()], rowsByKind[RowKind.MARKER.ordinal()]);
    }
}
