package dev.cvkit.sandbox.jmeter;

import java.util.concurrent.atomic.LongAdder;
import org.apache.jmeter.engine.util.NoThreadClone;
import org.apache.jmeter.samplers.SampleEvent;
import org.apache.jmeter.samplers.SampleListener;
import org.apache.jmeter.samplers.SampleResult;
import org.apache.jmeter.testelement.AbstractTestElement;

/**
 * Counts samples and errors as they happen, for the progress reports: every sample result, and apart the
 * requests (results other than a Transaction Controller's row and cvkit's marker rows, the way the evaluator's
 * overall figures count). Added at the root of the plan, one instance shared by every JMeter thread
 * ({@link NoThreadClone}).
 */
final class ProgressCollector extends AbstractTestElement implements SampleListener, NoThreadClone {

    private static final long serialVersionUID = 1L;

    private final transient LongAdder samples = new LongAdder();
    private final transient LongAdder errors = new LongAdder();
    private final transient LongAdder requests = new LongAdder();
    private final transient LongAdder requestErrors = new LongAdder();

    /** The message a Transaction Controller gives its own row (JMeter's TransactionController). */
    private static final String TRANSACTION_MESSAGE = "Number of samples in transaction";
    /** The label prefix cvkit reserves for its own rows (contracts/fault-markers.md). */
    private static final String CVKIT_ROW = "cvkit:";

    ProgressCollector() {
        setName("cvkit progress");
    }

    @Override
    public void sampleOccurred(SampleEvent event) {
        SampleResult result = event.getResult();
        boolean failed = !result.isSuccessful();
        samples.increment();
        if (failed) {
            errors.increment();
        }
        String message = result.getResponseMessage();
        String label = result.getSampleLabel();
        boolean request = (message == null || !message.startsWith(TRANSACTION_MESSAGE)) && (label == null || !label.startsWith(CVKIT_ROW));
        if (request) {
            requests.increment();
            if (failed) {
                requestErrors.increment();
            }
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

    long requests() {
        return requests.sum();
    }

    long requestErrors() {
        return requestErrors.sum();
    }
}
