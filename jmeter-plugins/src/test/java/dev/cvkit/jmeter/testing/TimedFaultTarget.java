package dev.cvkit.jmeter.testing;

import dev.cvkit.sandbox.chaos.fault.AppliedFault;
import dev.cvkit.sandbox.chaos.fault.FaultRequest;
import dev.cvkit.sandbox.chaos.fault.FaultTarget;
import dev.cvkit.sandbox.chaos.fault.FaultTargetException;
import dev.cvkit.sandbox.chaos.fault.RecordingFaultTarget;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The emulator's recording target, also noting when the first fault took effect and when the last was
 * removed (engine clock: the emulator runs in the test's JVM), so that tests can check that a marker's window
 * contains the fault's effect.
 */
public final class TimedFaultTarget implements FaultTarget {

    private final RecordingFaultTarget recording = new RecordingFaultTarget();
    private final AtomicLong firstApplied = new AtomicLong(Long.MAX_VALUE);
    private final AtomicLong lastRemoved = new AtomicLong(Long.MIN_VALUE);

    @Override
    public boolean resolves(String targetResourceId) {
        return recording.resolves(targetResourceId);
    }

    @Override
    public AppliedFault apply(FaultRequest request) throws FaultTargetException {
        AppliedFault applied = recording.apply(request);
        firstApplied.accumulateAndGet(System.currentTimeMillis(), Math::min);
        return () -> {
            applied.remove();
            lastRemoved.accumulateAndGet(System.currentTimeMillis(), Math::max);
        };
    }

    /** Epoch ms of the first fault applied; {@code Long.MAX_VALUE} when none was. */
    public long firstApplied() {
        return firstApplied.get();
    }

    /** Epoch ms of the last removal; {@code Long.MIN_VALUE} when none happened. */
    public long lastRemoved() {
        return lastRemoved.get();
    }
}
