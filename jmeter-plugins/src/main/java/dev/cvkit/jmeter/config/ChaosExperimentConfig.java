package dev.cvkit.jmeter.config;

import dev.cvkit.jmeter.chaos.ChaosStudioClientBuilder;
import dev.cvkit.jmeter.chaos.ExperimentId;
import dev.cvkit.jmeter.fault.CredentialKind;
import dev.cvkit.jmeter.fault.FaultConfigurationException;
import dev.cvkit.jmeter.fault.FaultOutcome;
import dev.cvkit.jmeter.fault.FaultSession;
import dev.cvkit.jmeter.fault.FaultSessionFactory;
import dev.cvkit.jmeter.fault.FaultSessions;
import dev.cvkit.jmeter.fault.FaultSettings;
import dev.cvkit.jmeter.fault.JvmExitGuard;
import dev.cvkit.jmeter.fault.SafetyLimits;
import dev.cvkit.jmeter.marker.MarkerRelay;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.apache.jmeter.config.ConfigTestElement;
import org.apache.jmeter.engine.util.NoConfigMerge;
import org.apache.jmeter.testbeans.TestBean;
import org.apache.jmeter.testelement.TestStateListener;
import org.apache.jmeter.engine.util.NoThreadClone;
import org.apache.jmeter.threads.JMeterContextService;
import org.apache.jmeter.util.JMeterUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * <b>cvkit Chaos Studio Experiment</b> (config element): which experiment, how to reach Chaos Studio, the
 * timeouts and the safety limits. At test start it builds the client and the credential (so that samplers
 * pay nothing for them), installs the fault guard, and reads the experiment and checks it against the
 * limits on a thread of its own (the load starts on time whatever Chaos Studio does); at test end the guard ends any fault this engine started or joined and did not see end, and
 * writes its marker.
 *
 * <p>Samplers, the schedule and the fault guard find it by its name (blank: the only one in the plan).
 * One instance for all threads ({@code NoThreadClone}); its fields are never merged into samplers
 * ({@code NoConfigMerge}).
 */
