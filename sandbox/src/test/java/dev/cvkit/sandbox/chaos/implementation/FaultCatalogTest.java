package dev.cvkit.sandbox.chaos.implementation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cvkit.sandbox.chaos.fault.CpuPressure;
import dev.cvkit.sandbox.chaos.fault.NetworkDelay;
import dev.cvkit.sandbox.chaos.fault.PodFailure;
import dev.cvkit.sandbox.chaos.fault.PodSelection;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FaultCatalogTest {

    private static final String POD = "urn:csci:microsoft:azureKubernetesServiceChaosMesh:podChaos/2.2";
    private static final String NET = "urn:csci:microsoft:azureKubernetesServiceChaosMesh:networkChaos/2.1";
    private static final String STRESS = "urn:csci:microsoft:azureKubernetesServiceChaosMesh:stressChaos/2.2";

    private static Map<String, String> spec(String json) {
        return Map.of("jsonSpec", json);
    }

    @Test
    void translatesTheThreeChaosMeshFaults() throws Exception {
        assertThat(FaultCatalog.translate(POD, spec("{\"action\":\"pod-failure\",\"mode\":\"fixed\",\"value\":\"2\"}")))
                .isEqualTo(new PodFailure(new PodSelection(PodSelection.Mode.FIXED, 2)));
        assertThat(FaultCatalog.translate(NET, spec("{\"action\":\"delay\",\"mode\":\"all\",\"delay\":{\"latency\":\"1.5s\"}}")))
                .isEqualTo(new NetworkDelay(Duration.ofMillis(1500), Duration.ZERO, PodSelection.ALL_PODS));
        assertThat(FaultCatalog.translate(STRESS, spec("{\"mode\":\"one\",\"stressors\":{\"cpu\":{\"workers\":3,\"load\":40}}}")))
                .isEqualTo(new CpuPressure(3, 40, new PodSelection(PodSelection.Mode.ONE, 0)));
        assertThat(FaultCatalog.targetTypeOf(POD)).isEqualTo("Microsoft-AzureKubernetesServiceChaosMesh");
    }

    @Test
    void refusesWhatIsNotEmulatedWithAClearReason() {
        assertThatThrownBy(() -> FaultCatalog.translate("urn:csci:microsoft:virtualMachine:shutdown/1.0", Map.of()))
                .hasMessageContaining("not emulated").hasMessageContaining("podChaos/2.2");
        assertThatThrownBy(() -> FaultCatalog.translate("urn:csci:microsoft:azureKubernetesServiceChaosMesh:podChaos/1.0", spec("{}")))
                .hasMessageContaining("not emulated");
        assertThatThrownBy(() -> FaultCatalog.translate(POD, spec("{\"action\":\"pod-kill\",\"mode\":\"all\"}")))
                .hasMessageContaining("pod-kill").hasMessageContaining("use pod-failure");
        assertThatThrownBy(() -> FaultCatalog.translate(POD, Map.of())).hasMessageContaining("'jsonSpec' is required");
        assertThatThrownBy(() -> FaultCatalog.translate(POD, spec("{\"action\":")))
                .hasMessageContaining("jsonSpec is not valid JSON");
        assertThatThrownBy(() -> FaultCatalog.translate(POD, spec("{\"action\":\"pod-failure\"}")))
                .hasMessageContaining("jsonSpec.mode is required");
        assertThatThrownBy(() -> FaultCatalog.translate(POD, spec("{\"action\":\"pod-failure\",\"mode\":\"fixed-percent\",\"value\":\"150\"}")))
                .hasMessageContaining("0..100");
        assertThatThrownBy(() -> FaultCatalog.translate(NET, spec("{\"action\":\"delay\",\"mode\":\"all\",\"delay\":{\"latency\":\"200 ms\"}}")))
                .hasMessageContaining("delay.latency");
        assertThatThrownBy(() -> FaultCatalog.translate(STRESS, spec("{\"mode\":\"all\",\"stressors\":{\"memory\":{\"workers\":1}}}")))
                .hasMessageContaining("memory stressors are not emulated");
    }

    @Test
    void goDurations() {
        assertThat(GoDuration.parse("200ms")).isEqualTo(Duration.ofMillis(200));
        assertThat(GoDuration.parse("1m30s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(GoDuration.parse("1.5h")).isEqualTo(Duration.ofMinutes(90));
        assertThat(GoDuration.parse("250us")).isEqualTo(Duration.ofNanos(250_000));
        assertThat(GoDuration.parse("0")).isZero();
        assertThatThrownBy(() -> GoDuration.parse("5 s")).hasMessageContaining("\"5 s\"");
        assertThatThrownBy(() -> GoDuration.parse("PT5S")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void podSelectionCountsPods() {
        Random random = new Random(7);
        assertThat(PodSelection.ALL_PODS.podsHit(3, random)).isEqualTo(3);
        assertThat(new PodSelection(PodSelection.Mode.ONE, 0).podsHit(3, random)).isEqualTo(1);
        assertThat(new PodSelection(PodSelection.Mode.FIXED, 5).podsHit(3, random)).isEqualTo(3);
        assertThat(new PodSelection(PodSelection.Mode.FIXED_PERCENT, 50).podsHit(3, random)).isEqualTo(1);
        assertThat(new PodSelection(PodSelection.Mode.FIXED_PERCENT, 10).podsHit(3, random)).isEqualTo(1);
        assertThat(new PodSelection(PodSelection.Mode.FIXED_PERCENT, 0).podsHit(3, random)).isZero();
        for (int i = 0; i < 50; i++) {
            assertThat(new PodSelection(PodSelection.Mode.RANDOM_MAX_PERCENT, 100).podsHit(4, random)).isBetween(0, 4);
        }
    }
}
