package dev.cvkit.jmeter.marker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cvkit.jmeter.chaos.ExperimentId;
import dev.cvkit.jmeter.chaos.ServiceClock;
import dev.cvkit.jmeter.fault.FaultOutcome;
import dev.cvkit.jmeter.fault.FaultOutcome.Kind;
import dev.cvkit.jmeter.fault.FaultRole;
import dev.cvkit.jmeter.fault.MarkerSource;
import dev.cvkit.jmeter.fault.WindowInstants;
import dev.cvkit.jmeter.testing.JMeterTestHome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.jmeter.samplers.SampleEvent;
import org.apache.jmeter.samplers.SampleResult;
import org.apache.jmeter.samplers.SampleSaveConfiguration;
import org.apache.jmeter.save.CSVSaveService;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The plugins' side of the fault-marker contract ({@code contracts/fault-markers.md}): the outcomes of the
 * golden file's story, turned into rows by {@link FaultMarkers} and written by JMeter's own CSV writer with
 * its default columns, are exactly the golden file's marker lines.
 */
class FaultMarkersGoldenTest {

    private static final String SUBSCRIPTION = "6b052e15-03d3-4f17-b2e1-be7f07588291";
    private static final ExperimentId STAMP_FAILURE = ExperimentId.of(SUBSCRIPTION, "contoso-chaos", "contoso-stamp-failure");
    private static final ExperimentId LATENCY = ExperimentId.of(SUBSCRIPTION, "contoso-chaos", "contoso-latency");
    private static final String EXECUTION = "b8f3c2ac-1d2e-4b6f-9a0c-5e7d8f9a0b1c";

    @BeforeAll
    static void jmeter() {
        JMeterTestHome.init();
    }

    private static List<String> goldenMarkerLines() throws IOException {
        String root = System.getProperty("cvkit.root");
        assertThat(root).as("the system property cvkit.root (the repository root, set by the build)").isNotNull();
        Path golden = Path.of(root, "contracts", "fault-markers-golden.jtl");
        // A contract test without its fixture fails: it must never pass by testing nothing.
        assertThat(golden).as("the contract's golden file").isRegularFile();
        List<String> lines = Files.readAllLines(golden);
        assertThat(lines.get(0)).isEqualTo("timeStamp,elapsed,label,responseCode,responseMessage,threadName,dataType,"
                + "success,failureMessage,bytes,sentBytes,grpThreads,allThreads,URL,Latency,IdleTime,Connect");
        return lines.stream().filter(line -> line.split(",", 4)[2].startsWith("cvkit:")).toList();
    }

    private static String row(FaultOutcome outcome, ExperimentId experiment, String threadName) {
        SampleResult result = FaultMarkers.toSampleResult(outcome, experiment, threadName);
        result.setGroupThreads(1);
        result.setAllThreads(10);
        // What a results file's collector does before it writes a row: JMeter's default columns.
        result.setSaveConfig(new SampleSaveConfiguration());
        return CSVSaveService.resultToDelimitedString(new SampleEvent(result, "Fault control"));
    }

