package dev.cvkit.sandbox.jmeter;

import java.util.concurrent.atomic.LongAdder;
import org.apache.jmeter.engine.util.NoThreadClone;
import org.apache.jmeter.samplers.SampleEvent;
import org.apache.jmeter.samplers.SampleListener;
import org.apache.jmeter.testelement.AbstractTestElement;

/**
 * Counts samples and errors as they happen, for the progress reports. Added at the root of the plan, one
 * instance shared by every JMeter thread ({@link NoThreadClone}).
 */
final class ProgressCollector extends AbstractTestElement implements SampleListener, NoThreadClone {

    private static final long serialVersionUID = 1L;

    private final transient LongAdder samples = new LongAdder();
    private final transient LongAdder errors = new LongAdder();

    ProgressCollector() {
        setName("cvkit progress");
    }

    @Override
    public void sampleOccurred(SampleEvent event) {
        samples.increment();
        if (!event.getResult().isSuccessful()) {
            errors.increment();
        }
    }

    @Override
    public void sampleStarted(SampleEvent event) {
        // Only finished samples count.
    }

    @Override
    public void sampleStopped(SampleEvent event) {
        // Only finished samples count.
    }

    long samples() {
        return samples.sum();
    }

    long errors() {
        return errors.sum();
    }
}
