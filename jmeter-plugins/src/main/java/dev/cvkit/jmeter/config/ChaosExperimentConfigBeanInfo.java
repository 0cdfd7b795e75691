package dev.cvkit.jmeter.config;

import dev.cvkit.jmeter.chaos.ChaosStudioClientBuilder;
import dev.cvkit.jmeter.fault.CredentialKind;
import java.beans.PropertyDescriptor;
import org.apache.jmeter.testbeans.BeanInfoSupport;
import org.apache.jmeter.testbeans.gui.TypeEditor;

/**
 * GUI description of {@link ChaosExperimentConfig}: groups, defaults, and choices saved by stable key. Every
 * field is text and accepts expressions ({@code ${__P(..)}}, {@code ${__env(..)}}, {@code ${__GetSecret(..)}}),
 * so one plan runs locally and on Azure Load Testing.
 */
public class ChaosExperimentConfigBeanInfo extends BeanInfoSupport {

    static final String EXPERIMENT_RESOURCE_ID = "experimentResourceId";
    static final String SUBSCRIPTION_ID = "subscriptionId";
    static final String RESOURCE_GROUP = "resourceGroup";
    static final String EXPERIMENT_NAME = "experimentName";
    static final String ENDPOINT = "endpoint";
    static final String API_VERSION = "apiVersion";
    static final String CREDENTIAL = "credential";
    static final String MANAGED_IDENTITY_CLIENT_ID = "managedIdentityClientId";
    static final String TOKEN_SCOPE = "tokenScope";
    static final String REQUEST_TIMEOUT_SECONDS = "requestTimeoutSeconds";
    static final String MAX_RETRIES = "maxRetries";
    static final String START_TIMEOUT_SECONDS = "startTimeoutSeconds";
    static final String STOP_TIMEOUT_SECONDS = "stopTimeoutSeconds";
    static final String POLL_INTERVAL_SECONDS = "pollIntervalSeconds";
    static final String JOIN_SKEW_SECONDS = "joinSkewSeconds";
    static final String GUARD_TIMEOUT_SECONDS = "guardTimeoutSeconds";
    static final String DRY_RUN = "dryRun";
    static final String MAX_FAULT_DURATION_SECONDS = "maxFaultDurationSeconds";
    static final String ALLOWED_EXPERIMENT_IDS = "allowedExperimentIds";

    /** The credential choices, saved by these keys. */
    static final String[] CREDENTIAL_TAGS = {CredentialKind.DEFAULT.key(), CredentialKind.MANAGED_IDENTITY.key()};
    static final String[] BOOLEAN_TAGS = {"false", "true"};

    public ChaosExperimentConfigBeanInfo() {
        super(ChaosExperimentConfig.class);

        createPropertyGroup("experiment",
                new String[] {EXPERIMENT_RESOURCE_ID, SUBSCRIPTION_ID, RESOURCE_GROUP, EXPERIMENT_NAME});
        createPropertyGroup("connection",
                new String[] {ENDPOINT, API_VERSION, CREDENTIAL, MANAGED_IDENTITY_CLIENT_ID, TOKEN_SCOPE});
        createPropertyGroup("timing", new String[] {REQUEST_TIMEOUT_SECONDS, MAX_RETRIES, START_TIMEOUT_SECONDS,
            STOP_TIMEOUT_SECONDS, POLL_INTERVAL_SECONDS, JOIN_SKEW_SECONDS, GUARD_TIMEOUT_SECONDS});
        createPropertyGroup("safety", new String[] {DRY_RUN, MAX_FAULT_DURATION_SECONDS, ALLOWED_EXPERIMENT_IDS});

        text(EXPERIMENT_RESOURCE_ID, "");
        text(SUBSCRIPTION_ID, "");
        text(RESOURCE_GROUP, "");
        text(EXPERIMENT_NAME, "");
        text(ENDPOINT, ChaosStudioClientBuilder.DEFAULT_ENDPOINT);
        text(API_VERSION, ChaosStudioClientBuilder.DEFAULT_API_VERSION);
        choice(CREDENTIAL, CREDENTIAL_TAGS, CredentialKind.DEFAULT.key(), true);
        text(MANAGED_IDENTITY_CLIENT_ID, "");
        text(TOKEN_SCOPE, "");
        text(REQUEST_TIMEOUT_SECONDS, "10");
        text(MAX_RETRIES, "3");
        text(START_TIMEOUT_SECONDS, "120");
        text(STOP_TIMEOUT_SECONDS, "120");
        text(POLL_INTERVAL_SECONDS, "2");
        text(JOIN_SKEW_SECONDS, "60");
        text(GUARD_TIMEOUT_SECONDS, "30");
        choice(DRY_RUN, BOOLEAN_TAGS, "false", false);
        text(MAX_FAULT_DURATION_SECONDS, "3600");
        text(ALLOWED_EXPERIMENT_IDS, "");
    }

    private void text(String name, String defaultValue) {
        PropertyDescriptor p = property(name);
        p.setValue(NOT_UNDEFINED, Boolean.TRUE);
        p.setValue(DEFAULT, defaultValue);
        // Expressions stay allowed (NOT_EXPRESSION unset): ${__P(..)} etc. must work in every field.
    }

    /**
     * A drop-down whose value is saved as the tag itself (a stable key, never a position); still editable so
     * that an expression can choose. With {@code localized}, the tags are resource keys shown as their texts.
     */
    private void choice(String name, String[] tags, String defaultValue, boolean localized) {
        PropertyDescriptor p = property(name, TypeEditor.ComboStringEditor);
        if (localized) {
            p.setValue(RESOURCE_BUNDLE, getBeanDescriptor().getValue(RESOURCE_BUNDLE));
        }
        p.setValue(NOT_UNDEFINED, Boolean.TRUE);
        p.setValue(DEFAULT, defaultValue);
        p.setValue(NOT_OTHER, Boolean.FALSE);
        p.setValue(NOT_EXPRESSION, Boolean.FALSE);
        p.setValue(TAGS, tags.clone());
    }
}
