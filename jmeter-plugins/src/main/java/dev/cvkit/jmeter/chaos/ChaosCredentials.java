package dev.cvkit.jmeter.chaos;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.azure.identity.ManagedIdentityCredentialBuilder;

/**
 * The credentials the elements offer, from azure-identity. Both use the given HTTP client, so a trust store
 * set for the emulator applies to its token endpoint too.
 */
public final class ChaosCredentials {

    private ChaosCredentials() {
    }

    /**
     * {@code DefaultAzureCredential}: environment (service principal), workload identity, managed identity
     * (with {@code managedIdentityClientId} when not blank: a user-assigned identity such as an ALT engine
     * identity), Azure CLI, and the rest of azure-identity's chain.
     */
    public static TokenCredential defaultCredential(String managedIdentityClientId, HttpClient httpClient) {
        DefaultAzureCredentialBuilder builder = new DefaultAzureCredentialBuilder().httpClient(httpClient);
        if (managedIdentityClientId != null && !managedIdentityClientId.isBlank()) {
            builder.managedIdentityClientId(managedIdentityClientId.trim());
        }
        return builder.build();
    }

    /**
     * A managed identity only: the system-assigned one when {@code clientId} is blank, else the user-assigned
     * identity with that client id.
     */
    public static TokenCredential managedIdentity(String clientId, HttpClient httpClient) {
        ManagedIdentityCredentialBuilder builder = new ManagedIdentityCredentialBuilder().httpClient(httpClient);
        if (clientId != null && !clientId.isBlank()) {
            builder.clientId(clientId.trim());
        }
        return builder.build();
    }
}
