package dev.cvkit.sandbox.chaos;

import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpPipelineBuilder;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.core.http.policy.BearerTokenAuthenticationPolicy;
import com.azure.core.util.Context;
import com.azure.identity.ManagedIdentityCredentialBuilder;

/**
 * Child-JVM probe: azure-identity's ManagedIdentityCredential, configured only by the environment (IMDS's
 * AZURE_POD_IDENTITY_AUTHORITY_HOST, or App Service's IDENTITY_ENDPOINT / IDENTITY_HEADER) and, as a second
 * argument, a user-assigned identity's client id, gets an ARM token; azure-core's bearer policy and JDK HTTP
 * client (trusting the emulator through javax.net.ssl.trustStore) GET an experiment with it.
 */
public final class ManagedIdentityProbeMain {

    private ManagedIdentityProbeMain() {
    }

    public static void main(String[] args) {
        String url = args[0];
        ManagedIdentityCredentialBuilder builder = new ManagedIdentityCredentialBuilder();
        if (args.length > 1) {
            builder.clientId(args[1]);
        }
        TokenCredential credential = builder.build();
        String token = credential.getTokenSync(new TokenRequestContext().addScopes("https://management.azure.com/.default")).getToken();
        System.out.println("token-length=" + token.length());
        HttpPipeline pipeline = new HttpPipelineBuilder()
                .httpClient(new JdkHttpClientBuilder().build())
                .policies(new BearerTokenAuthenticationPolicy(credential, "https://management.azure.com/.default"))
                .build();
        try (HttpResponse response = pipeline.sendSync(new HttpRequest(HttpMethod.GET, url), Context.NONE)) {
            System.out.println("status=" + response.getStatusCode());
            System.out.println("body=" + response.getBodyAsBinaryData().toString());
        }
    }
}
