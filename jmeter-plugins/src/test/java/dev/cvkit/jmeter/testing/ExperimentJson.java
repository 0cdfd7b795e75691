package dev.cvkit.jmeter.testing;

import dev.cvkit.sandbox.chaos.ChaosStudioEmulator;

/** Experiment bodies in Chaos Studio's own JSON, for the emulator. */
public final class ExperimentJson {

    private static final String TARGET = "/subscriptions/" + ChaosStudioEmulator.DEFAULT_SUBSCRIPTION_ID
            + "/resourceGroups/rg-aks/providers/Microsoft.ContainerService/managedClusters/aks-eastus"
            + "/providers/Microsoft.Chaos/targets/Microsoft-AzureKubernetesServiceChaosMesh";

    private ExperimentJson() {
    }

    /** One pod-failure action on one AKS target, lasting {@code isoDuration} (e.g. {@code PT30S}). */
    public static String podFailure(String isoDuration) {
        String spec = "{\\\"action\\\":\\\"pod-failure\\\",\\\"mode\\\":\\\"all\\\",\\\"selector\\\":{\\\"namespaces\\\":[\\\"contoso\\\"]}}";
        return "{\"location\":\"eastus\",\"identity\":{\"type\":\"SystemAssigned\"},\"properties\":{"
                + "\"selectors\":[{\"type\":\"List\",\"id\":\"aks\",\"targets\":[{\"type\":\"ChaosTarget\",\"id\":\"" + TARGET + "\"}]}],"
                + "\"steps\":[{\"name\":\"stamp down\",\"branches\":[{\"name\":\"eastus\",\"actions\":[{\"type\":\"continuous\","
                + "\"name\":\"urn:csci:microsoft:azureKubernetesServiceChaosMesh:podChaos/2.2\",\"duration\":\"" + isoDuration
                + "\",\"selectorId\":\"aks\",\"parameters\":[{\"key\":\"jsonSpec\",\"value\":\"" + spec + "\"}]}]}]}]}}";
    }
}
