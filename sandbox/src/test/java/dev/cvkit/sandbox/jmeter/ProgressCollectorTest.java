package dev.cvkit.sandbox.jmeter;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.jmeter.samplers.SampleEvent;
import org.apache.jmeter.samplers.SampleResult;
import org.junit.jupiter.api.Test;

class ProgressCollectorTest {

    private static SampleEvent event(String label, String message, boolean success) {
        SampleResult result = new SampleResult();
        result.setSampleLabel(label);
        result.setResponseMessage(message);
        result.setSuccessful(success);
        return new SampleEvent(result, "group");
    }

    @Test
    void requestsLeaveOutTransactionRowsAndMarkersAsTheEvaluatorDoes() {
        ProgressCollector collector = new ProgressCollector();
        collector.sampleOccurred(event("GET /api/catalog", "OK", true));
        collector.sampleOccurred(event("GET /api/catalog/{id}", "Service Unavailable", false));
        collector.sampleOccurred(event("View item", "Number of samples in transaction : 1, number of failing samples : 1", false));
        collector.sampleOccurred(event("cvkit:fault-start:stamp", "execution=A; status=Running; role=started; by=schedule", true));

        assertThat(collector.samples()).isEqualTo(4);
        assertThat(collector.errors()).isEqualTo(2);
        assertThat(collector.requests()).isEqualTo(2);
        assertThat(collector.requestErrors()).isEqualTo(1);
    }
}