    @Test
    void theGoldenStoryWrittenByJMetersCsvWriterIsTheGoldenMarkerLines() throws IOException {
        List<String> expected = goldenMarkerLines();
        ServiceClock.Offset engine4 = new ServiceClock.Offset(210, 1190);
        ServiceClock.Offset engine5 = new ServiceClock.Offset(-640, 380);
        List<String> actual = List.of(
                // Both engines saw Running while the experiment's first action, a delay, still ran: their own
                // instants, from before they acted.
                row(new FaultOutcome(Kind.START, true, EXECUTION, "Running", FaultRole.STARTED, MarkerSource.SAMPLER,
                        1767225620000L, 1500, "200", null, false, null, WindowInstants.fallbackFrom(1767225620000L)),
                        STAMP_FAILURE, "10.1.0.4-Fault control 1-1"),
                row(new FaultOutcome(Kind.START, true, EXECUTION, "Running", FaultRole.JOINED, MarkerSource.SAMPLER,
                        1767225620100L, 2400, "200", null, false, null, WindowInstants.fallbackFrom(1767225620100L)),
                        STAMP_FAILURE, "10.1.0.5-Fault control 1-1"),
                row(new FaultOutcome(Kind.START, false, null, null, FaultRole.STARTED, MarkerSource.SAMPLER,
                        1767225625000L, 210, "403", "Chaos Studio refused the start: HTTP 403 AuthorizationFailed",
                        false, null), LATENCY, "10.1.0.4-Fault control 1-1"),
                // The fault action ran from 00:00:24.150 to 00:00:42.150 on the service's clock, which each engine
                // converted with its own bounds (the start with the upper, the end with the lower).
                row(new FaultOutcome(Kind.END, true, EXECUTION, "Cancelled", FaultRole.STARTED, MarkerSource.SAMPLER,
                        1767225640000L, 3000, "200", null, false, null,
                        WindowInstants.service(1767225624150L - 1190, 1767225642150L - 210, engine4)),
                        STAMP_FAILURE, "10.1.0.4-Fault control 1-1"),
                row(new FaultOutcome(Kind.END, true, EXECUTION, "Cancelled", FaultRole.JOINED, MarkerSource.SAMPLER,
                        1767225640050L, 3500, "200", null, false, null,
                        WindowInstants.service(1767225624150L - 380, 1767225642150L + 640, engine5)),
                        STAMP_FAILURE, "10.1.0.5-Fault control 1-1"));
        assertThat(actual).containsExactlyElementsOf(expected);
    }

    @Test
    void failureMessagesNeverCarryCommasOrLineBreaks() {
        FaultOutcome outcome = new FaultOutcome(Kind.END, false, "e1", "Running", FaultRole.STARTED, MarkerSource.GUARD,
                1L, 2L, "cvkit-error", "one, two,three\nfour \"quoted\"", false, null);
        String line = row(outcome, STAMP_FAILURE, "t");
        assertThat(line).contains(",one; two;three four 'quoted',");
        assertThat(line.split(",")).hasSize(17);
    }

    @Test
    void aDryRunIsLabelledSoThatNoReaderTakesItForAFault() {
        FaultOutcome outcome = new FaultOutcome(Kind.START, true, null, "DryRun", FaultRole.STARTED,
                MarkerSource.SAMPLER, 1L, 0L, FaultOutcome.DRY_RUN, null, true, "dry run: would POST ...");
        SampleResult result = FaultMarkers.toSampleResult(outcome, STAMP_FAILURE, "t");
        assertThat(result.getSampleLabel()).isEqualTo("cvkit:dry-run:fault-start:contoso-stamp-failure");
        assertThat(result.getSampleLabel()).doesNotStartWith("cvkit:fault-");
        assertThat(result.getResponseCode()).isEqualTo("cvkit-dry-run");
        assertThat(result.getResponseDataAsString()).isEqualTo("dry run: would POST ...");
    }

    @Test
    void theUrlColumnIsTheBareResourceId() {
        SampleResult result = FaultMarkers.toSampleResult(new FaultOutcome(Kind.START, true, "e", "Running",
                FaultRole.STARTED, MarkerSource.SAMPLER, 1L, 1L, "200", null, false, null), STAMP_FAILURE, "t");
        assertThat(result.getUrlAsString()).isEqualTo(STAMP_FAILURE.resourceId());
    }

    @Test
    void aRunWithoutAnyFaultActionSaysSoWithNoneForBothInstants() {
        FaultOutcome outcome = new FaultOutcome(Kind.END, true, "e", "Cancelled", FaultRole.STARTED,
                MarkerSource.GUARD, 1L, 1L, "200", null, false, null,
                WindowInstants.noFaultRan(new ServiceClock.Offset(-5, 990)));
        assertThat(FaultMarkers.responseMessage(outcome)).isEqualTo("execution=e; status=Cancelled; role=started;"
                + " by=guard; format=2; window=service; faultFrom=none; faultTo=none; clockOffset=-5..990");
    }
}
