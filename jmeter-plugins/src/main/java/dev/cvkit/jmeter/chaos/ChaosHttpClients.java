package dev.cvkit.jmeter.chaos;

import com.azure.core.http.HttpClient;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The HTTP client the Chaos Studio client and its credential share: the JDK's {@code java.net.http} client
 * through azure-core-http-jdk-httpclient (no Netty inside JMeter), optionally with its own TLS trust.
 */
public final class ChaosHttpClients {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private ChaosHttpClients() {
    }

    /**
     * A JDK HTTP client; with {@code sslContext} null it uses the JVM's default trust (the public CAs).
     * The JVM-wide default {@link SSLContext} is never changed.
     */
    public static HttpClient create(SSLContext sslContext) {
        java.net.http.HttpClient.Builder jdk = java.net.http.HttpClient.newBuilder();
        if (sslContext != null) {
            jdk.sslContext(sslContext);
        }
        return new JdkHttpClientBuilder(jdk).connectionTimeout(CONNECT_TIMEOUT).build();
    }

    /**
     * A TLS context trusting exactly the certificates of a trust store file (PKCS12 or JKS), e.g. the
     * sandbox emulator's self-signed one.
     *
     * @throws IllegalArgumentException naming the file when it is missing or unreadable, or the password is wrong
     */
    public static SSLContext trustStoreContext(Path trustStore, char[] password) {
        if (!Files.isRegularFile(trustStore)) {
            throw new IllegalArgumentException("trust store " + trustStore + " does not exist or is not a file");
        }
        try (InputStream in = Files.newInputStream(trustStore)) {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(in, password);
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot read trust store " + trustStore + ": " + e.getMessage(), e);
        }
    }
}
