package dev.cvkit.evaluator.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Recovery settings key the memo of recovery figures: equal settings are one key, any difference another. */
class RecoverySettingsTest {

    @Test
    void equalSettingsAreEqualWithEqualHashes() {
        RecoverySettings a = new RecoverySettings(15_000, 60_000, 25, 0.5);
        RecoverySettings b = new RecoverySettings(15_000, 60_000, 25, 0.5);
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(new RecoverySettings(10_000, 30_000, 20, 1)).isEqualTo(RecoverySettings.DEFAULTS)
                .hasSameHashCodeAs(RecoverySettings.DEFAULTS);
    }

    @Test
    void eachSettingTellsSettingsApart() {
        RecoverySettings base = new RecoverySettings(15_000, 60_000, 25, 0.5);
        assertThat(base).isNotEqualTo(new RecoverySettings(16_000, 60_000, 25, 0.5))
                .isNotEqualTo(new RecoverySettings(15_000, 61_000, 25, 0.5))
                .isNotEqualTo(new RecoverySettings(15_000, 60_000, 25.5, 0.5))
                .isNotEqualTo(new RecoverySettings(15_000, 60_000, 25, 0.25))
                .isNotEqualTo(null)
                .isNotEqualTo("15s");
        // Window and hold swapped: not the same settings, and not the same hash either.
        RecoverySettings swapped = new RecoverySettings(60_000, 15_000, 25, 0.5);
        assertThat(base).isNotEqualTo(swapped);
        assertThat(base.hashCode()).isNotEqualTo(swapped.hashCode());
    }
}
