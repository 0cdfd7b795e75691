package dev.cvkit.evaluator.stats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cvkit.evaluator.testing.TestLabelNames;
import org.junit.jupiter.api.Test;

class LabelStatsSinkTest {

    @Test
    void everyRowCountsInItsLabelButOnlyRequestsInOverall() {
        TestLabelNames names = new TestLabelNames();
        LabelStatsSink sink = new LabelStatsSink(names);
        sink.sample(names.intern("Browse"), 1_000, 100, 90, 5, true, RowKind.REQUEST);
        sink.sample(names.intern("Browse-0"), 1_000, 40, 30, SampleSink.ABSENT, true, RowKind.SUB_RESULT);
        sink.sample(names.intern("Checkout"), 1_200, 300, 250, 0, false, RowKind.REQUEST);
        sink.sample(names.intern("TC"), 1_000, 500, 0, 0, false, RowKind.TRANSACTION);
        sink.sample(names.intern("cvkit:fault-start:x"), 900, 2_000, 2_000, 0, true, RowKind.MARKER);

        assertThat(sink.labels().keySet()).containsExactly("Browse", "Browse-0", "Checkout", "TC", "cvkit:fault-start:x");
        SampleSummary overall = sink.overall();
        assertThat(overall.count()).isEqualTo(2);
        assertThat(overall.errorCount()).isEqualTo(1);
        assertThat(overall.errorPct()).isEqualTo(50.0);
        assertThat(overall.firstStartMillis()).isEqualTo(1_000);
        assertThat(overall.lastEndMillis()).isEqualTo(1_500);
        assertThat(overall.requestsPerSecond()).isEqualTo(2 / 0.5);
        assertThat(overall.distribution(Metric.RESPONSE_TIME_MS).meanMillis()).isEqualTo(200.0);
        assertThat(overall.distribution(Metric.CONNECT_TIME_MS).maxMillis()).isEqualTo(5);

        SampleSummary sub = sink.labels().get("Browse-0");
        assertThat(sub.count()).isEqualTo(1);
        assertThat(sub.distribution(Metric.CONNECT_TIME_MS).count()).isZero();
        assertThat(sub.distribution(Metric.LATENCY_MS).meanMillis()).isEqualTo(30.0);
        assertThat(sink.rowCounts()).isEqualTo(new RowCounts(2, 1, 1, 1));
    }

    @Test
    void mergingMatchesLabelsByNameAndKeepsTheOrderOfFirstAppearance() {
        TestLabelNames first = new TestLabelNames();
        LabelStatsSink a = new LabelStatsSink(first);
        a.sample(first.intern("B"), 0, 10, -1, -1, true, RowKind.REQUEST);
        TestLabelNames second = new TestLabelNames();
        LabelStatsSink b = new LabelStatsSink(second);
        b.sample(second.intern("C"), 5, 20, -1, -1, false, RowKind.REQUEST);
        b.sample(second.intern("B"), 5, 30, -1, -1, true, RowKind.REQUEST);

        LabelStatsSink.FACTORY.merge(a, b);
        assertThat(a.labels().keySet()).containsExactly("B", "C");
        assertThat(a.labels().get("B").count()).isEqualTo(2);
        assertThat(a.labels().get("B").distribution(Metric.RESPONSE_TIME_MS).meanMillis()).isEqualTo(20.0);
        assertThat(a.overall().count()).isEqualTo(3);
        assertThat(a.overall().lastEndMillis()).isEqualTo(35);
    }

    @Test
    void aZeroSpanHasNoThroughput() {
        TestLabelNames names = new TestLabelNames();
        LabelStatsSink sink = new LabelStatsSink(names);
        sink.sample(names.intern("x"), 1_000, 0, -1, -1, true, RowKind.REQUEST);
        assertThat(sink.overall().requestsPerSecond()).isNaN();
        assertThat(new LabelStatsSink(names).overall().errorPct()).isNaN();
    }
}
