package dev.cvkit.jmeter.sampler;

import dev.cvkit.jmeter.config.Fields;
import dev.cvkit.jmeter.fault.FaultOutcome;
import dev.cvkit.jmeter.fault.FaultSession;
import dev.cvkit.jmeter.fault.MarkerSource;

/**
 * <b>cvkit Start Fault</b> (sampler): starts the experiment, or joins its execution when another engine
 * started it during this test, waits (by default) until the execution is {@code Running}, and records one
 * {@code cvkit:fault-start:<experiment>} row: elapsed = time until Running, response message = execution id,
 * status, role and source.
 */
public class StartFaultSampler extends AbstractFaultSampler {

    private static final long serialVersionUID = 1L;

    private String waitUntilRunning = "true";

    @Override
    protected FaultOutcome act(FaultSession session) {
        return session.start(MarkerSource.SAMPLER, Fields.bool(waitUntilRunning, "true", "Wait until Running"));
    }

    @Override
    protected FaultOutcome.Kind kind() {
        return FaultOutcome.Kind.START;
    }

    public String getWaitUntilRunning() {
        return waitUntilRunning;
    }

    public void setWaitUntilRunning(String waitUntilRunning) {
        this.waitUntilRunning = waitUntilRunning;
    }
}
