package dev.cvkit.sandbox.chaos.implementation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cvkit.sandbox.chaos.fault.CpuPressure;
import dev.cvkit.sandbox.chaos.fault.Fault;
import dev.cvkit.sandbox.chaos.fault.NetworkDelay;
import dev.cvkit.sandbox.chaos.fault.PodFailure;
import dev.cvkit.sandbox.chaos.fault.PodSelection;
import dev.cvkit.sandbox.http.Json;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fault actions the emulator can run, and their translation from Chaos Studio's capability URN plus
 * parameters into a {@link Fault}:
 * <ul>
 *   <li>{@code urn:csci:microsoft:azureKubernetesServiceChaosMesh:podChaos/2.1|2.2} with a {@code jsonSpec}
 *       whose {@code action} is {@code pod-failure} → {@link PodFailure};</li>
 *   <li>{@code ...:networkChaos/2.1|2.2} with {@code action: delay} and {@code delay.latency} (and optional
 *       {@code delay.jitter}) → {@link NetworkDelay};</li>
 *   <li>{@code ...:stressChaos/2.1|2.2} with {@code stressors.cpu} ({@code workers}, {@code load}) →
 *       {@link CpuPressure}.</li>
 * </ul>
 * The {@code mode}/{@code value} of the Chaos Mesh spec choose the pods; its {@code selector} (namespaces,
 * labels) is accepted and not interpreted, and its own {@code duration} is ignored (Chaos Studio's action
 * duration rules, as in the real service).
 */
final class FaultCatalog {

    static final String AKS_CHAOS_MESH = "azureKubernetesServiceChaosMesh";
    private static final Pattern URN = Pattern.compile("urn:csci:([^:]+):([^:]+):([^/]+)/(\\d+\\.\\d+)");
    private static final List<String> VERSIONS = List.of("2.1", "2.2");
    static final String SUPPORTED = "urn:csci:microsoft:azureKubernetesServiceChaosMesh:podChaos/2.2 (pod-failure), "
            + "...:networkChaos/2.2 (delay), ...:stressChaos/2.2 (cpu stressor), versions 2.1 and 2.2";

    private FaultCatalog() {
    }

    /**
     * The Chaos target type an action URN needs, e.g. {@code Microsoft-AzureKubernetesServiceChaosMesh} for
     * {@code urn:csci:microsoft:azureKubernetesServiceChaosMesh:podChaos/2.2}; null when the name is no URN.
     */
    static String targetTypeOf(String urn) {
        Matcher m = URN.matcher(urn);
        if (!m.matches()) {
            return null;
        }
        String type = m.group(2);
        return capitalize(m.group(1)) + "-" + capitalize(type);
    }

