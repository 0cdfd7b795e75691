package dev.cvkit.jmeter.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.exception.ClientAuthenticationException;
import com.azure.identity.CredentialUnavailableException;
import com.microsoft.aad.msal4j.MsalClientException;
import com.microsoft.aad.msal4j.MsalServiceException;
import dev.cvkit.jmeter.chaos.implementation.Failures;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.nio.channels.ClosedChannelException;
import org.junit.jupiter.api.Test;

/**
 * Token failures as azure-identity 1.19 / MSAL4J raise them (the chains were recorded from the real
 * credential against the emulator's identity endpoint, a closed port and an IMDS answer "Identity not found"),
 * turned into a reason a user can act on.
 */
class FailuresTest {

    private static ClientAuthenticationException wrapped(Throwable msal) {
        return new ClientAuthenticationException("Managed Identity authentication failed, see inner exception for more"
                + " information.", null, msal);
    }

    @Test
    void theIdentityEndpointRefusingTheSecretIsSaid() {
        Throwable failure = wrapped(new MsalServiceException("[Managed Identity] Error Code: unauthorized_client Error"
                + " Message: the X-IDENTITY-HEADER header is missing or does not match IDENTITY_HEADER", "unauthorized_client"));
        assertThat(Failures.token(failure)).isEqualTo("the identity endpoint refused the secret ([Managed Identity] Error"
                + " Code: unauthorized_client Error Message: the X-IDENTITY-HEADER header is missing or does not match"
                + " IDENTITY_HEADER)");
    }

    @Test
    void anIdentityThatIsNotAttachedIsSaid() {
        Throwable failure = wrapped(new MsalServiceException("[Managed Identity] Authentication unavailable. The requested"
                + " identity has not been assigned to this resource.Status: 400Content:{\"error\":\"invalid_request\","
                + "\"error_description\":\"Identity not found\"}Headers:date[x]", "invalid_request"));
        assertThat(Failures.token(failure)).isEqualTo("the managed identity is not attached to this host, or the client"
                + " id is wrong ([Managed Identity] Authentication unavailable. The requested identity has not been"
                + " assigned to this resource.Status: 400)");
    }

    @Test
    void anUnreachableIdentityEndpointSaysConnectionRefused() {
        ConnectException refused = new ConnectException();
        refused.initCause(new ClosedChannelException());
        Throwable failure = wrapped(new MsalClientException(new UncheckedIOException(refused)));
        assertThat(Failures.token(failure)).isEqualTo("the identity endpoint cannot be reached: connection refused");
    }

    /** DefaultAzureCredential's failure: its members' messages one a line (as recorded), no causes. */
    private static CredentialUnavailableException chain(String managedIdentityLine) {
        return new CredentialUnavailableException("EnvironmentCredential authentication unavailable. Environment"
                + " variables are not fully configured.\r\nWorkloadIdentityCredential authentication unavailable.\r\n"
                + managedIdentityLine + "\r\nAzureCliCredential authentication unavailable. Azure CLI not installed.");
    }

    @Test
    void anIdentityNotAttachedBehindTheDefaultChainIsSaid() {
        assertThat(Failures.token(chain("Managed Identity authentication is not available.")))
                .isEqualTo("the managed identity is not attached to this host, or the client id is wrong");
    }

    @Test
    void anUnreachableImdsBehindTheDefaultChainIsSaid() {
        assertThat(Failures.token(chain("ManagedIdentityCredential authentication unavailable. No response received"
                + " from the IMDS endpoint, Connection refused.")))
                .isEqualTo("the identity endpoint cannot be reached (no answer from IMDS)");
    }

    @Test
    void noIdentityAtAllBehindTheDefaultChainIsStillSaid() {
        assertThat(Failures.token(chain("ManagedIdentityCredential authentication unavailable. Connection to IMDS"
                + " endpoint cannot be established."))).startsWith("no identity is available here");
    }
}