public class ChaosExperimentConfig extends ConfigTestElement
        implements TestBean, TestStateListener, NoThreadClone, NoConfigMerge {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ChaosExperimentConfig.class);

    /** JMeter property: a trust store (PKCS12/JKS) for the endpoint's certificate, e.g. the local emulator's. */
    public static final String TRUST_STORE_PROPERTY = "cvkit.chaos.trustStore";
    /** JMeter property: the trust store's password. */
    public static final String TRUST_STORE_PASSWORD_PROPERTY = "cvkit.chaos.trustStorePassword";

    private String experimentResourceId = "";
    private String subscriptionId = "";
    private String resourceGroup = "";
    private String experimentName = "";
    private String endpoint = ChaosStudioClientBuilder.DEFAULT_ENDPOINT;
    private String apiVersion = ChaosStudioClientBuilder.DEFAULT_API_VERSION;
    private String credential = CredentialKind.DEFAULT.key();
    private String managedIdentityClientId = "";
    private String tokenScope = "";
    private String requestTimeoutSeconds = "10";
    private String maxRetries = "3";
    private String startTimeoutSeconds = "120";
    private String stopTimeoutSeconds = "120";
    private String pollIntervalSeconds = "2";
    private String joinSkewSeconds = "60";
    private String guardTimeoutSeconds = "30";
    private String dryRun = "false";
    private String maxFaultDurationSeconds = "3600";
    private String allowedExperimentIds = "";

    private transient FaultSession session;
    private transient String registeredName;

    @Override
    public void testStarted() {
        long testStart = JMeterContextService.getTestStartTime() > 0 ? JMeterContextService.getTestStartTime()
                : System.currentTimeMillis();
        MarkerRelay.reset(testStart);
        String name = registryName();
        try {
            FaultSettings settings = toSettings();
            session = FaultSessionFactory.open(settings, testStart);
            FaultSessions.register(name, session);
            registeredName = name;
            JvmExitGuard.guard(session);
            LOG.info("cvkit chaos: '{}' ready for {} ({})", name, settings.experiment(), settings);
            // Never on this thread: JMeter starts no thread group before every test-start listener returned.
            session.warmUpInBackground();
        } catch (FaultConfigurationException e) {
            String reason = "Chaos Studio Experiment '" + name + "': " + e.getMessage();
            LOG.error("cvkit chaos: {}; every cvkit element using it will record a failed sample", reason);
            if (session != null) {
                JvmExitGuard.release(session);
                session = null;
            }
            if (registeredName == null) {
                try {
                    FaultSessions.registerBroken(name, reason);
                    registeredName = name;
                } catch (FaultConfigurationException duplicate) {
                    LOG.error("cvkit chaos: {}", duplicate.getMessage());
                }
            }
        }
    }

    @Override
    public void testStarted(String host) {
        testStarted();
    }

    @Override
    public void testEnded() {
        try {
            if (session != null) {
                for (FaultOutcome outcome : session.guardAtTestEnd()) {
                    MarkerRelay.enqueue(outcome, session.experiment());
                }
                int written = MarkerRelay.flush();
                if (written > 0) {
                    LOG.info("cvkit chaos: {} fault marker(s) written at test end", written);
                }
                JvmExitGuard.release(session);
            }
        } finally {
            if (registeredName != null) {
                FaultSessions.unregister(registeredName);
            }
            registeredName = null;
            session = null;
        }
    }

    @Override
    public void testEnded(String host) {
        testEnded();
    }

    private String registryName() {
        String name = getName();
        return name == null ? "" : name.trim();
    }

    /**
     * Reads and checks every field.
     *
     * @throws FaultConfigurationException naming the first field that is wrong
     */
    FaultSettings toSettings() {
        ExperimentId experiment = experimentId();
        Duration requestTimeout = Fields.seconds(requestTimeoutSeconds, "10", "Request timeout (s)", Duration.ofMillis(100));
        Pattern allowed = null;
        String allowText = Fields.text(allowedExperimentIds, "");
        if (!allowText.isEmpty()) {
            try {
                allowed = Pattern.compile(allowText);
            } catch (PatternSyntaxException e) {
                throw new FaultConfigurationException("Allowed experiment IDs: '" + allowText
                        + "' is not a regular expression: " + e.getDescription());
            }
        }
        String trustStoreText = JMeterUtils.getPropDefault(TRUST_STORE_PROPERTY, "");
        Path trustStore = trustStoreText == null || trustStoreText.isBlank() ? null : Path.of(trustStoreText.trim());
        CredentialKind credentialKind;
        try {
            credentialKind = CredentialKind.fromKey(credential);
        } catch (IllegalArgumentException e) {
            throw new FaultConfigurationException("Credential: " + e.getMessage());
        }
        return new FaultSettings(
                experiment,
                Fields.text(endpoint, ChaosStudioClientBuilder.DEFAULT_ENDPOINT),
                Fields.text(apiVersion, ChaosStudioClientBuilder.DEFAULT_API_VERSION),
                credentialKind,
                Fields.text(managedIdentityClientId, ""),
                Fields.text(tokenScope, ""),
                trustStore,
                JMeterUtils.getPropDefault(TRUST_STORE_PASSWORD_PROPERTY, ""),
                requestTimeout,
                Fields.integer(maxRetries, "3", "Retries", 0, 10),
                Fields.seconds(startTimeoutSeconds, "120", "Start timeout (s)", Duration.ofMillis(100)),
                Fields.seconds(stopTimeoutSeconds, "120", "Stop timeout (s)", Duration.ofMillis(100)),
                Fields.seconds(pollIntervalSeconds, "2", "Poll interval (s)", Duration.ofMillis(10)),
                Fields.seconds(joinSkewSeconds, "60", "Join allowance (s)", Duration.ZERO),
                Fields.seconds(guardTimeoutSeconds, "30", "Guard timeout (s)", Duration.ofMillis(100)),
                Fields.bool(dryRun, "false", "Dry run"),
                new SafetyLimits(Fields.seconds(maxFaultDurationSeconds, "3600", "Maximum fault duration (s)",
                        Duration.ofSeconds(1)), allowed));
    }

    private ExperimentId experimentId() {
        String resourceId = Fields.text(experimentResourceId, "");
        try {
            if (!resourceId.isEmpty()) {
                return ExperimentId.parse(resourceId);
            }
            if (Fields.text(subscriptionId, "").isEmpty() && Fields.text(resourceGroup, "").isEmpty()
                    && Fields.text(experimentName, "").isEmpty()) {
                throw new FaultConfigurationException("no experiment: set the Experiment resource ID, or the"
                        + " subscription id, resource group and experiment name");
            }
            return ExperimentId.of(subscriptionId, resourceGroup, experimentName);
        } catch (IllegalArgumentException e) {
            throw new FaultConfigurationException(e.getMessage(), e);
        }
    }

    // ---- TestBean properties (names must match ChaosExperimentConfigBeanInfo) ----

    public String getExperimentResourceId() {
        return experimentResourceId;
    }

    public void setExperimentResourceId(String value) {
        this.experimentResourceId = value;
    }

    public String getSubscriptionId() {
        return subscriptionId;
    }

    public void setSubscriptionId(String value) {
        this.subscriptionId = value;
    }

    public String getResourceGroup() {
        return resourceGroup;
    }

    public void setResourceGroup(String value) {
        this.resourceGroup = value;
    }

    public String getExperimentName() {
        return experimentName;
    }

    public void setExperimentName(String value) {
        this.experimentName = value;
    }

    public String getEndpoint() {
        return endpoint;
    }

    public void setEndpoint(String value) {
        this.endpoint = value;
    }

    public String getApiVersion() {
        return apiVersion;
    }

    public void setApiVersion(String value) {
        this.apiVersion = value;
    }

    public String getCredential() {
        return credential;
    }

    public void setCredential(String value) {
        this.credential = value;
    }

    public String getManagedIdentityClientId() {
        return managedIdentityClientId;
    }

    public void setManagedIdentityClientId(String value) {
        this.managedIdentityClientId = value;
    }

    public String getTokenScope() {
        return tokenScope;
    }

    public void setTokenScope(String value) {
        this.tokenScope = value;
    }

    public String getRequestTimeoutSeconds() {
        return requestTimeoutSeconds;
    }

    public void setRequestTimeoutSeconds(String value) {
        this.requestTimeoutSeconds = value;
    }

    public String getMaxRetries() {
        return maxRetries;
    }

    public void setMaxRetries(String value) {
        this.maxRetries = value;
    }

    public String getStartTimeoutSeconds() {
        return startTimeoutSeconds;
    }

    public void setStartTimeoutSeconds(String value) {
        this.startTimeoutSeconds = value;
    }

    public String getStopTimeoutSeconds() {
        return stopTimeoutSeconds;
    }

    public void setStopTimeoutSeconds(String value) {
        this.stopTimeoutSeconds = value;
    }

    public String getPollIntervalSeconds() {
        return pollIntervalSeconds;
    }

    public void setPollIntervalSeconds(String value) {
        this.pollIntervalSeconds = value;
    }

    public String getJoinSkewSeconds() {
        return joinSkewSeconds;
    }

    public void setJoinSkewSeconds(String value) {
        this.joinSkewSeconds = value;
    }

    public String getGuardTimeoutSeconds() {
        return guardTimeoutSeconds;
    }

    public void setGuardTimeoutSeconds(String value) {
        this.guardTimeoutSeconds = value;
    }

    public String getDryRun() {
        return dryRun;
    }

    public void setDryRun(String value) {
        this.dryRun = value;
    }

    public String getMaxFaultDurationSeconds() {
        return maxFaultDurationSeconds;
    }

    public void setMaxFaultDurationSeconds(String value) {
        this.maxFaultDurationSeconds = value;
    }

    public String getAllowedExperimentIds() {
        return allowedExperimentIds;
    }

    public void setAllowedExperimentIds(String value) {
        this.allowedExperimentIds = value;
    }
}
