package dev.cvkit.evaluator.report;

import dev.cvkit.evaluator.text.LogText;
import dev.cvkit.evaluator.stats.Distribution;
import dev.cvkit.evaluator.stats.Metric;
import dev.cvkit.evaluator.stats.RowCounts;
import dev.cvkit.evaluator.stats.RunStats;
import dev.cvkit.evaluator.stats.SampleSummary;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The statistics table printed on the console by {@code cvkit stats} and {@code cvkit evaluate}: one row
 * per label (count, error %, mean, p50/p90/p95/p99 of {@code elapsed} in ms, requests per second), then
 * {@code overall}, then a note on the rows overall leaves out.
 *
 * <pre>
 * label           count  error %  mean ms  p50 ms  p90 ms  p95 ms  p99 ms    rps
 * Browse catalog     26    15.38    100.6     140     140     140     140   0.47
 * ...
 * ---------------------------------------------------------------------------------
 * overall            52     7.69    108.0      60     180     180     180   0.93
 * </pre>
 */
public final class ConsoleStatsTable {

    /** Labels longer than this are shortened (with "...") so that the table stays readable. */
    static final int MAX_LABEL_WIDTH = 60;
    private static final String[] HEADINGS = {"count", "error %", "mean ms", "p50 ms", "p90 ms", "p95 ms", "p99 ms", "rps"};
    private static final String OVERALL = "overall";

    private ConsoleStatsTable() {
    }

    /** Prints the table to {@code out}, line by line (a run may have tens of thousands of labels). */
    public static void print(RunStats stats, PrintWriter out) {
        write(stats, out::println);
        out.flush();
    }

    /** The table's lines, without line ends. */
    public static List<String> render(RunStats stats) {
        List<String> lines = new ArrayList<>();
        write(stats, lines::add);
        return lines;
    }

    private static void write(RunStats stats, Consumer<String> lines) {
        Map<String, SampleSummary> labels = stats.labels();
        // First pass: column widths; second pass: the lines.
        int labelWidth = Math.max(OVERALL.length(), "label".length());
        int[] widths = new int[HEADINGS.length];
        for (int c = 0; c < HEADINGS.length; c++) {
            widths[c] = HEADINGS[c].length();
        }
        String[] overall = row(OVERALL, stats.overall());
        widen(widths, overall);
        for (Map.Entry<String, SampleSummary> e : labels.entrySet()) {
            labelWidth = Math.max(labelWidth, shown(e.getKey()).length());
            widen(widths, row("", e.getValue()));
        }
        String[] heading = new String[HEADINGS.length + 1];
        heading[0] = "label";
        System.arraycopy(HEADINGS, 0, heading, 1, HEADINGS.length);
        String headingLine = format(heading, labelWidth, widths);
        lines.accept(headingLine);
        for (Map.Entry<String, SampleSummary> e : labels.entrySet()) {
            lines.accept(format(row(shown(e.getKey()), e.getValue()), labelWidth, widths));
        }
        lines.accept("-".repeat(headingLine.length()));
        lines.accept(format(overall, labelWidth, widths));
        RowCounts counts = stats.rowCounts();
        if (counts.leftOutOfOverall() > 0) {
            lines.accept("overall counts requests only; left out: " + counts.transactions() + " transaction-controller, "
                    + counts.subResults() + " sub-result and " + counts.markers() + " cvkit marker rows");
        }
    }

    private static void widen(int[] widths, String[] cells) {
        for (int c = 0; c < widths.length; c++) {
            widths[c] = Math.max(widths[c], cells[c + 1].length());
        }
    }

    private static String[] row(String label, SampleSummary s) {
        Distribution elapsed = s.distribution(Metric.RESPONSE_TIME_MS);
        return new String[] {
            label,
            Long.toString(s.count()),
            decimal(s.errorPct(), 2),
            decimal(elapsed.meanMillis(), 1),
            elapsed.count() == 0 ? "-" : Long.toString(elapsed.percentileMillis(50)),
            elapsed.count() == 0 ? "-" : Long.toString(elapsed.percentileMillis(90)),
            elapsed.count() == 0 ? "-" : Long.toString(elapsed.percentileMillis(95)),
            elapsed.count() == 0 ? "-" : Long.toString(elapsed.percentileMillis(99)),
            decimal(s.requestsPerSecond(), 2)
        };
    }

    private static String format(String[] r, int labelWidth, int[] widths) {
        StringBuilder line = new StringBuilder(pad(r[0], labelWidth, false));
        for (int c = 1; c < r.length; c++) {
            line.append("  ").append(pad(r[c], widths[c - 1], true));
        }
        return line.toString().stripTrailing();
    }

    private static String pad(String text, int width, boolean right) {
        String spaces = " ".repeat(Math.max(0, width - text.length()));
        return right ? spaces + text : text + spaces;
    }

    private static String decimal(double value, int digits) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%." + digits + "f", value);
    }

    /** A label as one line of bounded width, safe in a CI log ({@link LogText}), long labels shortened. */
    static String shown(String label) {
        String oneLine = LogText.inline(label);
        return oneLine.length() > MAX_LABEL_WIDTH ? oneLine.substring(0, MAX_LABEL_WIDTH - 3) + "..." : oneLine;
    }
}
