package dev.cvkit.sandbox.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.cvkit.sandbox.http.LoopbackServers;
import dev.cvkit.sandbox.testutil.ChildJvm;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Map;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SelfSignedTlsTest {

    @TempDir
    Path dir;

    private SelfSignedTls tls;
    private HttpsServer server;

    @BeforeEach
    void startServer() throws Exception {
        tls = SelfSignedTls.generate(dir);
        server = LoopbackServers.https(0, 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls.serverSslContext()));
        server.createContext("/", exchange -> {
            byte[] body = "hello".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private URI uri(String host) {
        return URI.create("https://" + host + ":" + server.getAddress().getPort() + "/");
    }

    @Test
    void clientContextTrustsTheCertificateForIpAndHostName() throws Exception {
        HttpClient client = HttpClient.newBuilder().sslContext(tls.clientSslContext()).build();
        for (String host : new String[] {"127.0.0.1", "localhost"}) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri(host)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(host).isEqualTo(200);
            assertThat(response.body()).isEqualTo("hello");
        }
    }

    @Test
    void defaultTrustRefusesTheSelfSignedCertificate() {
        HttpClient client = HttpClient.newHttpClient();
        assertThatThrownBy(() -> client.send(HttpRequest.newBuilder(uri("127.0.0.1")).build(), HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void trustStoreFileHoldsOnlyTheCertificateUnderItsPassword() throws Exception {
        assertThat(tls.trustStorePath()).isAbsolute().exists().hasParent(dir.toAbsolutePath());
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(tls.trustStorePath())) {
            store.load(in, tls.trustStorePassword().toCharArray());
        }
        assertThat(store.size()).isEqualTo(1);
        String alias = store.aliases().nextElement();
        assertThat(store.isCertificateEntry(alias)).isTrue();
        Certificate stored = store.getCertificate(alias);
        assertThat(stored).isEqualTo(tls.certificate());
        assertThat(Files.readString(tls.certificatePemPath())).startsWith("-----BEGIN CERTIFICATE-----");
        assertThat(tls.toString()).doesNotContain(tls.trustStorePassword());
    }

    @Test
    void wholeJvmPointedAtTheTrustStoreConnects() throws Exception {
        ChildJvm.Result trusted = ChildJvm.run(HttpsGetMain.class, tls.jvmTrustStoreProperties(), Map.of(), 60, uri("localhost").toString());
        assertThat(trusted.output()).contains("status=200 body=hello");
        assertThat(trusted.exitCode()).isZero();

        ChildJvm.Result untrusted = ChildJvm.run(HttpsGetMain.class, Map.of(), Map.of(), 60, uri("localhost").toString());
        assertThat(untrusted.output()).contains("failed=SSLHandshakeException");
    }
}
