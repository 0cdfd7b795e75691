package dev.cvkit.jmeter.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * A Chaos Studio endpoint on loopback that is not there: a black hole (a listening socket that is never
 * accepted, so connections open and no byte ever comes back, as with a firewall that drops answers), or a
 * stopped service (a port nobody listens on: connections are refused).
 */
public final class Unreachable implements AutoCloseable {

    private final ServerSocket socket;
    private final int port;

    private Unreachable(ServerSocket socket, int port) {
        this.socket = socket;
        this.port = port;
    }

    /** A port that accepts TCP connections (the kernel's backlog) and never answers. */
    public static Unreachable blackHole() {
        try {
            ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            return new Unreachable(socket, socket.getLocalPort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A port that was free a moment ago and is closed now: connections to it are refused. */
    public static Unreachable refusing() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return new Unreachable(null, socket.getLocalPort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Its loopback port. */
    public int port() {
        return port;
    }

    /** {@code https://127.0.0.1:<port>}. */
    public String endpoint() {
        return "https://127.0.0.1:" + port;
    }

    @Override
    public void close() throws IOException {
        if (socket != null) {
            socket.close();
        }
    }
}
