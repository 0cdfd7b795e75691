package dev.cvkit.jmeter.fault;

import dev.cvkit.jmeter.chaos.ExperimentId;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything a fault session needs, read and checked from the Chaos Studio Experiment element.
 *
 * @param experiment the experiment
 * @param endpoint the ARM endpoint ({@code https://})
 * @param apiVersion the Microsoft.Chaos api-version
 * @param credential where tokens come from
 * @param managedIdentityClientId a user-assigned managed identity's client id, or blank
 * @param tokenScope the access token's scope, or blank for the endpoint's default
 * @param trustStore a trust store for the endpoint's certificate (the emulator), or null for the JVM's
 * @param trustStorePassword its password (protects nothing secret: the store holds public certificates)
 * @param requestTimeout the longest wait for one HTTP answer
 * @param maxRetries retries of a failed call
 * @param startTimeout the longest a start may take, until the execution is seen running
 * @param stopTimeout the longest a stop may take, until the execution is seen ended
 * @param pollInterval interval between status reads while waiting
 * @param joinSkew how long before this engine's test start another engine's execution may have begun and
 *     still count as "began during this test" (engines start at slightly different times)
 * @param guardTimeout the longest the guard spends ending a fault at test end or JVM exit
 * @param dryRun log what would be called, call nothing
 * @param limits the safety limits
 */
public record FaultSettings(ExperimentId experiment, String endpoint, String apiVersion, CredentialKind credential,
        String managedIdentityClientId, String tokenScope, Path trustStore, String trustStorePassword, Duration requestTimeout,
        int maxRetries, Duration startTimeout, Duration stopTimeout, Duration pollInterval, Duration joinSkew,
        Duration guardTimeout, boolean dryRun, SafetyLimits limits) {

    public FaultSettings {
        Objects.requireNonNull(experiment, "experiment");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(apiVersion, "apiVersion");
        Objects.requireNonNull(credential, "credential");
        Objects.requireNonNull(limits, "limits");
        for (Duration d : new Duration[] {requestTimeout, startTimeout, stopTimeout, pollInterval, guardTimeout}) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("timeouts and intervals must be positive, got " + d);
            }
        }
        if (joinSkew == null || joinSkew.isNegative()) {
            throw new IllegalArgumentException("join skew must be zero or positive, got " + joinSkew);
        }
    }

    @Override
    public String toString() {
        // No password: settings end up in logs.
        return "FaultSettings[experiment=" + experiment + ", endpoint=" + endpoint + ", apiVersion=" + apiVersion
                + ", credential=" + credential.key() + ", dryRun=" + dryRun + ", trustStore=" + trustStore + "]";
    }
}
