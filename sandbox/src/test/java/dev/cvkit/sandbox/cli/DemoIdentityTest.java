package dev.cvkit.sandbox.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class DemoIdentityTest {

    @Test
    void theImdsRouteIsReadFromTheHostAzureIdentityIsRedirectedTo() throws Exception {
        DemoIdentity identity = DemoIdentity.fromEnvironment(Map.of("AZURE_POD_IDENTITY_AUTHORITY_HOST", "http://127.0.0.1:23457"));
        assertThat(identity.route()).isEqualTo(DemoIdentity.Route.IMDS);
        assertThat(identity.port()).isEqualTo(23457);
        assertThat(identity.header()).isNull();
        assertThat(DemoIdentity.fromEnvironment(Map.of("AZURE_POD_IDENTITY_AUTHORITY_HOST", "http://localhost:23457/")).port()).isEqualTo(23457);
    }

    @Test
    void readsThePortAndSecretTheLauncherExportedForTheAppServiceRoute() throws Exception {
        DemoIdentity identity = DemoIdentity.fromEnvironment(Map.of("IDENTITY_ENDPOINT", "http://127.0.0.1:23456/msi/token",
                "IDENTITY_HEADER", "5f0c"));
        assertThat(identity.route()).isEqualTo(DemoIdentity.Route.APP_SERVICE);
        assertThat(identity.port()).isEqualTo(23456);
        assertThat(identity.header()).isEqualTo("5f0c");
        // MSAL4J picks App Service before IMDS when both are set; so does the demo.
        assertThat(DemoIdentity.fromEnvironment(Map.of("IDENTITY_ENDPOINT", "http://127.0.0.1:23456/msi/token", "IDENTITY_HEADER", "5f0c",
                "AZURE_POD_IDENTITY_AUTHORITY_HOST", "http://127.0.0.1:23457")).route()).isEqualTo(DemoIdentity.Route.APP_SERVICE);
    }

    @Test
    void missingOrForeignEndpointsAreUsageErrorsThatSayWhy() {
        assertThatThrownBy(() -> DemoIdentity.fromEnvironment(Map.of()))
                .isInstanceOfSatisfying(CliException.class, e -> assertThat(e.exitCode()).isEqualTo(2))
                .hasMessageContaining("AZURE_POD_IDENTITY_AUTHORITY_HOST").hasMessageContaining("./cvkit demo");
        // A real IMDS or App Service identity endpoint must never receive the demo's requests.
        assertThatThrownBy(() -> DemoIdentity.fromEnvironment(Map.of("AZURE_POD_IDENTITY_AUTHORITY_HOST", "http://169.254.169.254")))
                .isInstanceOf(CliException.class).hasMessageContaining("http://127.0.0.1:<port>");
        assertThatThrownBy(() -> DemoIdentity.fromEnvironment(Map.of("AZURE_POD_IDENTITY_AUTHORITY_HOST", "http://127.0.0.1")))
                .isInstanceOf(CliException.class);
        assertThatThrownBy(() -> DemoIdentity.fromEnvironment(Map.of("AZURE_POD_IDENTITY_AUTHORITY_HOST", "http://127.0.0.1:1/metadata")))
                .isInstanceOf(CliException.class);
        assertThatThrownBy(() -> DemoIdentity.fromEnvironment(Map.of("IDENTITY_ENDPOINT", "http://169.254.169.254/msi/token",
                "IDENTITY_HEADER", "x"))).isInstanceOf(CliException.class).hasMessageContaining("http://127.0.0.1:<port>/msi/token");
        assertThatThrownBy(() -> DemoIdentity.fromEnvironment(Map.of("IDENTITY_ENDPOINT", "http://127.0.0.1/msi/token",
                "IDENTITY_HEADER", "x"))).isInstanceOf(CliException.class);
        assertThatThrownBy(() -> DemoIdentity.fromEnvironment(Map.of("IDENTITY_ENDPOINT", "http://127.0.0.1:1/msi/token")))
                .isInstanceOf(CliException.class).hasMessageContaining("IDENTITY_HEADER");
    }
}
