package dev.cvkit.jmeter.testing;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import dev.cvkit.jmeter.config.ChaosExperimentConfig;
import dev.cvkit.jmeter.fault.FaultSessionFactory;
import dev.cvkit.sandbox.chaos.ChaosStudioEmulator;
import dev.cvkit.sandbox.chaos.EmulatorTiming;
import dev.cvkit.sandbox.chaos.ExecutionSnapshot;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.jmeter.util.JMeterUtils;
import reactor.core.publisher.Mono;

/**
 * The sandbox's Chaos Studio emulator, wired for in-process plans: JMeter properties for its endpoint,
 * experiment and trust store ({@link #properties()}); tokens it issued (in-process, the managed-identity route cannot be used: it
 * reads the process environment); every token handed out is remembered so tests can look for leaks.
 */
public final class EmulatorFixture implements AutoCloseable {

    /** The experiment every test deploys. */
    public static final String EXPERIMENT = "stamp-down";

    private final ChaosStudioEmulator emulator;
    private final AutoCloseable credentials;
    private final List<String> tokens = new CopyOnWriteArrayList<>();

    public EmulatorFixture(String experimentDuration) {
        this(ChaosStudioEmulator.builder().timing(EmulatorTiming.FAST), experimentDuration);
    }

    public EmulatorFixture(ChaosStudioEmulator.Builder builder, String experimentDuration) {
        emulator = builder.experiment(EXPERIMENT, ExperimentJson.podFailure(experimentDuration)).build();
        TokenCredential credential = new TokenCredential() {
            @Override
            public Mono<AccessToken> getToken(TokenRequestContext request) {
                return Mono.fromSupplier(() -> getTokenSync(request));
            }

            @Override
            public AccessToken getTokenSync(TokenRequestContext request) {
                String token = emulator.issueAccessToken();
                tokens.add(token);
                return new AccessToken(token, OffsetDateTime.now().plusHours(1));
            }
        };
        credentials = FaultSessionFactory.overrideCredentialSource((settings, httpClient) -> credential);
    }

    public ChaosStudioEmulator emulator() {
        return emulator;
    }

    /** JMeter properties pointing a plan at this emulator (as {@code -J} options). */
    public Map<String, String> properties() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("cvkit.test.endpoint", emulator.endpoint().toString());
        properties.put("cvkit.test.experiment", emulator.experimentResourceId(EXPERIMENT));
        properties.put(ChaosExperimentConfig.TRUST_STORE_PROPERTY, emulator.trustStorePath().toString());
        properties.put(ChaosExperimentConfig.TRUST_STORE_PASSWORD_PROPERTY, emulator.trustStorePassword());
        properties.put("cvkit.loadStatus", "OK");
        return properties;
    }

    /** Every access token handed to the plugins so far. */
    public List<String> tokens() {
        return tokens;
    }

    /** The config element's fields for this emulator: endpoint and experiment from properties, fast polling. */
    public static Map<String, String> configFields() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("endpoint", "${__P(cvkit.test.endpoint)}");
        fields.put("experimentResourceId", "${__P(cvkit.test.experiment)}");
        fields.put("pollIntervalSeconds", "0.05");
        fields.put("requestTimeoutSeconds", "2");
        fields.put("startTimeoutSeconds", "10");
        fields.put("stopTimeoutSeconds", "10");
        fields.put("guardTimeoutSeconds", "10");
        fields.put("joinSkewSeconds", "30");
        return fields;
    }

    /** The only execution of the experiment (fails when there is not exactly one). */
    public ExecutionSnapshot onlyExecution() {
        List<ExecutionSnapshot> executions = emulator.executions(EXPERIMENT);
        if (executions.size() != 1) {
            throw new AssertionError("expected one execution, got " + executions);
        }
        return executions.get(0);
    }

    /** Waits until an execution of the experiment is Running. */
    public ExecutionSnapshot awaitRunning(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            List<ExecutionSnapshot> executions = emulator.executions(EXPERIMENT);
            if (!executions.isEmpty()) {
                return emulator.awaitExecution(executions.get(0).executionId(),
                        e -> "Running".equals(e.status()), Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no execution of " + EXPERIMENT + " within " + timeout);
    }

    @Override
    public void close() throws Exception {
        credentials.close();
        emulator.close();
        // JMeter's properties are JVM-wide: leave none of this emulator's behind for the next test.
        java.util.Properties jmeter = JMeterUtils.getJMeterProperties();
        for (String property : jmeter == null ? List.<String>of() : List.of("cvkit.test.endpoint", "cvkit.test.experiment", "cvkit.loadStatus",
                ChaosExperimentConfig.TRUST_STORE_PROPERTY, ChaosExperimentConfig.TRUST_STORE_PASSWORD_PROPERTY)) {
            jmeter.remove(property);
        }
    }
}
