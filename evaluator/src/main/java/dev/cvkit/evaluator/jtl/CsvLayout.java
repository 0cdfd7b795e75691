package dev.cvkit.evaluator.jtl;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Where each column sits in a CSV results file's rows: from its header line, from {@code --columns}, or
 * JMeter's default 17 columns when there is no header.
 */
final class CsvLayout {

    /** How the layout was learned; phrased for error messages. */
    enum Origin {
        HEADER("the header"),
        COLUMNS_OPTION("--columns"),
        DEFAULT("JMeter's default 17 columns (the file has no header line)");

        final String description;

        Origin(String description) {
            this.description = description;
        }
    }

    final char delimiter;
    final int fieldCount;
    final Origin origin;
    final int timeStamp;
    final int elapsed;
    final int label;
    final int success;
    /** Field index, or -1 when the column is absent (also for the following). */
    final int threadName;
    final int responseMessage;
    final int failureMessage;
    final int latency;
    final int connect;
    /** {@code allThreads}, else {@code grpThreads}: the active-thread count {@code warmup: auto} reads; -1 when neither. */
    final int activeThreads;

    private CsvLayout(char delimiter, List<JtlColumn> columns, Origin origin) {
        this.delimiter = delimiter;
        this.fieldCount = columns.size();
        this.origin = origin;
        this.timeStamp = columns.indexOf(JtlColumn.TIME_STAMP);
        this.elapsed = columns.indexOf(JtlColumn.ELAPSED);
        this.label = columns.indexOf(JtlColumn.LABEL);
        this.success = columns.indexOf(JtlColumn.SUCCESS);
        this.threadName = columns.indexOf(JtlColumn.THREAD_NAME);
        this.responseMessage = columns.indexOf(JtlColumn.RESPONSE_MESSAGE);
        this.failureMessage = columns.indexOf(JtlColumn.FAILURE_MESSAGE);
        this.latency = columns.indexOf(JtlColumn.LATENCY);
        this.connect = columns.indexOf(JtlColumn.CONNECT);
        int all = columns.indexOf(JtlColumn.ALL_THREADS);
        this.activeThreads = all >= 0 ? all : columns.indexOf(JtlColumn.GRP_THREADS);
    }

    /**
     * The layout of {@code columns} (a {@code null} entry is a column cvkit does not use, such as a
     * sample_variables column).
     *
     * @return the layout, or {@code null} with {@code missing} filled when required columns are absent
     */
    static CsvLayout of(char delimiter, List<JtlColumn> columns, Origin origin, List<String> missing) {
        for (JtlColumn required : JtlColumn.REQUIRED) {
            if (!columns.contains(required)) {
                missing.add(required.headerName);
            }
        }
        return missing.isEmpty() ? new CsvLayout(delimiter, new ArrayList<>(columns), origin) : null;
    }

    /** Names of the required columns, for messages. */
    static String requiredNames() {
        return JtlColumn.REQUIRED.stream().map(c -> c.headerName).collect(Collectors.joining(", "));
    }
}
