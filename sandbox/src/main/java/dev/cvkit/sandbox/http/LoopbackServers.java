package dev.cvkit.sandbox.http;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * Creates the sandbox's JDK HTTP(S) servers, bound to the loopback address only.
 *
 * <p>It switches on {@code TCP_NODELAY} for them ({@code sun.net.httpserver.nodelay}, read once when the
 * JDK's server classes load): the JDK server writes a response's headers and body separately, and with
 * Nagle's algorithm against the client's delayed ACK every keep-alive response would take ~40 ms more.
 */
public final class LoopbackServers {

    static {
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private LoopbackServers() {
    }

    /** An HTTP server on 127.0.0.1 (not started). */
    public static HttpServer http(int port, int backlog) throws IOException {
        return HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), backlog);
    }

    /** An HTTPS server on 127.0.0.1 (not started, no configurator yet). */
    public static HttpsServer https(int port, int backlog) throws IOException {
        return HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), backlog);
    }
}
