package dev.cvkit.evaluator.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A synthetic load test with a fault, written as a JTL: two flows ("Browse" around 100 ms, "Checkout" around
 * 300 ms), ten rows per second each, response times spread evenly over +-20% (deterministic, so that figures
 * are stable). Stretches of time can be made slower and failing, the fault is marked with cvkit's marker rows.
 */
public final class ChaosRun {

    /** A stretch of seconds during which a flow (or both, {@code flow} null) is slower and fails more. */
    private record Trouble(String flow, double fromSeconds, double toSeconds, double slower, int failPercent) {
    }

    private final int seconds;
    private final List<Trouble> troubles = new ArrayList<>();
    private Double faultFrom;
    private Double faultTo;
    private double scale = 1;

    public ChaosRun(int seconds) {
        this.seconds = seconds;
    }

    /** Fault markers: started (confirmed) at {@code from} s, ended at {@code to} s after the start of the run. */
    public ChaosRun fault(double from, double to) {
        this.faultFrom = from;
        this.faultTo = to;
        return this;
    }

    /** Both flows {@code slower} times slower, {@code failPercent}% failing, in {@code [from, to)} seconds. */
    public ChaosRun trouble(double from, double to, double slower, int failPercent) {
        troubles.add(new Trouble(null, from, to, slower, failPercent));
        return this;
    }

    /** One flow in trouble. */
    public ChaosRun trouble(String flow, double from, double to, double slower, int failPercent) {
        troubles.add(new Trouble(flow, from, to, slower, failPercent));
        return this;
    }

    /** Every response time multiplied by {@code factor} (a slower release). */
    public ChaosRun scaled(double factor) {
        this.scale = factor;
        return this;
    }

    public JtlWriter writer() {
        JtlWriter w = new JtlWriter();
        boolean started = false;
        boolean ended = false;
        for (int i = 0; i < seconds * 10; i++) {
            long t = i * 100L;
            if (faultFrom != null && !started && t >= faultFrom * 1000) {
                w.marker(true, "stamp-failure", "exec-1", JtlWriter.T0 + Math.round(faultFrom * 1000) - 1200, 1200, true,
                        "started");
                started = true;
            }
            if (faultTo != null && !ended && t >= faultTo * 1000) {
                w.marker(false, "stamp-failure", "exec-1", JtlWriter.T0 + Math.round(faultTo * 1000) - 800, 800, true,
                        "started");
                ended = true;
            }
            row(w, t, "Browse", 100, i);
            row(w, t + 50, "Checkout", 300, i);
        }
        return w;
    }

    private void row(JtlWriter w, long t, String flow, int base, int i) {
        double slower = 1;
        int fail = 0;
        for (Trouble tr : troubles) {
            if ((tr.flow() == null || tr.flow().equals(flow)) && t >= tr.fromSeconds() * 1000 && t < tr.toSeconds() * 1000) {
                slower = tr.slower();
                fail = tr.failPercent();
            }
        }
        // 0.8 .. 1.2 times the base, visiting every step of 1/50 in 50 rows.
        double spread = 0.8 + 0.4 * ((i * 37L) % 50) / 49.0;
        long elapsed = Math.round(base * spread * slower * scale);
        boolean ok = fail == 0 || (i * 53L) % 100 >= fail;
        w.row(JtlWriter.T0 + t, elapsed, flow, ok, "Shoppers 1-" + (1 + i % 10), 10);
    }

    public Path write(Path file) throws IOException {
        return writer().write(file);
    }
}
