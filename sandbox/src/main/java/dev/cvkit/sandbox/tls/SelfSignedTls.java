package dev.cvkit.sandbox.tls;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A self-signed TLS identity for loopback servers, generated at start-up: one EC P-256 key and an X.509
 * certificate valid for {@code localhost}, {@code 127.0.0.1} and {@code ::1}.
 *
 * <p>It gives a server {@link SSLContext} (for {@code HttpsServer}) and writes a PKCS12 <em>trust store</em>
 * holding only the certificate, protected by a random password, so that clients can be pointed at it:
 * <ul>
 *   <li>a whole JVM (JMeter, a subprocess): {@link #jvmTrustStoreProperties()} gives the
 *       {@code javax.net.ssl.trustStore*} system properties;</li>
 *   <li>one {@code java.net.http.HttpClient} (e.g. azure-core's JDK HTTP client):
 *       {@link #clientSslContext()} trusts exactly this certificate;</li>
 *   <li>tools like {@code curl --cacert}: {@link #certificatePemPath()}.</li>
 * </ul>
 * The private key never leaves memory. The trust store password protects nothing secret (the store holds a
 * public certificate); it exists because PKCS12 readers require one.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class SelfSignedTls {

    /** File name of the PKCS12 trust store inside the directory given to {@link #generate(Path)}. */
    public static final String TRUST_STORE_FILE_NAME = "cvkit-sandbox-truststore.p12";
    /** File name of the PEM certificate inside the directory given to {@link #generate(Path)}. */
    public static final String CERTIFICATE_PEM_FILE_NAME = "cvkit-sandbox-cert.pem";
    /** Trust store type, as {@code javax.net.ssl.trustStoreType} expects it. */
    public static final String TRUST_STORE_TYPE = "PKCS12";

    private static final String KEY_ALIAS = "cvkit-sandbox";
    private static final Duration VALIDITY = Duration.ofDays(30);

    private final X509Certificate certificate;
    private final KeyStore serverKeyStore;
    private final char[] keyPassword;
    private final Path trustStorePath;
    private final String trustStorePassword;
    private final Path certificatePemPath;

    private SelfSignedTls(X509Certificate certificate, KeyStore serverKeyStore, char[] keyPassword,
            Path trustStorePath, String trustStorePassword, Path certificatePemPath) {
        this.certificate = certificate;
        this.serverKeyStore = serverKeyStore;
        this.keyPassword = keyPassword;
        this.trustStorePath = trustStorePath;
        this.trustStorePassword = trustStorePassword;
        this.certificatePemPath = certificatePemPath;
    }

    /**
     * Generates a fresh key and certificate and writes the trust store and PEM certificate into
     * {@code directory} (created when missing; existing files of the same names are replaced atomically).
     *
     * @param directory where {@value #TRUST_STORE_FILE_NAME} and {@value #CERTIFICATE_PEM_FILE_NAME} go
     * @return the TLS identity
     * @throws UncheckedIOException when the files cannot be written
     */
    public static SelfSignedTls generate(Path directory) {
        Objects.requireNonNull(directory, "directory");
        try {
            Files.createDirectories(directory);
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
            KeyPair keyPair = generator.generateKeyPair();
            X509Certificate certificate = selfSign(keyPair);

            char[] keyPassword = randomPassword().toCharArray();
            KeyStore serverKeyStore = KeyStore.getInstance(TRUST_STORE_TYPE);
            serverKeyStore.load(null, null);
            serverKeyStore.setKeyEntry(KEY_ALIAS, keyPair.getPrivate(), keyPassword, new X509Certificate[] {certificate});

            String trustStorePassword = randomPassword();
            KeyStore trustStore = KeyStore.getInstance(TRUST_STORE_TYPE);
            trustStore.load(null, null);
            trustStore.setCertificateEntry(KEY_ALIAS, certificate);
            Path trustStorePath = directory.resolve(TRUST_STORE_FILE_NAME).toAbsolutePath();
            writeAtomically(trustStorePath, out -> trustStore.store(out, trustStorePassword.toCharArray()));

            Path pemPath = directory.resolve(CERTIFICATE_PEM_FILE_NAME).toAbsolutePath();
            String pem = "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(certificate.getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
            writeAtomically(pemPath, out -> out.write(pem.getBytes(StandardCharsets.US_ASCII)));

            return new SelfSignedTls(certificate, serverKeyStore, keyPassword, trustStorePath, trustStorePassword, pemPath);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the sandbox trust store into " + directory + ": " + e.getMessage(), e);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            // The JDK always has EC P-256 and PKCS12: this is a broken JDK, not bad input.
            throw new IllegalStateException("cannot generate a self-signed certificate: " + e, e);
        }
    }

    private static X509Certificate selfSign(KeyPair keyPair) throws GeneralSecurityException, OperatorCreationException, IOException {
        X500Name subject = new X500Name("CN=cvkit sandbox (localhost), O=cvkit");
        // Backdated a little so that a client clock slightly behind ours still accepts it.
        Instant notBefore = Instant.now().minus(Duration.ofHours(1));
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                subject,
                new BigInteger(64, new SecureRandom()).abs().add(BigInteger.ONE),
                Date.from(notBefore),
                Date.from(notBefore.plus(VALIDITY)),
                subject,
                keyPair.getPublic());
        builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
            new GeneralName(GeneralName.dNSName, "localhost"),
            new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
            new GeneralName(GeneralName.iPAddress, "::1")
        }));
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
        builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
        // The JDK's SunEC provider signs: no BouncyCastle security provider is registered JVM-wide.
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keyPair.getPrivate())));
    }

    private interface StreamWriter {
        void write(OutputStream out) throws IOException, GeneralSecurityException;
    }

    private static void writeAtomically(Path target, StreamWriter writer) throws IOException, GeneralSecurityException {
        Path tmp = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                writer.write(out);
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static String randomPassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** A new server-side context presenting this certificate (TLS 1.2/1.3, the JDK's defaults). */
    public SSLContext serverSslContext() {
        try {
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(serverKeyStore, keyPassword);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf.getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot build the server TLS context: " + e, e);
        }
    }

    /** A new client-side context that trusts exactly this certificate (and nothing else). */
    public SSLContext clientSslContext() {
        try {
            KeyStore trustStore = KeyStore.getInstance(TRUST_STORE_TYPE);
            trustStore.load(null, null);
            trustStore.setCertificateEntry(KEY_ALIAS, certificate);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trustStore);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build the client TLS context: " + e, e);
        }
    }

    /** The certificate the server presents. */
    public X509Certificate certificate() {
        return certificate;
    }

    /** Absolute path of the PKCS12 trust store (holds only {@link #certificate()}). */
    public Path trustStorePath() {
        return trustStorePath;
    }

    /** Password of the trust store at {@link #trustStorePath()}. */
    public String trustStorePassword() {
        return trustStorePassword;
    }

    /** Absolute path of the certificate in PEM form (for {@code curl --cacert} and similar tools). */
    public Path certificatePemPath() {
        return certificatePemPath;
    }

    /**
     * The system properties that make a whole JVM trust this certificate <em>instead of</em> the default CA
     * set: {@code javax.net.ssl.trustStore}, {@code javax.net.ssl.trustStorePassword},
     * {@code javax.net.ssl.trustStoreType}. Pass them as {@code -D} options to a new JVM (setting them in a
     * running JVM only works before its default SSL context is first created).
     */
    public Map<String, String> jvmTrustStoreProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("javax.net.ssl.trustStore", trustStorePath.toString());
        properties.put("javax.net.ssl.trustStorePassword", trustStorePassword);
        properties.put("javax.net.ssl.trustStoreType", TRUST_STORE_TYPE);
        return properties;
    }

    @Override
    public String toString() {
        // No password here: toString ends up in logs.
        return "SelfSignedTls[trustStore=" + trustStorePath + ", subject=" + certificate.getSubjectX500Principal() + "]";
    }
}
