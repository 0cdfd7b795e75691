package dev.cvkit.evaluator.testing;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A run with ids in its URLs: {@code ids} labels {@code GET /api/items/<n>} with one row each, spread over the run,
 * beside two busy flows ({@code Browse} and {@code Checkout}, ten rows a second each; Checkout fails a little), and a
 * fault (confirmed markers) from 40% to 60% of the run.
 */
public final class ManyLabelsRun {

    private final int ids;
    private final int seconds;

    public ManyLabelsRun(int ids, int seconds) {
        this.ids = ids;
        this.seconds = seconds;
    }

    /** The label of id {@code n}. */
    public static String idLabel(int n) {
        return "GET /api/items/" + n;
    }

    public JtlWriter writer() {
        JtlWriter w = new JtlWriter();
        long span = seconds * 1000L;
        long faultFrom = span * 4 / 10;
        long faultTo = span * 6 / 10;
        int next = 0;
        boolean started = false;
        boolean ended = false;
        for (long t = 0; t < span; t += 100) {
            if (!started && t >= faultFrom) {
                w.marker(true, "stamp-failure", "exec-1", JtlWriter.T0 + faultFrom - 1000, 1000, true, "started");
                started = true;
            }
            if (!ended && t >= faultTo) {
                w.marker(false, "stamp-failure", "exec-1", JtlWriter.T0 + faultTo - 500, 500, true, "started");
                ended = true;
            }
            int i = (int) (t / 100);
            w.row(JtlWriter.T0 + t, 80 + i % 40, "Browse", true, "Shoppers 1-1", 10);
            w.row(JtlWriter.T0 + t + 20, 200 + i % 90, "Checkout", i % 50 != 0, "Shoppers 1-2", 10);
            // The ids of this tenth of a second, evenly over the run.
            long due = (t + 100) * ids / span;
            for (; next < due; next++) {
                w.row(JtlWriter.T0 + t + 40 + next % 50, 30 + next % 200, idLabel(next), true, "Shoppers 1-3", 10);
            }
        }
        return w;
    }

    public Path write(Path file) throws IOException {
        return writer().write(file);
    }
}
