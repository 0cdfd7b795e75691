package dev.cvkit.jmeter.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ExperimentIdTest {

    private static final String ID =
            "/subscriptions/6b052e15-03d3-4f17-b2e1-be7f07588291/resourceGroups/contoso-chaos/providers/Microsoft.Chaos/experiments/contoso-stamp-failure";

    @Test
    void parsesAResourceIdAndGivesItsParts() {
        ExperimentId id = ExperimentId.parse("  " + ID + "/ ");
        assertThat(id.subscriptionId()).isEqualTo("6b052e15-03d3-4f17-b2e1-be7f07588291");
        assertThat(id.resourceGroup()).isEqualTo("contoso-chaos");
        assertThat(id.name()).isEqualTo("contoso-stamp-failure");
        assertThat(id.resourceId()).isEqualTo(ID);
    }

    @Test
    void segmentNamesMatchWithoutCaseAndIdsCompareWithoutCase() {
        ExperimentId lower = ExperimentId.parse(ID.toLowerCase());
        assertThat(lower.resourceId()).contains("/providers/Microsoft.Chaos/experiments/");
        assertThat(lower).isEqualTo(ExperimentId.parse(ID)).hasSameHashCodeAs(ExperimentId.parse(ID));
    }

    @Test
    void buildsFromPartsLikeTheResourceId() {
        assertThat(ExperimentId.of("6b052e15-03d3-4f17-b2e1-be7f07588291", "contoso-chaos", "contoso-stamp-failure"))
                .isEqualTo(ExperimentId.parse(ID));
    }

    @Test
    void refusesOtherResourceTypesNamingTheExpectedForm() {
        assertThatThrownBy(() -> ExperimentId.parse(
                "/subscriptions/x/resourceGroups/y/providers/Microsoft.Compute/virtualMachines/z"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Microsoft.Compute")
                .hasMessageContaining(ExperimentId.FORM);
        assertThatThrownBy(() -> ExperimentId.parse(null)).hasMessageContaining("is not of the form");
    }

    @Test
    void refusesPartsThatAreNotOneSegment() {
        assertThatThrownBy(() -> ExperimentId.of("sub", "rg/evil", "x"))
                .hasMessageContaining("resource group 'rg/evil'");
        assertThatThrownBy(() -> ExperimentId.of("sub", "rg", " "))
                .hasMessageContaining("experiment name");
    }
}
