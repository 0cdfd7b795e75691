package dev.cvkit.evaluator.jtl;

import java.util.List;
import java.util.Locale;

/** The columns JMeter's CSV writer knows, by their header names (JMeter's {@code CSVSaveService}). */
enum JtlColumn {
    TIME_STAMP("timeStamp"),
    ELAPSED("elapsed"),
    LABEL("label"),
    RESPONSE_CODE("responseCode"),
    RESPONSE_MESSAGE("responseMessage"),
    THREAD_NAME("threadName"),
    DATA_TYPE("dataType"),
    SUCCESS("success"),
    FAILURE_MESSAGE("failureMessage"),
    BYTES("bytes"),
    SENT_BYTES("sentBytes"),
    GRP_THREADS("grpThreads"),
    ALL_THREADS("allThreads"),
    URL("URL"),
    FILENAME("Filename"),
    LATENCY("Latency"),
    CONNECT("Connect"),
    ENCODING("Encoding"),
    SAMPLE_COUNT("SampleCount"),
    ERROR_COUNT("ErrorCount"),
    HOSTNAME("Hostname"),
    IDLE_TIME("IdleTime");

    /** JMeter 5.x's default CSV columns, in the order it writes them (and ALT writes them). */
    static final List<JtlColumn> DEFAULT_17 = List.of(TIME_STAMP, ELAPSED, LABEL, RESPONSE_CODE, RESPONSE_MESSAGE,
            THREAD_NAME, DATA_TYPE, SUCCESS, FAILURE_MESSAGE, BYTES, SENT_BYTES, GRP_THREADS, ALL_THREADS, URL,
            LATENCY, IDLE_TIME, CONNECT);

    /** Columns without which a row cannot be evaluated. */
    static final List<JtlColumn> REQUIRED = List.of(TIME_STAMP, ELAPSED, LABEL, SUCCESS);

    final String headerName;

    JtlColumn(String headerName) {
        this.headerName = headerName;
    }

    /** The column a header field names (letter case ignored), or {@code null} for any other name. */
    static JtlColumn byHeaderName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        for (JtlColumn c : values()) {
            if (c.headerName.toLowerCase(Locale.ROOT).equals(lower)) {
                return c;
            }
        }
        return null;
    }
}
