package dev.cvkit.sandbox.cli;

import java.net.URI;
import java.util.Map;

/**
 * The managed identity the demo's JMeter authenticates with. azure-identity (MSAL4J) reads
 * {@code IDENTITY_ENDPOINT} and {@code IDENTITY_HEADER} with {@code System.getenv}, so they cannot be set inside
 * the JVM: the {@code ./cvkit} launcher exports them (a free loopback port and a random secret) before it starts
 * the JVM, and the demo starts the emulator's identity endpoint on exactly that port with that secret.
 *
 * @param port   the identity endpoint's port on 127.0.0.1
 * @param header the secret requests must send as {@code X-IDENTITY-HEADER}
 */
record DemoIdentity(int port, String header) {

    static final String ENDPOINT_VARIABLE = "IDENTITY_ENDPOINT";
    static final String HEADER_VARIABLE = "IDENTITY_HEADER";
    /** The emulator's token path (App Service protocol). */
    static final String TOKEN_PATH = "/msi/token";

    /**
     * Reads the launcher's exports.
     *
     * @throws CliException (usage) when they are missing or do not point at a loopback port
     */
    static DemoIdentity fromEnvironment(Map<String, String> environment) throws CliException {
        String endpoint = environment.get(ENDPOINT_VARIABLE);
        String header = environment.get(HEADER_VARIABLE);
        if (endpoint == null || endpoint.isBlank() || header == null || header.isBlank()) {
            throw new CliException(ExitCodes.USAGE, "the demo needs " + ENDPOINT_VARIABLE + " and " + HEADER_VARIABLE
                    + " in its environment before the JVM starts (azure-identity reads them only then); run it as ./cvkit demo,"
                    + " which exports them");
        }
        URI uri;
        try {
            uri = URI.create(endpoint.trim());
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCodes.USAGE, ENDPOINT_VARIABLE + " '" + endpoint + "' is not a URL", e);
        }
        boolean loopback = "http".equals(uri.getScheme()) && ("127.0.0.1".equals(uri.getHost()) || "localhost".equals(uri.getHost()));
        if (!loopback || uri.getPort() <= 0 || !TOKEN_PATH.equals(uri.getPath())) {
            throw new CliException(ExitCodes.USAGE, ENDPOINT_VARIABLE + " '" + endpoint + "' must be http://127.0.0.1:<port>"
                    + TOKEN_PATH + " (the local emulator's identity endpoint, as ./cvkit exports it)");
        }
        return new DemoIdentity(uri.getPort(), header.trim());
    }
}
