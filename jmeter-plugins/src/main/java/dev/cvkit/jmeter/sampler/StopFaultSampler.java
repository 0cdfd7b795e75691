package dev.cvkit.jmeter.sampler;

import dev.cvkit.jmeter.fault.FaultOutcome;
import dev.cvkit.jmeter.fault.FaultSession;
import dev.cvkit.jmeter.fault.MarkerSource;

/**
 * <b>cvkit Stop Fault</b> (sampler): cancels the execution this engine started or joined (unless it already
 * ended, or another engine is cancelling it), waits for a terminal status, and records one
 * {@code cvkit:fault-end:<experiment>} row; role {@code observed} when the fault had ended by itself.
 */
public class StopFaultSampler extends AbstractFaultSampler {

    private static final long serialVersionUID = 1L;

    @Override
    protected FaultOutcome act(FaultSession session) {
        return session.stop(MarkerSource.SAMPLER);
    }

    @Override
    protected FaultOutcome.Kind kind() {
        return FaultOutcome.Kind.END;
    }
}
