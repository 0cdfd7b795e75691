package dev.cvkit.evaluator.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cvkit.evaluator.jtl.ReadingOptions;
import dev.cvkit.evaluator.phases.FaultWindow;
import dev.cvkit.evaluator.phases.Phase;
import dev.cvkit.evaluator.stats.Metric;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The marker contract's golden JTL ({@code contracts/fault-markers-golden.jtl}) read by the evaluator into
 * phases: two engines, one execution started by one and joined by the other, a refused start of another
 * experiment. Window: Chaos Studio's record of its fault action as the end markers carry it, from the
 * earliest {@code faultFrom} (10.1.0.4's conversion, 1767225622960) to the latest {@code faultTo} (10.1.0.5's,
 * 1767225642790), not the instants the elements saw Running (1767225621500) and the end (1767225643550).
 */
class GoldenMarkersPhasesTest {

    private static final long START = 1_767_225_622_960L;
    private static final long END = 1_767_225_642_790L;
    private static RunAnalysis run;
    private static String stderr;

    @BeforeAll
    static void read() {
        String root = System.getProperty("cvkit.root");
        Path golden = root == null ? null : Path.of(root, "contracts", "fault-markers-golden.jtl");
        // A contract test without its fixture fails: it must never pass by testing nothing.
        assertThat(root).as("the system property cvkit.root (the repository root, set by the build)").isNotNull();
        assertThat(golden).as("the contract's golden file").isRegularFile();
        StringWriter err = new StringWriter();
        run = new RunAnalyzer().analyze(List.of(golden.toString()), new ReadingOptions(), AnalysisRequest.defaults(),
                new PrintWriter(err, true));
        stderr = err.toString();
    }

    @Test
    void oneWindowFromEarliestConfirmedStartToLatestConfirmedEnd() {
        assertThat(run.faultWindows()).hasSize(1);
        FaultWindow w = run.faultWindows().get(0);
        assertThat(w.startMillis()).isEqualTo(START);
        assertThat(w.endMillis()).isEqualTo(END);
        assertThat(w.experiments()).containsExactly("contoso-stamp-failure");
        assertThat(w.executions()).containsExactly("b8f3c2ac-1d2e-4b6f-9a0c-5e7d8f9a0b1c");
        assertThat(run.windowSource()).isEqualTo(RunAnalysis.WindowSource.MARKERS);
        // The pre-scan found the markers: one reading filed every row by its phase.
        assertThat(run.readings()).isEqualTo(1);
    }

    @Test
    void theRefusedStartOpensNoWindowAndIsReported() {
        assertThat(run.warnings()).anySatisfy(w -> assertThat(w)
                .contains("failed fault start of experiment contoso-latency")
                .contains("HTTP 403 AuthorizationFailed").contains("opens no fault window")
                .contains("fault-markers-golden.jtl:26"));
        assertThat(stderr).contains("cvkit: warning: ").contains("contoso-latency");
    }

    @Test
    void rowsGoToTheirPhaseByTimeStamp() {
        PhaseStats before = run.phase(Phase.BEFORE).orElseThrow();
        PhaseStats during = run.phase(Phase.DURING).orElseThrow();
        PhaseStats after = run.phase(Phase.AFTER).orElseThrow();
        // 1767225622000 is before the fault action began, 1767225642900 after it ended, though both lie
        // between the instants the elements saw Running and the end.
        assertThat(before.labels().get("Browse catalog").count()).isEqualTo(11);
        assertThat(before.labels().get("View item").count()).isEqualTo(10);
        assertThat(during.labels().get("Browse catalog").count()).isEqualTo(8);
        assertThat(during.labels().get("Browse catalog").errorCount()).isEqualTo(4);
        assertThat(during.labels().get("View item").count()).isEqualTo(8);
        assertThat(after.labels().get("Browse catalog").count()).isEqualTo(7);
        assertThat(after.labels().get("View item").count()).isEqualTo(6);
        // Response times tell the phases apart: 45/60 ms outside the fault, 140/180 ms during it.
        assertThat(before.labels().get("Browse catalog").distribution(Metric.RESPONSE_TIME_MS).maxMillis()).isEqualTo(45);
        assertThat(during.labels().get("Browse catalog").distribution(Metric.RESPONSE_TIME_MS).minMillis()).isEqualTo(140);
        assertThat(after.labels().get("View item").distribution(Metric.RESPONSE_TIME_MS).maxMillis()).isEqualTo(60);
        // Overall counts requests only, per phase too.
        assertThat(before.overall().count()).isEqualTo(21);
        assertThat(during.overall().count()).isEqualTo(16);
        assertThat(after.overall().count()).isEqualTo(13);
        // Marker rows count in their own labels, in the phase of their timeStamp.
        assertThat(before.labels().get("cvkit:fault-start:contoso-stamp-failure").count()).isEqualTo(2);
        assertThat(during.labels().get("cvkit:fault-end:contoso-stamp-failure").count()).isEqualTo(2);
        assertThat(during.labels().get("cvkit:fault-start:contoso-latency").count()).isEqualTo(1);
    }

    @Test
    void phaseSpansAndTheWholeRun() {
        PhaseStats before = run.phase(Phase.BEFORE).orElseThrow();
        PhaseStats during = run.phase(Phase.DURING).orElseThrow();
        PhaseStats after = run.phase(Phase.AFTER).orElseThrow();
        assertThat(before.startMillis()).isEqualTo(1_767_225_600_000L);
        assertThat(before.endMillis()).isEqualTo(START);
        assertThat(during.startMillis()).isEqualTo(START);
        assertThat(during.endMillis()).isEqualTo(END);
        assertThat(after.startMillis()).isEqualTo(END);
        assertThat(after.endMillis()).isEqualTo(1_767_225_655_217L);
        assertThat(run.overall().count()).isEqualTo(50);
        assertThat(run.labels().get("Browse catalog").count()).isEqualTo(26);
        assertThat(run.labels().get("Browse catalog").errorCount()).isEqualTo(4);
        assertThat(run.labels().get("Browse catalog").distribution(Metric.RESPONSE_TIME_MS).percentileMillis(50))
                .isEqualTo(45);
        assertThat(run.labels().keySet()).startsWith("Browse catalog", "View item");
        assertThat(run.rowCounts().markers()).isEqualTo(5);
    }
}
