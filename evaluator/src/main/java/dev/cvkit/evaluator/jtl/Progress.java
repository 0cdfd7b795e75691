package dev.cvkit.evaluator.jtl;

import dev.cvkit.evaluator.text.LogLineWriter;
import dev.cvkit.evaluator.text.LogText;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Prints warnings, and, on a terminal, a progress line for reads that take more than a second. The
 * launcher tells the reader whether stderr is a terminal with {@code -Dcvkit.progress=true|false}; without
 * that property (e.g. {@code java -jar}) a console on stdin and stdout is taken as a terminal.
 */
final class Progress {

    private static final long SHOW_AFTER_NANOS = 1_000_000_000L;
    private static final long EVERY_NANOS = 250_000_000L;

    final AtomicLong bytesRead = new AtomicLong();
    private final PrintWriter out;
    private final boolean live;
    private final long startNanos = System.nanoTime();
    private long totalBytes;
    private long lastShownNanos;
    private boolean lineShown;

    Progress(PrintWriter out, boolean live) {
        this.out = out;
        this.live = live && out != null;
    }

    static boolean terminalRequested() {
        String property = System.getProperty("cvkit.progress");
        return property == null ? System.console() != null : "true".equals(property);
    }

    void expectBytes(long bytes) {
        if (bytes > 0) {
            totalBytes += bytes;
        }
    }

    /** Called while the reader waits: refreshes the progress line now and then. */
    void tick() {
        if (!live) {
            return;
        }
        long now = System.nanoTime();
        if (now - startNanos < SHOW_AFTER_NANOS || now - lastShownNanos < EVERY_NANOS) {
            return;
        }
        lastShownNanos = now;
        long read = bytesRead.get();
        String text = totalBytes > 0
                ? String.format(Locale.ROOT, "cvkit: reading results: %s of %s (%d%%)", size(read), size(totalBytes),
                        Math.min(100, read * 100 / totalBytes))
                : "cvkit: reading results: " + size(read);
        LogLineWriter.redraw(out, text + "   ");
        lineShown = true;
    }

    void warn(String text) {
        clearLine();
        if (out != null) {
            out.println("cvkit: warning: " + LogText.inline(text));
            out.flush();
        }
    }

    void clearLine() {
        if (lineShown) {
            LogLineWriter.redraw(out, " ".repeat(70));
            LogLineWriter.redraw(out, "");
            lineShown = false;
        }
    }

    private static String size(long bytes) {
        return bytes >= 1L << 30 ? String.format(Locale.ROOT, "%.1f GB", bytes / (double) (1L << 30))
                : String.format(Locale.ROOT, "%.0f MB", bytes / (double) (1L << 20));
    }
}
