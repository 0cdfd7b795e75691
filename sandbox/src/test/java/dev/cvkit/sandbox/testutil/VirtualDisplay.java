package dev.cvkit.sandbox.testutil;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * An Xvfb X server for the GUI tests (JMeter's Swing GUI needs a display; CI machines have none). Xvfb picks a free
 * display number itself ({@code -displayfd}) and says it once it accepts connections, so tests running at the same
 * time in other builds never race for a number, and nobody polls for the socket to appear.
 */
public final class VirtualDisplay implements AutoCloseable {

    private final Process xvfb;
    private final String name;

    private VirtualDisplay(Process xvfb, String name) {
        this.xvfb = xvfb;
        this.name = name;
    }

    /** Whether {@code program} is an executable file in a folder of {@code PATH}. */
    public static boolean installed(String program) {
        for (String folder : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!folder.isEmpty() && Files.isExecutable(Path.of(folder, program))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Starts Xvfb with one screen of {@code widthPixels} x {@code heightPixels} at 24 bits, TCP off; its messages go
     * to {@code log}.
     *
     * @throws IOException when Xvfb cannot start or names no display within 30 s (its log says why)
     */
    public static VirtualDisplay start(int widthPixels, int heightPixels, Path log) throws IOException, InterruptedException {
        if (widthPixels < 1 || heightPixels < 1) {
            throw new IllegalArgumentException("screen size must be positive, got " + widthPixels + "x" + heightPixels);
        }
        // -displayfd 1: the display number, written to standard output when the server is ready.
        Process xvfb = new ProcessBuilder("Xvfb", "-displayfd", "1", "-screen", "0", widthPixels + "x" + heightPixels + "x24",
                "-nolisten", "tcp").redirectError(log.toFile()).start();
        CompletableFuture<String> number = CompletableFuture.supplyAsync(() -> {
            try {
                return new BufferedReader(new InputStreamReader(xvfb.getInputStream(), StandardCharsets.US_ASCII)).readLine();
            } catch (IOException e) {
                return null;
            }
        });
        try {
            String display = number.get(30, TimeUnit.SECONDS);
            if (display == null || !display.strip().matches("\\d+")) {
                throw new IOException("Xvfb named no display (got " + display + "); see " + log);
            }
            return new VirtualDisplay(xvfb, ":" + display.strip());
        } catch (ExecutionException | TimeoutException | IOException e) {
            stop(xvfb);
            throw e instanceof IOException io ? io : new IOException("Xvfb was not ready within 30 s; see " + log, e);
        }
    }

    /** The display, e.g. {@code :99}: the value of {@code DISPLAY} for programs that should draw on it. */
    public String name() {
        return name;
    }

    /** Points {@code builder}'s process at this display. */
    public ProcessBuilder into(ProcessBuilder builder) {
        builder.environment().put("DISPLAY", name);
        return builder;
    }

    @Override
    public void close() throws InterruptedException {
        stop(xvfb);
    }

    private static void stop(Process xvfb) throws InterruptedException {
        xvfb.destroy();
        if (!xvfb.waitFor(10, TimeUnit.SECONDS)) {
            xvfb.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
