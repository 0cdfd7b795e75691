package dev.cvkit.jmeter.schedule;

import dev.cvkit.jmeter.config.Fields;
import dev.cvkit.jmeter.fault.BackgroundThreads;
import dev.cvkit.jmeter.fault.FaultConfigurationException;
import dev.cvkit.jmeter.fault.FaultOutcome;
import dev.cvkit.jmeter.fault.FaultSession;
import dev.cvkit.jmeter.fault.FaultSessions;
import dev.cvkit.jmeter.fault.MarkerSource;
import dev.cvkit.jmeter.marker.FaultMarkers;
import dev.cvkit.jmeter.marker.MarkerRelay;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.jmeter.engine.util.NoThreadClone;
import org.apache.jmeter.processor.PostProcessor;
import org.apache.jmeter.testbeans.TestBean;
import org.apache.jmeter.testelement.AbstractTestElement;
import org.apache.jmeter.testelement.TestStateListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * <b>cvkit Fault Schedule</b>: the simplest way to place a fault in a plan, with no thread group of its own.
 * At the start offset after the test started it starts (or joins) the experiment; the duration after the
 * fault was seen running it stops it. Same session, markers and guard as the samplers.
 *
 * <p>Put it at Test Plan level. It is also a post-processor (one instance for all threads): after every
 * sample of every thread it hands the markers it recorded to that sample's listeners, which is how its
 * rows reach the results on Azure Load Testing, where Results Collectors of the plan are ignored.
 */
public class FaultSchedule extends AbstractTestElement
        implements TestBean, TestStateListener, PostProcessor, NoThreadClone {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(FaultSchedule.class);
    /** How long the schedule waits for its Chaos Studio Experiment element to open its session. */
    private static final Duration FIND_SESSION_TIMEOUT = Duration.ofSeconds(30);

    private String experimentConfig = "";
    private String startOffsetSeconds = "30";
    private String durationSeconds = "60";

    private transient ScheduledExecutorService executor;

    @Override
    public void testStarted() {
        Duration offset;
        Duration duration;
        try {
            offset = Fields.seconds(startOffsetSeconds, "30", "Start offset (s)", Duration.ZERO);
            duration = Fields.seconds(durationSeconds, "60", "Fault duration (s)", Duration.ofMillis(100));
        } catch (FaultConfigurationException e) {
            String reason = getName() + ": " + e.getMessage();
            LOG.error("cvkit fault schedule: {}; no fault will be started", reason);
            MarkerRelay.enqueue(FaultMarkers.configurationFailure(FaultOutcome.Kind.START, reason, ""));
            return;
        }
        ScheduledExecutorService background = BackgroundThreads.single("cvkit-fault-schedule");
        executor = background;
        LOG.info("cvkit fault schedule '{}': start at +{} ms, stop {} ms after it runs", getName(), offset.toMillis(),
                duration.toMillis());
        background.schedule(() -> start(background, duration), offset.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void start(ScheduledExecutorService background, Duration duration) {
        FaultSession session;
        try {
            session = FaultSessions.await(experimentConfig, FIND_SESSION_TIMEOUT);
        } catch (FaultConfigurationException e) {
            String reason = getName() + ": " + e.getMessage();
            LOG.error("cvkit fault schedule: {}", reason);
            MarkerRelay.enqueue(FaultMarkers.configurationFailure(FaultOutcome.Kind.START, reason, ""));
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        FaultOutcome started = session.start(MarkerSource.SCHEDULE);
        if (session.recordedByGuard(started)) {
            // The test ended while this start was in progress; the guard recorded its marker.
            return;
        }
        MarkerRelay.enqueue(started, session.experiment());
        if (started.success() && !Thread.currentThread().isInterrupted()) {
            try {
                background.schedule(() -> stop(session), duration.toMillis(), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException testEnded) {
                // The test ended meanwhile: the fault guard ends the fault.
            }
        }
    }

    private void stop(FaultSession session) {
        FaultOutcome stopped = session.stop(MarkerSource.SCHEDULE);
        if (!session.recordedByGuard(stopped)) {
            MarkerRelay.enqueue(stopped, session.experiment());
        }
    }

    /** After every sample: hand waiting markers to this sample's listeners. */
    @Override
    public void process() {
        MarkerRelay.onSample();
    }

    @Override
    public void testEnded() {
        // The fault guard of the Chaos Studio Experiment element ends a fault that is still on.
        BackgroundThreads.stop(executor, 5_000);
        executor = null;
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

    public String getStartOffsetSeconds() {
        return startOffsetSeconds;
    }

    public void setStartOffsetSeconds(String startOffsetSeconds) {
        this.startOffsetSeconds = startOffsetSeconds;
    }

    public String getDurationSeconds() {
        return durationSeconds;
    }

    public void setDurationSeconds(String durationSeconds) {
        this.durationSeconds = durationSeconds;
    }
}
