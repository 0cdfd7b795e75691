package dev.cvkit.sandbox.chaos;

/** Experiment JSON for the emulator tests, written in Chaos Studio's own format. */
final class Experiments {

    static final String SUB = ChaosStudioEmulator.DEFAULT_SUBSCRIPTION_ID;
    static final String STAMP1 = "/subscriptions/" + SUB + "/resourceGroups/rg-aks/providers/Microsoft.ContainerService/managedClusters/"
            + "aks-one/providers/Microsoft.Chaos/targets/Microsoft-AzureKubernetesServiceChaosMesh";
    static final String STAMP2 = STAMP1.replace("aks-one", "aks-two");
    static final String POD_FAILURE = "urn:csci:microsoft:azureKubernetesServiceChaosMesh:podChaos/2.2";
    static final String NETWORK = "urn:csci:microsoft:azureKubernetesServiceChaosMesh:networkChaos/2.2";
    static final String STRESS = "urn:csci:microsoft:azureKubernetesServiceChaosMesh:stressChaos/2.2";

    private Experiments() {
    }

    /** An escaped jsonSpec parameter value. */
    static String spec(String json) {
        return json.replace("\"", "\\\"");
    }

    static String podFailureSpec() {
        return spec("{\"action\":\"pod-failure\",\"mode\":\"all\",\"selector\":{\"namespaces\":[\"contoso\"]}}");
    }

    static String continuous(String urn, String duration, String jsonSpec, String selector) {
        return "{\"type\":\"continuous\",\"name\":\"" + urn + "\",\"duration\":\"" + duration + "\",\"selectorId\":\"" + selector
                + "\",\"parameters\":[{\"key\":\"jsonSpec\",\"value\":\"" + jsonSpec + "\"}]}";
    }

    static String delay(String duration) {
        return "{\"type\":\"delay\",\"name\":\"urn:csci:microsoft:chaosStudio:TimedDelay/1.0\",\"duration\":\"" + duration + "\"}";
    }

    static String selector(String id, String... targets) {
        StringBuilder json = new StringBuilder("{\"type\":\"List\",\"id\":\"" + id + "\",\"targets\":[");
        for (int i = 0; i < targets.length; i++) {
            json.append(i > 0 ? "," : "").append("{\"type\":\"ChaosTarget\",\"id\":\"").append(targets[i]).append("\"}");
        }
        return json.append("]}").toString();
    }

    /** An experiment body: selectors, then steps each given as a list of branches each a list of actions. */
    static String experiment(String[] selectors, String[][][] steps) {
        StringBuilder json = new StringBuilder("{\"location\":\"eastus\",\"identity\":{\"type\":\"SystemAssigned\"},\"properties\":{\"selectors\":[");
        json.append(String.join(",", selectors)).append("],\"steps\":[");
        for (int s = 0; s < steps.length; s++) {
            json.append(s > 0 ? "," : "").append("{\"name\":\"step").append(s + 1).append("\",\"branches\":[");
            for (int b = 0; b < steps[s].length; b++) {
                json.append(b > 0 ? "," : "").append("{\"name\":\"branch").append(b + 1).append("\",\"actions\":[")
                        .append(String.join(",", steps[s][b])).append("]}");
            }
            json.append("]}");
        }
        return json.append("]}}").toString();
    }

    /** One pod-failure action on stamp 1 for {@code duration}. */
    static String podFailure(String duration) {
        return experiment(new String[] {selector("s1", STAMP1)},
                new String[][][] {{{continuous(POD_FAILURE, duration, podFailureSpec(), "s1")}}});
    }
}
