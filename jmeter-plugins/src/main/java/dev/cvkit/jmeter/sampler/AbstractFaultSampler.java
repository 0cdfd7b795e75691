package dev.cvkit.jmeter.sampler;

import dev.cvkit.jmeter.fault.FaultConfigurationException;
import dev.cvkit.jmeter.fault.FaultOutcome;
import dev.cvkit.jmeter.fault.FaultSession;
import dev.cvkit.jmeter.fault.FaultSessions;
import dev.cvkit.jmeter.marker.FaultMarkers;
import dev.cvkit.jmeter.marker.MarkerRelay;
import org.apache.jmeter.samplers.AbstractSampler;
import org.apache.jmeter.samplers.Entry;
import org.apache.jmeter.samplers.Interruptible;
import org.apache.jmeter.samplers.SampleResult;
import org.apache.jmeter.testbeans.TestBean;

/**
 * What Start Fault and Stop Fault share: find the experiment's session by the config element's name, act,
 * and record the outcome as a fault-marker row (its label is the marker label, whatever the element's name).
 * Interruptible: JMeter's Stop interrupts a sampler that waits, and the fault guard ends the fault at test end.
 */
public abstract class AbstractFaultSampler extends AbstractSampler implements TestBean, Interruptible {

    private static final long serialVersionUID = 1L;

    private String experimentConfig = "";
    private transient volatile Thread samplingThread;

    @Override
    public SampleResult sample(Entry entry) {
        samplingThread = Thread.currentThread();
        String threadName = getThreadName();
        try {
            // This sampler's own listeners are the ones markers recorded off-thread can go to at test end.
            MarkerRelay.onSample();
            try {
                FaultSession session = FaultSessions.find(experimentConfig);
                return FaultMarkers.toSampleResult(act(session), session.experiment(), threadName);
            } catch (FaultConfigurationException e) {
                return FaultMarkers.configurationFailure(kind(), getName() + ": " + e.getMessage(), threadName);
            }
        } finally {
            samplingThread = null;
        }
    }

    /**
     * Start or end the fault.
     *
     * @throws FaultConfigurationException when a field of this sampler is wrong
     */
    protected abstract FaultOutcome act(FaultSession session);

    /** Which marker this sampler records. */
    protected abstract FaultOutcome.Kind kind();

    @Override
    public boolean interrupt() {
        Thread thread = samplingThread;
        if (thread != null) {
            thread.interrupt();
            return true;
        }
        return false;
    }

    public String getExperimentConfig() {
        return experimentConfig;
    }

    public void setExperimentConfig(String experimentConfig) {
        this.experimentConfig = experimentConfig;
    }
}
