package dev.cvkit.evaluator.jtl;

import dev.cvkit.evaluator.markers.FaultMarker;
import dev.cvkit.evaluator.markers.MarkerFormatException;
import dev.cvkit.evaluator.stats.SampleSink;
import dev.cvkit.evaluator.stats.ThreadCountSink;

/**
 * Turns one CSV record into a row: the one definition of which fields are checked, in which order, and
 * what each problem says. {@link FastCsvReader} (bytes) and {@link CommonsCsvReader} (commons-csv's
 * strings) supply the fields; everything after splitting the record is this class.
 */
abstract class CsvRecordInterpreter {

    final CsvLayout layout;
    final ReadPart<?> part;
    private final TimestampParser timestamps;
    /** Where thread counts go ({@code warmup: auto}), or null when nobody asked for them. */
    private final ThreadCountSink threadCounts;

    CsvRecordInterpreter(CsvLayout layout, ReadPart<?> part, String timestampFormat) {
        this.layout = layout;
        this.part = part;
        this.timestamps = new TimestampParser(timestampFormat);
        this.threadCounts = layout.activeThreads >= 0 && part.sink instanceof ThreadCountSink t && t.wantsActiveThreads()
                ? t : null;
    }

    /** Number of fields in the current record. */
    abstract int fieldCount();

    /** The field as a millisecond value ({@link Fields#parseMillis}), or -1. */
    abstract long millis(int field);

    abstract boolean isEmpty(int field);

    /** 1 true, 0 false, -1 neither ({@link Fields#parseSuccess}). */
    abstract int success(int field);

    /** The field's text (decoded, quotes undone). */
    abstract String text(int field);

    abstract int labelId(int field);

    /** Thread id of the field; {@code field} -1 means the results carry no thread names. */
    abstract int threadId(int field);

    /** Whether the field starts with {@link Fields#TRANSACTION_MESSAGE_PREFIX}. */
    abstract boolean isTransactionMessage(int field);

    /**
     * Interprets the current record, which starts at {@code relativeLine} of the part.
     *
     * @param endsAtEof the record has no line end: the file ends inside it
     */
    final void interpret(long relativeLine, boolean endsAtEof) {
        int fields = fieldCount();
        if (fields == 1 && isEmpty(0)) {
            return; // an empty line
        }
        if (fields != layout.fieldCount) {
            part.malformed(relativeLine, fieldCountProblem(fields), endsAtEof);
            return;
        }
        long startMillis = timestamp(relativeLine, endsAtEof);
        if (startMillis == Long.MIN_VALUE) {
            return;
        }
        long elapsedMillis = millis(layout.elapsed);
        if (!Fields.isDuration(elapsedMillis)) {
            part.malformed(relativeLine, Fields.millisProblem("elapsed", text(layout.elapsed)), endsAtEof);
            return;
        }
        int success = success(layout.success);
        if (success < 0) {
            part.malformed(relativeLine, Fields.successProblem(text(layout.success)), endsAtEof);
            return;
        }
        long latencyMillis = optionalMillis(layout.latency);
        if (latencyMillis == Long.MIN_VALUE) {
            part.malformed(relativeLine, Fields.millisProblem("Latency", text(layout.latency)), endsAtEof);
            return;
        }
        long connectMillis = optionalMillis(layout.connect);
        if (connectMillis == Long.MIN_VALUE) {
            part.malformed(relativeLine, Fields.millisProblem("Connect", text(layout.connect)), endsAtEof);
            return;
        }
        int label = labelId(layout.label);
        int thread = threadId(layout.threadName);
        boolean transaction = layout.responseMessage >= 0 && isTransactionMessage(layout.responseMessage);
        if (part.labels.isReserved(label)) {
            FaultMarker marker;
            try {
                marker = FaultMarker.fromRow(part.labels.name(label), optionalText(layout.responseMessage),
                        startMillis, elapsedMillis, success == 1, optionalText(layout.threadName),
                        optionalText(layout.failureMessage), part.source, relativeLine);
            } catch (MarkerFormatException e) {
                // Not skippable with --lenient: a marker left out would move the fault window.
                part.fatal(relativeLine, e.getMessage());
                return;
            }
            if (marker != null) {
                part.marker(marker);
            }
        }
        if (threadCounts != null && !isEmpty(layout.activeThreads)) {
            // Not a validated column: a count that does not parse is left out, never an error.
            long threads = millis(layout.activeThreads);
            if (threads >= 0) {
                threadCounts.activeThreads(part.source, startMillis, threads);
            }
        }
        part.row(thread, label, startMillis, elapsedMillis, latencyMillis, connectMillis, success == 1, transaction);
    }

    private long timestamp(long relativeLine, boolean endsAtEof) {
        if (timestamps.digitsAreEpochMillis()) {
            long millis = millis(layout.timeStamp);
            if (millis >= 0) {
                return millis;
            }
        }
        String text = text(layout.timeStamp);
        long millis = timestamps.parse(text);
        if (millis == Long.MIN_VALUE) {
            part.malformed(relativeLine, timestamps.problem(text), endsAtEof);
        }
        return millis;
    }

    /**
     * {@link SampleSink#ABSENT} for an absent column or empty field, Long.MIN_VALUE for a bad one (not a number, or
     * beyond {@link Fields#MAX_DURATION_MILLIS}).
     */
    private long optionalMillis(int field) {
        if (field < 0 || isEmpty(field)) {
            return SampleSink.ABSENT;
        }
        long millis = millis(field);
        return Fields.isDuration(millis) ? millis : Long.MIN_VALUE;
    }

    private String optionalText(int field) {
        return field < 0 ? "" : text(field);
    }

    private String fieldCountProblem(int fields) {
        if (layout.origin == CsvLayout.Origin.DEFAULT) {
            return "expected JMeter's default 17 fields (the file has no header line), found " + fields
                    + "; name the columns with --columns";
        }
        return "expected " + layout.fieldCount + " fields as " + layout.origin.description + " names, found " + fields;
    }
}
