import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * Writes a JMeter JTL in the default 17-column CSV format, as JMeter 5.6.3 / Azure Load Testing write it,
 * for the evaluator benchmark: 10 labels of a shop (one with redirect sub-results), 50 threads, about 1%
 * errors, log-normal response times, realistic URLs and messages.
 *
 * <p>Usage: {@code java GenerateJtl.java ROWS OUT.jtl [SEED] [fault]} (Java's single-file source launcher).
 *
 * <p>With {@code fault}, the run is a chaos run: the 50 threads start 1.2 s apart (allThreads ramps up over a
 * minute, for {@code warmup: auto}), cvkit fault-marker rows (contracts/fault-markers.md) start a fault at 40%
 * of the rows and end it at 60%, and while it runs response times are three times longer and 10% of the
 * rows fail. Its threads share one clock, as JMeter's do: the next sample is the one of the thread that is free
 * first, and rows are written in the order their samples end (JMeter writes a row when its sample completes), so
 * that a row's {@code timeStamp} is out of order by at most its neighbours' response times. (Without {@code fault},
 * each row goes to a thread picked at random and rows are written in that order: the threads' clocks drift apart,
 * by minutes after a million rows. That file is kept as it was for the figures measured on it.)
 */
public final class GenerateJtl {

    private static final String HEADER = "timeStamp,elapsed,label,responseCode,responseMessage,threadName,dataType,"
            + "success,failureMessage,bytes,sentBytes,grpThreads,allThreads,URL,Latency,IdleTime,Connect\n";
    private static final String[] LABELS = {"Home page", "Browse catalog", "Search", "View item", "Rate item",
        "Post comment", "Add to cart", "Checkout", "Login", "Health probe"};
    private static final String[] PATHS = {"/", "/api/catalog?page=", "/api/search?q=running+shoes&page=",
        "/api/items/", "/api/items/{id}/ratings", "/api/items/{id}/comments", "/api/cart/items", "/api/checkout",
        "/account/login", "/health"};
    private static final int[] MEDIAN_MILLIS = {45, 80, 120, 60, 90, 110, 70, 350, 150, 5};
    private static final int THREADS = 50;

    public static void main(String[] args) throws IOException {
        long rows = Long.parseLong(args[0]);
        Path out = Path.of(args[1]);
        SplittableRandom random = new SplittableRandom(args.length > 2 ? Long.parseLong(args[2]) : 1);
        boolean fault = args.length > 3 && args[3].equals("fault");
        long rampStep = fault ? 1200 : 37;
        long[] threadClock = new long[THREADS];
        long start = 1_767_225_600_000L;
        for (int t = 0; t < THREADS; t++) {
            threadClock[t] = start + t * rampStep;
        }
        long faultFrom = Long.MAX_VALUE;
        long faultTo = Long.MAX_VALUE;
        long now = start;
        StringBuilder line = new StringBuilder(512);
        try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(out), 1 << 20)) {
            os.write(HEADER.getBytes(StandardCharsets.UTF_8));
            long written = 0;
            // Chaos runs: rows waiting until no sample still to be made can end before them (see the class comment).
            PriorityQueue<Pending> pending = new PriorityQueue<>();
            long sequence = 0;
            while (written < rows) {
                int t = fault ? firstFree(threadClock) : random.nextInt(THREADS);
                int l = random.nextInt(LABELS.length);
                long ts = threadClock[t];
                now = Math.max(now, ts);
                // Every later sample starts at ts or after, so rows that ended by then are final in their order.
                while (!pending.isEmpty() && pending.peek().endMillis() <= ts) {
                    os.write(pending.poll().bytes());
                }
                if (fault && faultFrom == Long.MAX_VALUE && written >= rows * 2 / 5) {
                    faultFrom = now + 1500;
                    pending.add(new Pending(now + 1500, sequence++,
                            marker("start", now, 1500, start, rampStep).getBytes(StandardCharsets.UTF_8)));
                } else if (fault && faultTo == Long.MAX_VALUE && written >= rows * 3 / 5) {
                    faultTo = now + 900;
                    pending.add(new Pending(now + 900, sequence++,
                            marker("end", now, 900, start, rampStep).getBytes(StandardCharsets.UTF_8)));
                }
                boolean faulty = ts >= faultFrom && ts < faultTo;
                long elapsed = Math.max(1, Math.round(MEDIAN_MILLIS[l] * Math.exp(random.nextGaussian() * 0.6)))
                        * (faulty ? 3 : 1);
                boolean ok = random.nextInt(faulty ? 10 : 100) != 0;
                int active = fault ? (int) Math.min(THREADS, 1 + (ts - start) / rampStep) : THREADS;
                boolean redirect = l == 8 && random.nextInt(5) == 0 && written + 3 <= rows;
                String url = "https://shop.contoso.example" + PATHS[l].replace("{id}", Integer.toString(random.nextInt(5000)))
                        + (PATHS[l].endsWith("=") ? Integer.toString(random.nextInt(40)) : "")
                        + (l == 3 ? Integer.toString(random.nextInt(5000)) : "");
                line.setLength(0);
                row(line, ts, redirect ? elapsed + 40 : elapsed, LABELS[l], ok, t, url, random, active);
                if (redirect) {
                    long first = 15 + random.nextInt(20);
                    row(line, ts, first, LABELS[l] + "-0", true, t, url, random, active);
                    row(line, ts + first, elapsed + 40 - first, LABELS[l] + "-1", ok, t,
                            "https://shop.contoso.example/account/home", random, active);
                    written += 2;
                }
                byte[] bytes = line.toString().getBytes(StandardCharsets.UTF_8);
                if (fault) {
                    pending.add(new Pending(ts + (redirect ? elapsed + 40 : elapsed), sequence++, bytes));
                } else {
                    os.write(bytes);
                }
                written++;
                threadClock[t] = ts + elapsed + 40 + random.nextInt(400);
            }
            while (!pending.isEmpty()) {
                os.write(pending.poll().bytes());
            }
        }
    }

    /** A row (with its sub-results) written once no sample still to be made can end before it. */
    private record Pending(long endMillis, long sequence, byte[] bytes) implements Comparable<Pending> {
        @Override
        public int compareTo(Pending o) {
            int c = Long.compare(endMillis, o.endMillis);
            return c != 0 ? c : Long.compare(sequence, o.sequence);
        }
    }

    /** The thread whose clock is earliest: the one free first (the lowest number on a tie). */
    private static int firstFree(long[] threadClock) {
        int first = 0;
        for (int t = 1; t < threadClock.length; t++) {
            if (threadClock[t] < threadClock[first]) {
                first = t;
            }
        }
        return first;
    }

    /** A cvkit fault-marker row as the jmeter-plugins write it. */
    private static String marker(String kind, long ts, long elapsed, long start, long rampStep) {
        int active = (int) Math.min(THREADS, 1 + (ts - start) / rampStep);
        return ts + "," + elapsed + ",cvkit:fault-" + kind + ":bench-fault,200,execution=bench-1; status="
                + (kind.equals("start") ? "Running" : "Cancelled") + "; role=started; by=sampler,Fault control 1-1,text,true,,0,0,1,"
                + active + ",/subscriptions/0/resourceGroups/rg/providers/Microsoft.Chaos/experiments/bench-fault,"
                + elapsed + ",0,0\n";
    }

    private static void row(StringBuilder line, long ts, long elapsed, String label, boolean ok, int thread, String url,
            SplittableRandom random, int active) {
        boolean redirectRow = label.endsWith("-0");
        String code = ok ? (redirectRow ? "302" : "200") : (random.nextBoolean() ? "500" : "503");
        String message = ok ? (redirectRow ? "Found" : "OK") : code.equals("500") ? "Internal Server Error" : "Service Unavailable";
        long latency = Math.max(0, elapsed - random.nextInt((int) Math.min(elapsed, 20) + 1));
        long connect = random.nextInt(20) == 0 ? 1 + random.nextInt(30) : 0;
        line.append(ts).append(',').append(elapsed).append(',').append(label).append(',').append(code).append(',')
                .append(message).append(",Shoppers 1-").append(thread + 1).append(",text,").append(ok).append(',')
                .append(ok ? "" : "\"Test failed: code expected to be 200, but found " + code + "\"").append(',')
                .append(1000 + random.nextInt(30000)).append(',').append(200 + random.nextInt(400)).append(',')
                .append(active).append(',').append(active).append(',').append(url).append(',')
                .append(latency).append(",0,").append(connect).append('\n');
    }
}
