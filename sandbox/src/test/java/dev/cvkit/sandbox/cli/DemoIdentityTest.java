package dev.cvkit.sandbox.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class DemoIdentityTest {

    @Test
    void readsThePortAndSecretTheLauncherExported() throws Exception {
        DemoIdentity identity = DemoIdentity.fromEnvironment(Map.of("IDENTITY_ENDPOINT", "http://127.0.0.1:23456/msi/token",
                "IDENTITY_HEADER", "5f0c"));
        assertThat(identity.port()).isEqualTo(23456);
        assertThat(identity.header()).isEqualTo("5f0c");
    }

    @Test
    void missingOrForeignEndpointsAreUsageErrorsThatSayWhy() {
        assertThatThrownBy(() -> DemoIdentity.fromEnvironment(Map.of()))
                .isInstanceOfSatisfying(CliException.class, e -> assertThat(e.exitCode()).isEqualTo(2))
                .hasMessageContaining("IDENTITY_ENDPOINT and IDENTITY_HEADER").hasMessageContaining("./cvkit demo");
        // A real App Service identity endpoint must never receive the demo's requests.
        assertThatThrownBy(() -> DemoIdentity.fromEnvironment(Map.of("IDENTITY_ENDPOINT", "http://169.254.169.254/msi/token",
                "IDENTITY_HEADER", "x"))).isInstanceOf(CliException.class).hasMessageContaining("http://127.0.0.1:<port>/msi/token");
        assertThatThrownBy(() -> DemoIdentity.fromEnvironment(Map.of("IDENTITY_ENDPOINT", "http://127.0.0.1/msi/token",
                "IDENTITY_HEADER", "x"))).isInstanceOf(CliException.class);
    }
}
