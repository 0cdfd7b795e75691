package dev.cvkit.jmeter.guard;

import dev.cvkit.jmeter.config.Fields;
import dev.cvkit.jmeter.fault.BackgroundThreads;
import dev.cvkit.jmeter.fault.FaultConfigurationException;
import dev.cvkit.jmeter.fault.FaultOutcome;
import dev.cvkit.jmeter.fault.FaultSession;
import dev.cvkit.jmeter.fault.FaultSessions;
import dev.cvkit.jmeter.fault.MarkerSource;
import dev.cvkit.jmeter.marker.FaultMarkers;
import dev.cvkit.jmeter.marker.MarkerRelay;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.jmeter.engine.util.NoThreadClone;
import org.apache.jmeter.processor.PostProcessor;
import org.apache.jmeter.samplers.SampleResult;
import org.apache.jmeter.testbeans.TestBean;
import org.apache.jmeter.testelement.AbstractTestElement;
import org.apache.jmeter.testelement.TestStateListener;
import org.apache.jmeter.threads.JMeterContextService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * <b>cvkit Fault Guard</b>: the optional blast-radius stop. Put at Test Plan level, it sees every sample of
 * every thread (as a post-processor, so it works on Azure Load Testing, which ignores Results Collectors);
 * while this engine's fault is active and the error rate of the last window passes the limit (with at least
 * the minimum number of samples), it stops the fault at once and records the end marker with
 * {@code by=guard}. It also relays the markers of the schedule and the guard into the results.
 *
 * <p>The always-on part of the guard (end a started fault whatever ends the test, or the JVM) belongs to the
 * Chaos Studio Experiment element and needs no Fault Guard.
 *
 * <p>It counts a sample's own success as the sampler decided it; assertions run after post-processors, so
 * a sample failed only by an assertion does not count as an error here. cvkit's own rows never count.
 */
public class FaultGuard extends AbstractTestElement implements TestBean, PostProcessor, TestStateListener,
        NoThreadClone {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(FaultGuard.class);

    private String experimentConfig = "";
    private String maxErrorPercent = "20";
    private String windowSeconds = "30";
    private String minSamples = "20";

    private transient volatile Settings settings;
    private transient volatile ErrorRateWindow window;
    private transient volatile FaultSession session;
    private transient volatile ScheduledExecutorService executor;
    /** Executions already stopped by this guard (one stop per execution). */
    private transient Set<String> tripped;

    private record Settings(double maxErrorPercent, int windowSeconds, long minSamples) {
    }

    @Override
    public void testStarted() {
        session = null;
        tripped = ConcurrentHashMap.newKeySet();
        try {
            Settings read = new Settings(
                    Fields.decimal(maxErrorPercent, "20", "Maximum error rate (%)", 0, 100),
                    Fields.integer(windowSeconds, "30", "Window (s)", 1, 3600),
                    Fields.integer(minSamples, "20", "Minimum samples", 1, Integer.MAX_VALUE));
            settings = read;
            window = new ErrorRateWindow(read.windowSeconds());
            executor = BackgroundThreads.single("cvkit-fault-guard");
            LOG.info("cvkit fault guard '{}': stops the fault when more than {}% of at least {} samples in {} s fail",
                    getName(), read.maxErrorPercent(), read.minSamples(), read.windowSeconds());
        } catch (FaultConfigurationException e) {
            settings = null;
            String reason = getName() + ": " + e.getMessage();
            LOG.error("cvkit fault guard: {}; the blast-radius stop is off", reason);
            MarkerRelay.enqueue(FaultMarkers.configurationFailure(FaultOutcome.Kind.END, reason, ""));
        }
    }

    @Override
    public void process() {
        MarkerRelay.onSample();
        Settings current = settings;
        if (current == null) {
            return;
        }
        SampleResult previous = JMeterContextService.getContext().getPreviousResult();
        if (previous == null || FaultMarkers.isCvkitRow(previous.getSampleLabel())) {
            return;
        }
        long now = System.currentTimeMillis();
        window.record(now, previous.isSuccessful());
        FaultSession guarded = session();
        if (guarded == null || !guarded.hasActiveFault()) {
            return;
        }
        ErrorRateWindow.Counts counts = window.counts(now);
        if (counts.samples() < current.minSamples() || counts.errorPercent() <= current.maxErrorPercent()) {
            return;
        }
        String execution = guarded.executionId().orElse("pending");
        if (!tripped.add(execution)) {
            return;
        }
        String why = String.format(Locale.ROOT, "%.1f%% of %d samples failed in the last %d s (limit %.1f%%)",
                counts.errorPercent(), counts.samples(), current.windowSeconds(), current.maxErrorPercent());
        LOG.warn("cvkit fault guard: blast radius exceeded for {} execution {}: {}; stopping the fault",
                guarded.experiment().name(), execution, why);
        try {
            executor.execute(() -> {
                FaultOutcome outcome = guarded.stop(MarkerSource.GUARD);
                if (!guarded.recordedByGuard(outcome)) {
                    MarkerRelay.enqueue(outcome, guarded.experiment());
                }
            });
        } catch (RejectedExecutionException testEnding) {
            // The test is ending: the Chaos Studio Experiment element's guard ends the fault.
        }
    }

    private FaultSession session() {
        FaultSession current = session;
        if (current == null) {
            try {
                current = FaultSessions.find(experimentConfig);
                session = current;
            } catch (FaultConfigurationException notThere) {
                return null;
            }
        }
        return current;
    }

    @Override
    public void testEnded() {
        BackgroundThreads.stop(executor, 5_000);
        executor = null;
        session = null;
    }

    @Override
    public void testStarted(String host) {
        testStarted();
    }

    @Override
    public void testEnded(String host) {
        testEnded();
    }

    public String getExperimentConfig() {
        return experimentConfig;
    }

    public void setExperimentConfig(String experimentConfig) {
        this.experimentConfig = experimentConfig;
    }

    public String getMaxErrorPercent() {
        return maxErrorPercent;
    }

    public void setMaxErrorPercent(String maxErrorPercent) {
        this.maxErrorPercent = maxErrorPercent;
    }

    public String getWindowSeconds() {
        return windowSeconds;
    }

    public void setWindowSeconds(String windowSeconds) {
        this.windowSeconds = windowSeconds;
    }

    public String getMinSamples() {
        return minSamples;
    }

    public void setMinSamples(String minSamples) {
        this.minSamples = minSamples;
    }
}
