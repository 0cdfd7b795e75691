import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * Writes a JMeter JTL in the default 17-column CSV format, as JMeter 5.6.3 / Azure Load Testing write it,
 * for the evaluator benchmark: 10 labels of a shop (one with redirect sub-results), 50 threads, about 1%
 * errors, log-normal response times, realistic URLs and messages.
 *
 * <p>Usage: {@code java GenerateJtl.java ROWS OUT.jtl [SEED]} (Java's single-file source launcher).
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
        long[] threadClock = new long[THREADS];
        long start = 1_767_225_600_000L;
        for (int t = 0; t < THREADS; t++) {
            threadClock[t] = start + t * 37L;
        }
        StringBuilder line = new StringBuilder(512);
        try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(out), 1 << 20)) {
            os.write(HEADER.getBytes(StandardCharsets.UTF_8));
            long written = 0;
            while (written < rows) {
                int t = random.nextInt(THREADS);
                int l = random.nextInt(LABELS.length);
                long ts = threadClock[t];
                long elapsed = Math.max(1, Math.round(MEDIAN_MILLIS[l] * Math.exp(random.nextGaussian() * 0.6)));
                boolean ok = random.nextInt(100) != 0;
                boolean redirect = l == 8 && random.nextInt(5) == 0 && written + 3 <= rows;
                String url = "https://shop.contoso.example" + PATHS[l].replace("{id}", Integer.toString(random.nextInt(5000)))
                        + (PATHS[l].endsWith("=") ? Integer.toString(random.nextInt(40)) : "")
                        + (l == 3 ? Integer.toString(random.nextInt(5000)) : "");
                line.setLength(0);
                row(line, ts, redirect ? elapsed + 40 : elapsed, LABELS[l], ok, t, url, random);
                if (redirect) {
                    long first = 15 + random.nextInt(20);
                    row(line, ts, first, LABELS[l] + "-0", true, t, url, random);
                    row(line, ts + first, elapsed + 40 - first, LABELS[l] + "-1", ok, t,
                            "https://shop.contoso.example/account/home", random);
                    written += 2;
                }
                os.write(line.toString().getBytes(StandardCharsets.UTF_8));
                written++;
                threadClock[t] = ts + elapsed + 40 + random.nextInt(400);
            }
        }
    }

    private static void row(StringBuilder line, long ts, long elapsed, String label, boolean ok, int thread, String url,
            SplittableRandom random) {
        boolean redirectRow = label.endsWith("-0");
        String code = ok ? (redirectRow ? "302" : "200") : (random.nextBoolean() ? "500" : "503");
        String message = ok ? (redirectRow ? "Found" : "OK") : code.equals("500") ? "Internal Server Error" : "Service Unavailable";
        long latency = Math.max(0, elapsed - random.nextInt((int) Math.min(elapsed, 20) + 1));
        long connect = random.nextInt(20) == 0 ? 1 + random.nextInt(30) : 0;
        line.append(ts).append(',').append(elapsed).append(',').append(label).append(',').append(code).append(',')
                .append(message).append(",Shoppers 1-").append(thread + 1).append(",text,").append(ok).append(',')
                .append(ok ? "" : "\"Test failed: code expected to be 200, but found " + code + "\"").append(',')
                .append(1000 + random.nextInt(30000)).append(',').append(200 + random.nextInt(400)).append(',')
                .append(THREADS).append(',').append(THREADS).append(',').append(url).append(',')
                .append(latency).append(",0,").append(connect).append('\n');
    }
}
