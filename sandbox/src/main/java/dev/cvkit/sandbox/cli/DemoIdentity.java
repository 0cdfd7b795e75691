package dev.cvkit.sandbox.cli;

import dev.cvkit.sandbox.chaos.ChaosStudioEmulator;
import java.net.URI;
import java.util.Map;

/**
 * The managed identity the demo's JMeter authenticates with. azure-identity (MSAL4J) reads its variables with
 * {@code System.getenv}, so they cannot be set inside the JVM: the {@code ./cvkit} launcher exports them (a free
 * loopback port, and for App Service a random secret) before it starts the JVM, and the demo opens the emulator's
 * endpoint on exactly that port.
 *
 * <p>Two routes: {@link Route#IMDS} (the default; Azure Load Testing engines get their tokens from the Instance
 * Metadata Service) from {@code AZURE_POD_IDENTITY_AUTHORITY_HOST=http://127.0.0.1:<port>}, and
 * {@link Route#APP_SERVICE} from {@code IDENTITY_ENDPOINT=http://127.0.0.1:<port>/msi/token} with
 * {@code IDENTITY_HEADER}. App Service wins when both are given, as it does in MSAL4J.
 *
 * @param route  which protocol the plugins will speak
 * @param port   the endpoint's port on 127.0.0.1
 * @param header the secret App Service requests must send as {@code X-IDENTITY-HEADER}; null for IMDS
 */
record DemoIdentity(Route route, int port, String header) {

    /** The managed-identity protocols the emulator serves. */
    enum Route { IMDS, APP_SERVICE }

    static final String IMDS_HOST_VARIABLE = ChaosStudioEmulator.IMDS_HOST_VARIABLE;
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
        boolean appService = endpoint != null && !endpoint.isBlank();
        if (appService) {
            if (header == null || header.isBlank()) {
                throw new CliException(ExitCodes.USAGE, ENDPOINT_VARIABLE + " is set without " + HEADER_VARIABLE
                        + ": the App Service route needs both (or unset " + ENDPOINT_VARIABLE + " for the IMDS route)");
            }
            URI uri = parse(ENDPOINT_VARIABLE, endpoint);
            if (!isLoopbackHttp(uri) || !TOKEN_PATH.equals(uri.getPath())) {
                throw new CliException(ExitCodes.USAGE, ENDPOINT_VARIABLE + " '" + endpoint
                        + "' must be http://127.0.0.1:<port>"
                        + TOKEN_PATH + " (the local emulator's identity endpoint, as ./cvkit exports it)");
            }
            return new DemoIdentity(Route.APP_SERVICE, uri.getPort(), header.trim());
        }
        String host = environment.get(IMDS_HOST_VARIABLE);
        if (host == null || host.isBlank()) {
            throw new CliException(ExitCodes.USAGE, "the demo needs " + IMDS_HOST_VARIABLE + " (or "
                    + ENDPOINT_VARIABLE + " and "
                    + HEADER_VARIABLE + ") in its environment before the JVM starts (azure-identity reads them only then); run it as"
                    + " ./cvkit demo, which exports them");
        }
        URI uri = parse(IMDS_HOST_VARIABLE, host);
        String path = uri.getPath() == null ? "" : uri.getPath();
        if (!isLoopbackHttp(uri) || !(path.isEmpty() || path.equals("/"))) {
            throw new CliException(ExitCodes.USAGE, IMDS_HOST_VARIABLE + " '" + host
                    + "' must be http://127.0.0.1:<port>"
                    + " (the local emulator's IMDS, as ./cvkit exports it)");
        }
        return new DemoIdentity(Route.IMDS, uri.getPort(), null);
    }

    private static URI parse(String variable, String value) throws CliException {
        try {
            return URI.create(value.trim());
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCodes.USAGE, variable + " '" + value + "' is not a URL", e);
        }
    }

    private static boolean isLoopbackHttp(URI uri) {
        return "http".equals(uri.getScheme()) && ("127.0.0.1".equals(uri.getHost())
                || "localhost".equals(uri.getHost()))
                && uri.getPort() > 0;
    }
}
