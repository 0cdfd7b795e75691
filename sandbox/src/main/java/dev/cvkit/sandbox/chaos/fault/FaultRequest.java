package dev.cvkit.sandbox.chaos.fault;

import java.util.Objects;

/**
 * One fault to apply to one target resource, on behalf of one experiment execution.
 *
 * @param executionId      the Chaos Studio execution that applies it
 * @param actionUrn        the action's capability URN, e.g.
 *                         {@code urn:csci:microsoft:azureKubernetesServiceChaosMesh:podChaos/2.2}
 * @param targetResourceId the Chaos target resource id from the experiment's selector, e.g.
 *                         {@code /subscriptions/../managedClusters/aks-contoso-eastus/providers/Microsoft.Chaos/targets/Microsoft-AzureKubernetesServiceChaosMesh}
 * @param fault            what to do to it
 */
public record FaultRequest(String executionId, String actionUrn, String targetResourceId, Fault fault) {

    public FaultRequest {
        Objects.requireNonNull(executionId, "executionId");
        Objects.requireNonNull(actionUrn, "actionUrn");
        Objects.requireNonNull(targetResourceId, "targetResourceId");
        Objects.requireNonNull(fault, "fault");
    }
}