    private static String capitalize(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    /** Translates a continuous or discrete action into the fault it applies. */
    static Fault translate(String urn, Map<String, String> parameters) throws UnsupportedFaultException {
        Matcher m = URN.matcher(urn);
        if (!m.matches() || !m.group(1).equalsIgnoreCase("microsoft") || !m.group(2).equals(AKS_CHAOS_MESH)
                || !VERSIONS.contains(m.group(4))) {
            throw new UnsupportedFaultException("UnsupportedFault", "fault '" + urn + "' is not emulated by the cvkit sandbox; it runs "
                    + SUPPORTED);
        }
        String capability = m.group(3);
        JsonNode spec = jsonSpec(urn, parameters);
        PodSelection pods = podSelection(urn, spec);
        return switch (capability) {
            case "podChaos" -> podChaos(urn, spec, pods);
            case "networkChaos" -> networkChaos(urn, spec, pods);
            case "stressChaos" -> stressChaos(urn, spec, pods);
            default -> throw new UnsupportedFaultException("UnsupportedFault", "fault '" + urn + "' is not emulated by the cvkit sandbox; it runs "
                    + SUPPORTED);
        };
    }

    private static JsonNode jsonSpec(String urn, Map<String, String> parameters) throws UnsupportedFaultException {
        String text = parameters.get("jsonSpec");
        if (text == null) {
            throw new UnsupportedFaultException("InvalidParameters", urn + ": parameter 'jsonSpec' is required (the Chaos Mesh spec as a JSON string)");
        }
        try {
            JsonNode spec = Json.parse(text);
            if (!spec.isObject()) {
                throw new UnsupportedFaultException("InvalidParameters", urn + ": jsonSpec must be a JSON object");
            }
            return spec;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UnsupportedFaultException("InvalidParameters", urn + ": jsonSpec is not valid JSON: " + e.getOriginalMessage());
        }
    }

    private static PodSelection podSelection(String urn, JsonNode spec) throws UnsupportedFaultException {
        String modeName = spec.path("mode").asText("");
        if (modeName.isEmpty()) {
            throw new UnsupportedFaultException("InvalidParameters", urn + ": jsonSpec.mode is required (one, all, fixed, fixed-percent, random-max-percent)");
        }
        PodSelection.Mode mode = PodSelection.Mode.fromChaosMeshName(modeName);
        if (mode == null) {
            throw new UnsupportedFaultException("InvalidParameters", urn + ": jsonSpec.mode '" + modeName
                    + "' is not one of one, all, fixed, fixed-percent, random-max-percent");
        }
        int value = 0;
        if (mode == PodSelection.Mode.FIXED || mode == PodSelection.Mode.FIXED_PERCENT || mode == PodSelection.Mode.RANDOM_MAX_PERCENT) {
            String text = spec.path("value").asText("");
            try {
                value = Integer.parseInt(text);
                return new PodSelection(mode, value);
            } catch (IllegalArgumentException e) {
                throw new UnsupportedFaultException("InvalidParameters", urn + ": jsonSpec.value for mode " + modeName
                        + " must be a whole number" + (mode == PodSelection.Mode.FIXED ? "" : " 0..100") + ", got '" + text + "'");
            }
        }
        return new PodSelection(mode, value);
    }

    private static Fault podChaos(String urn, JsonNode spec, PodSelection pods) throws UnsupportedFaultException {
        String action = spec.path("action").asText("");
        if (!action.equals("pod-failure")) {
            throw new UnsupportedFaultException("UnsupportedFault", urn + ": Chaos Mesh podChaos action '" + action
                    + "' is not emulated; use pod-failure");
        }
        return new PodFailure(pods);
    }

    private static Fault networkChaos(String urn, JsonNode spec, PodSelection pods) throws UnsupportedFaultException {
        String action = spec.path("action").asText("");
        if (!action.equals("delay")) {
            throw new UnsupportedFaultException("UnsupportedFault", urn + ": Chaos Mesh networkChaos action '" + action
                    + "' is not emulated; use delay");
        }
        JsonNode delay = spec.path("delay");
        Duration latency = goDuration(urn, "delay.latency", delay.path("latency").asText(""));
        String jitterText = delay.path("jitter").asText("");
        Duration jitter = jitterText.isEmpty() ? Duration.ZERO : goDuration(urn, "delay.jitter", jitterText);
        if (latency.isZero()) {
            throw new UnsupportedFaultException("InvalidParameters", urn + ": jsonSpec.delay.latency must be positive");
        }
        return new NetworkDelay(latency, jitter, pods);
    }

    private static Fault stressChaos(String urn, JsonNode spec, PodSelection pods) throws UnsupportedFaultException {
        JsonNode stressors = spec.path("stressors");
        if (stressors.has("memory")) {
            throw new UnsupportedFaultException("UnsupportedFault", urn + ": memory stressors are not emulated; use stressors.cpu");
        }
        JsonNode cpu = stressors.path("cpu");
        if (!cpu.isObject()) {
            throw new UnsupportedFaultException("InvalidParameters", urn + ": jsonSpec.stressors.cpu is required ({\"workers\": N, \"load\": 1..100})");
        }
        int workers = cpu.path("workers").asInt(0);
        int load = cpu.has("load") ? cpu.path("load").asInt(-1) : 100;
        if (workers < 1) {
            throw new UnsupportedFaultException("InvalidParameters", urn + ": jsonSpec.stressors.cpu.workers must be at least 1");
        }
        if (load < 1 || load > 100) {
            throw new UnsupportedFaultException("InvalidParameters", urn + ": jsonSpec.stressors.cpu.load must be within 1..100");
        }
        return new CpuPressure(workers, load, pods);
    }

    private static Duration goDuration(String urn, String field, String text) throws UnsupportedFaultException {
        try {
            return GoDuration.parse(text);
        } catch (IllegalArgumentException e) {
            throw new UnsupportedFaultException("InvalidParameters", urn + ": jsonSpec." + field + ": " + e.getMessage());
        }
    }

    /** Whether an action type string names a fault action (not a delay). */
    static boolean isFaultAction(String type) {
        return type.toLowerCase(Locale.ROOT).equals("continuous") || type.toLowerCase(Locale.ROOT).equals("discrete");
    }
}
