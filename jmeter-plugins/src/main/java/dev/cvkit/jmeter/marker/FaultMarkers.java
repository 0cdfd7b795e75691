package dev.cvkit.jmeter.marker;

import dev.cvkit.jmeter.chaos.ExperimentId;
import dev.cvkit.jmeter.fault.FaultOutcome;
import dev.cvkit.jmeter.fault.WindowInstants;
import java.nio.charset.StandardCharsets;
import org.apache.jmeter.assertions.AssertionResult;
import org.apache.jmeter.samplers.SampleResult;

/**
 * Turns a {@link FaultOutcome} into the sample row of the fault-marker contract
 * ({@code contracts/fault-markers.md}): label {@code cvkit:fault-start:<experiment>} or
 * {@code cvkit:fault-end:<experiment>}; timeStamp = when the element began to act; elapsed and Latency =
 * ms until the state was confirmed; success; responseCode {@code 200} or the failing HTTP status or
 * {@code cvkit-error}; responseMessage {@code execution=..; status=..; role=..; by=..; format=2} and the window
 * instants ({@link #responseMessage}); failureMessage the
 * reason (no commas); URL the experiment's resource ID; bytes, sentBytes, IdleTime, Connect 0.
 *
 * <p>A dry run is labelled {@code cvkit:dry-run:fault-start:<experiment>} (or {@code ...fault-end...}) so that
 * no reader can take it for a fault: its response code is {@code cvkit-dry-run} and its response data say
 * what would have been called.
 */
public final class FaultMarkers {

    /** Prefix reserved for cvkit's own rows. */
    public static final String PREFIX = "cvkit:";
    /** Prefix of dry-run rows. */
    public static final String DRY_RUN_PREFIX = PREFIX + "dry-run:";

    private FaultMarkers() {
    }

    /** The marker label of an outcome of {@code experiment}. */
    public static String label(FaultOutcome outcome, ExperimentId experiment) {
        return (outcome.dryRun() ? DRY_RUN_PREFIX : PREFIX) + outcome.kind().labelPart() + ":" + experiment.name();
    }

    /**
     * The marker format this writer writes ({@code format=} in every marker's responseMessage). Format 2 added
     * the window instants; a reader of format 1 ignores them and reads the row as before.
     */
    public static final int FORMAT = 2;

    /**
     * The {@code responseMessage} of an outcome: {@code key=value} pairs joined by {@code "; "}, never a comma:
     * {@code execution}, {@code status}, {@code role}, {@code by}, {@code format}, and when the outcome says
     * something about the fault window {@code window} ({@code service} or {@code fallback}), {@code faultFrom}
     * and/or {@code faultTo} (epoch ms on this engine's clock, or {@code none} when the service ran no fault
     * action), and for the service's instants {@code clockOffset} (service minus engine, ms, {@code lo..hi}).
     */
    public static String responseMessage(FaultOutcome outcome) {
        StringBuilder message = new StringBuilder()
                .append("execution=").append(value(outcome.executionId(), "none"))
                .append("; status=").append(value(outcome.status(), "Unknown"))
                .append("; role=").append(outcome.role().key())
                .append("; by=").append(outcome.by().key())
                .append("; format=").append(FORMAT);
        WindowInstants window = outcome.window();
        if (window != null) {
            message.append("; window=").append(window.source().key());
            if (!window.faultRan()) {
                message.append("; faultFrom=none; faultTo=none");
            }
            if (window.fromMillis() != null) {
                message.append("; faultFrom=").append(window.fromMillis());
            }
            if (window.toMillis() != null) {
                message.append("; faultTo=").append(window.toMillis());
            }
            if (window.clockOffset() != null) {
                message.append("; clockOffset=").append(window.clockOffset());
            }
        }
        return message.toString();
    }

    /** True for every row cvkit writes itself (markers and dry runs). */
    public static boolean isCvkitRow(String label) {
        return label != null && label.startsWith(PREFIX);
    }

    /**
     * The sample row of {@code outcome}.
     *
     * @param threadName the JMeter thread recording it (a sampler's row gets its thread's name from JMeter)
     */
    public static SampleResult toSampleResult(FaultOutcome outcome, ExperimentId experiment, String threadName) {
        SampleResult result = new SampleResult();
        // Both the timeStamp column and elapsed as the contract defines them, whatever
        // sampleresult.timestamp.start says.
        result.setStampAndTime(outcome.timeStampMillis(), outcome.elapsedMillis());
        result.setSampleLabel(label(outcome, experiment));
        result.setSuccessful(outcome.success());
        result.setResponseCode(outcome.responseCode());
        result.setResponseMessage(responseMessage(outcome));
        result.setDataType(SampleResult.TEXT);
        result.setThreadName(threadName == null ? "" : threadName);
        result.setURL(ResourceIdUrl.of(experiment.resourceId()));
        result.setLatency(outcome.elapsedMillis());
        result.setIdleTime(0);
        result.setConnectTime(0);
        result.setBytes(0L);
        result.setSentBytes(0L);
        result.setEncodingAndType("text/plain; charset=UTF-8");
        if (outcome.dryRun() && outcome.detail() != null) {
            result.setResponseData(outcome.detail().getBytes(StandardCharsets.UTF_8));
        }
        if (!outcome.success()) {
            AssertionResult failure = new AssertionResult("cvkit " + outcome.kind().labelPart());
            failure.setFailure(true);
            failure.setFailureMessage(noCommas(outcome.failureMessage()));
            result.addAssertionResult(failure);
        }
        return result;
    }

    /**
     * The row of an element that could not act because its configuration is wrong: a failed marker with
     * label {@code cvkit:<fault-start|fault-end>:unknown}, response code {@code cvkit-error}, the reason as
     * failure message, and an empty URL.
     */
    public static SampleResult configurationFailure(FaultOutcome.Kind kind, String reason, String threadName) {
        long now = System.currentTimeMillis();
        SampleResult result = new SampleResult();
        result.setStampAndTime(now, 0);
        result.setSampleLabel(PREFIX + kind.labelPart() + ":unknown");
        result.setSuccessful(false);
        result.setResponseCode(FaultOutcome.CVKIT_ERROR);
        result.setResponseMessage("execution=none; status=Unknown; role=started; by=sampler; format=" + FORMAT);
        result.setDataType(SampleResult.TEXT);
        result.setThreadName(threadName == null ? "" : threadName);
        AssertionResult failure = new AssertionResult("cvkit configuration");
        failure.setFailure(true);
        failure.setFailureMessage(noCommas(reason));
        result.addAssertionResult(failure);
        return result;
    }

    /** {@code text} on one line and without commas, so that a CSV reader never needs to unquote it. */
    static String noCommas(String text) {
        if (text == null) {
            return "";
        }
        return text.replace("\r", " ").replace("\n", " ").replace(", ", "; ").replace(',', ';')
                .replace('"', '\'').trim();
    }

    private static String value(String text, String missing) {
        if (text == null || text.isBlank()) {
            return missing;
        }
        // Values are ids and status words; keep the separators of the message out of them.
        return text.trim().replace(';', '_').replace(',', '_').replace('=', '_').replace(' ', '_');
    }
}
