package dev.cvkit.jmeter.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cvkit.jmeter.fault.CredentialKind;
import dev.cvkit.jmeter.fault.FaultConfigurationException;
import dev.cvkit.jmeter.fault.FaultSettings;
import dev.cvkit.jmeter.testing.JMeterTestHome;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Reading the config element's fields: defaults, both ways to name the experiment, and errors naming the field. */
class ChaosExperimentConfigTest {

    @BeforeAll
    static void jmeter() {
        JMeterTestHome.init();
    }

    private static ChaosExperimentConfig withResourceId() {
        ChaosExperimentConfig config = new ChaosExperimentConfig();
        config.setExperimentResourceId("/subscriptions/s/resourceGroups/rg/providers/Microsoft.Chaos/experiments/exp");
        return config;
    }

    @Test
    void defaultsAreThePublicCloudAndTheStableApiVersion() {
        FaultSettings settings = withResourceId().toSettings();
        assertThat(settings.experiment().name()).isEqualTo("exp");
        assertThat(settings.endpoint()).isEqualTo("https://management.azure.com");
        assertThat(settings.apiVersion()).isEqualTo("2025-01-01");
        assertThat(settings.credential()).isEqualTo(CredentialKind.DEFAULT);
        assertThat(settings.startTimeout()).isEqualTo(Duration.ofSeconds(120));
        assertThat(settings.pollInterval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(settings.dryRun()).isFalse();
        assertThat(settings.trustStore()).isNull();
    }

    @Test
    void theExperimentMayBeGivenByItsParts() {
        ChaosExperimentConfig config = new ChaosExperimentConfig();
        config.setSubscriptionId("s");
        config.setResourceGroup("rg");
        config.setExperimentName("exp");
        assertThat(config.toSettings().experiment()).isEqualTo(withResourceId().toSettings().experiment());
    }

    @Test
    void decimalSecondsAndKeysWithoutPrefixAreRead() {
        ChaosExperimentConfig config = withResourceId();
        config.setPollIntervalSeconds("0.05");
        config.setCredential("managedIdentity");
        config.setDryRun("TRUE");
        FaultSettings settings = config.toSettings();
        assertThat(settings.pollInterval()).isEqualTo(Duration.ofMillis(50));
        assertThat(settings.credential()).isEqualTo(CredentialKind.MANAGED_IDENTITY);
        assertThat(settings.dryRun()).isTrue();
    }

    @Test
    void errorsNameTheFieldAndWhatWasExpected() {
        assertThatThrownBy(() -> new ChaosExperimentConfig().toSettings())
                .isInstanceOf(FaultConfigurationException.class).hasMessageContaining("no experiment");
        ChaosExperimentConfig config = withResourceId();
        config.setStartTimeoutSeconds("soon");
        assertThatThrownBy(config::toSettings).hasMessage("Start timeout (s): 'soon' is not a number of seconds");
        config = withResourceId();
        config.setMaxRetries("99");
        assertThatThrownBy(config::toSettings).hasMessage("Retries: 99 is outside 0..10");
        config = withResourceId();
        config.setAllowedExperimentIds("(unclosed");
        assertThatThrownBy(config::toSettings).hasMessageStartingWith("Allowed experiment IDs: '(unclosed' is not a regular expression");
        config = withResourceId();
        config.setCredential("password");
        assertThatThrownBy(config::toSettings).hasMessageContaining("Credential: credential 'password' is not one of");
        config = withResourceId();
        config.setDryRun("maybe");
        assertThatThrownBy(config::toSettings).hasMessage("Dry run: 'maybe' is neither true nor false");
        config = new ChaosExperimentConfig();
        config.setExperimentResourceId("/subscriptions/s/resourceGroups/rg");
        assertThatThrownBy(config::toSettings).hasMessageContaining("is not of the form");
    }
}
