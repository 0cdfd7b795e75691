package dev.cvkit.jmeter.marker;

import dev.cvkit.jmeter.chaos.ExperimentId;
import dev.cvkit.jmeter.fault.FaultOutcome;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.jmeter.samplers.SampleEvent;
import org.apache.jmeter.samplers.SampleListener;
import org.apache.jmeter.samplers.SampleResult;
import org.apache.jmeter.threads.JMeterContext;
import org.apache.jmeter.threads.JMeterContextService;
import org.apache.jmeter.threads.JMeterThread;
import org.apache.jmeter.threads.JMeterVariables;
import org.apache.jmeter.threads.SamplePackage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gets marker rows that no sampler produced (the schedule's, the guard's) into the engine's results, even
 * on Azure Load Testing, which ignores every Results Collector of a plan.
 *
 * <p>How: markers made off the sampler threads wait here. A cvkit post-processor at Test Plan level runs
 * after every sample of every thread; on that thread, JMeter has stored the sample's package (with the
 * sample's listeners: the {@code -l} results file, ALT's collectors, Backend Listeners) in the thread's
 * variables under {@link JMeterThread#PACKAGE_OBJECT}. The first such call after a marker was queued hands
 * it to those listeners as its own {@link SampleEvent}, exactly as JMeter hands them a sample. At test end,
 * markers still waiting go to the listeners of the last sample seen (the results files are still open then:
 * JMeter closes them in their own test-ended step, after cvkit's elements at Test Plan level).
 *
 * <p>State is per JVM and per test run ({@link #reset} at test start). Thread-safe.
 */
public final class MarkerRelay {

    private static final Logger LOG = LoggerFactory.getLogger(MarkerRelay.class);

    private static final Queue<SampleResult> PENDING = new ConcurrentLinkedQueue<>();
    private static volatile Target lastTarget;
    private static volatile long testStartMillis = Long.MIN_VALUE;
    /** True once the test-end flush ran in this test run. */
    private static volatile boolean flushed;

    private record Target(List<SampleListener> listeners, String threadName, String threadGroupName, int groupThreads) {
    }

    private MarkerRelay() {
    }

    /** Forgets everything of an earlier test run; a no-op when called again for the same run. */
    public static synchronized void reset(long testStart) {
        if (testStartMillis != testStart) {
            testStartMillis = testStart;
            PENDING.clear();
            lastTarget = null;
            flushed = false;
        }
    }

    /** Queues a marker for the next sample of any thread (or for the end of the test). */
    public static void enqueue(FaultOutcome outcome, ExperimentId experiment) {
        enqueue(FaultMarkers.toSampleResult(outcome, experiment, ""));
    }

    /**
     * Queues a ready row (e.g. a configuration failure); its thread name is set when it is written. Once the
     * test-end flush ran, a row is written at once to the listeners of the last sample (a background element
     * finishing its action just then must not lose its marker).
     */
    public static void enqueue(SampleResult row) {
        PENDING.add(row);
        if (flushed) {
            flush();
        }
    }

    /** How many markers wait. */
    public static int pending() {
        return PENDING.size();
    }

    /**
     * Called on a JMeter thread after a sample (from a post-processor) or inside a sampler: remembers this
     * sample's listeners, and hands them the markers that wait.
     */
    public static void onSample() {
        Target target = currentTarget();
        if (target == null) {
            return;
        }
        lastTarget = target;
        if (!PENDING.isEmpty()) {
            emit(target, currentVariables());
        }
    }

    /**
     * At test end: hands the markers that still wait to the listeners of the last sample seen.
     *
     * @return how many were handed over
     */
    public static synchronized int flush() {
        flushed = true;
        Target target = lastTarget;
        if (target == null) {
            if (!PENDING.isEmpty()) {
                LOG.warn("cvkit: {} fault marker(s) could not be written: no sample ran in this engine, so no"
                        + " results listener is known; see the log lines of the fault guard", PENDING.size());
                PENDING.clear();
            }
            return 0;
        }
        return emit(target, null);
    }

    private static int emit(Target target, JMeterVariables variables) {
        int count = 0;
        for (SampleResult marker = PENDING.poll(); marker != null; marker = PENDING.poll()) {
            marker.setThreadName(target.threadName());
            marker.setGroupThreads(target.groupThreads());
            marker.setAllThreads(JMeterContextService.getNumberOfThreads());
            SampleEvent event = variables == null ? new SampleEvent(marker, target.threadGroupName())
                    : new SampleEvent(marker, target.threadGroupName(), variables);
            for (SampleListener listener : target.listeners()) {
                try {
                    listener.sampleOccurred(event);
                } catch (RuntimeException e) {
                    LOG.warn("cvkit: a results listener failed to take fault marker {}: {}", marker.getSampleLabel(),
                            e.toString());
                }
            }
            count++;
            LOG.info("cvkit: fault marker {} written ({})", marker.getSampleLabel(), marker.getResponseMessage());
        }
        return count;
    }

    private static Target currentTarget() {
        JMeterContext context = JMeterContextService.getContext();
        JMeterVariables variables = context.getVariables();
        if (variables == null) {
            return null;
        }
        Object pack = variables.getObject(JMeterThread.PACKAGE_OBJECT);
        if (!(pack instanceof SamplePackage)) {
            return null;
        }
        List<SampleListener> listeners = ((SamplePackage) pack).getSampleListeners();
        String threadName = context.getThread() != null ? context.getThread().getThreadName()
                : Thread.currentThread().getName();
        String groupName = context.getThreadGroup() != null ? context.getThreadGroup().getName() : "";
        int groupThreads = context.getThreadGroup() != null ? context.getThreadGroup().getNumberOfThreads() : 0;
        return new Target(listeners, threadName, groupName, groupThreads);
    }

    private static JMeterVariables currentVariables() {
        return JMeterContextService.getContext().getVariables();
    }
}
