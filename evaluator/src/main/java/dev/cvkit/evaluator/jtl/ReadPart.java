package dev.cvkit.evaluator.jtl;

import dev.cvkit.evaluator.InvalidInputException;
import dev.cvkit.evaluator.markers.FaultMarker;
import dev.cvkit.evaluator.stats.RowCounts;
import dev.cvkit.evaluator.stats.RowKind;
import dev.cvkit.evaluator.stats.SampleSink;
import dev.cvkit.evaluator.stats.SampleSinkFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * What one reader learns from one part of one input (a whole file, or a stretch of a large one read in
 * parallel): labels and threads met, the sink's figures, markers, problems. Lines are counted from the
 * part's start and made absolute when the part is accepted ({@link #lineBase}).
 *
 * @param <S> the sink type
 */
final class ReadPart<S extends SampleSink> {

    /** Why a part stopped early. */
    enum Stop {
        /** Read to its end (EOF, or the next part's start). */
        DONE,
        /** A row that is an input error (exit 3) even with {@code --lenient}, or without it. */
        FATAL,
        /** Something the fast reader leaves to commons-csv (e.g. a lone CR): re-read the file with it. */
        FALLBACK,
        /** Too many rows whose kind depends on the part before: read this stretch sequentially instead. */
        OVERFLOW
    }

    /** Thrown inside a reader loop to stop the part; carries no stack trace (it is control flow). */
    static final class Abort extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Abort() {
            super(null, null, false, false);
        }
    }

    private static final int LISTED_SKIPS = 10;

    final String source;
    final boolean lenient;
    final SymbolTable labels = new SymbolTable();
    final SymbolTable threads = new SymbolTable();
    final S sink;
    final RowClassifier classifier;
    final long[] kindCounts = new long[RowKind.values().length];
    private final List<FaultMarker> markers = new ArrayList<>();
    /** A warning at a line counted from the part's start (0: about the whole input). */
    private record Warning(long relativeLine, String text) {
    }

    private final List<Warning> warnings = new ArrayList<>();

    /** Line breaks consumed since the part's start (so a row's line is {@code lines + 1} when it starts). */
    long lines;
    /** Byte offset where the part stopped: the start of the first row it did not read, or the end. */
    long stopOffset;
    Stop stop = Stop.DONE;
    long fatalLine;
    String fatalProblem;
    /** Samples delivered or pending, of every kind. */
    long rows;

    private long skipped;
    private final long[] skippedLines = new long[LISTED_SKIPS];
    private String firstSkipProblem;
    private long lineBase;

    ReadPart(String source, boolean lenient, SampleSinkFactory<S> sinks, boolean speculative, int maxPending) {
        this.source = source;
        this.lenient = lenient;
        this.sink = sinks.create(labels);
        this.classifier = new RowClassifier(labels, speculative, maxPending);
    }

    /** A CSV row: its kind follows from its label, its message and the rows before it in its thread. */
    void row(int thread, int label, long startMillis, long elapsedMillis, long latencyMillis, long connectMillis,
            boolean success, boolean transactionMessage) {
        RowKind base = labels.isReserved(label) ? RowKind.MARKER
                : transactionMessage ? RowKind.TRANSACTION : RowKind.REQUEST;
        rows++;
        RowKind kind = classifier.classify(thread, label, startMillis, startMillis + elapsedMillis, base);
        if (kind == null) {
            if (!classifier.pend(thread, label, startMillis, elapsedMillis, latencyMillis, connectMillis, success, base)) {
                stop = Stop.OVERFLOW;
                throw new Abort();
            }
            return;
        }
        kindCounts[kind.ordinal()]++;
        sink.sample(label, startMillis, elapsedMillis, latencyMillis, connectMillis, success, kind);
    }

    /** A row whose kind the reader knows from the file's structure (XML nesting). */
    void row(int label, long startMillis, long elapsedMillis, long latencyMillis, long connectMillis, boolean success,
            RowKind kind) {
        rows++;
        kindCounts[kind.ordinal()]++;
        sink.sample(label, startMillis, elapsedMillis, latencyMillis, connectMillis, success, kind);
    }

    /** A fault-marker row (also delivered as a row); its line counts from the part's start. */
    void marker(FaultMarker marker) {
        markers.add(marker);
    }

    /**
     * A row that cannot be read as it is.
     *
     * @param truncatedLastLine the row is the file's last and lacks its line end: a writer stopped
     *                          mid-line; it is left out with a warning, never an error
     * @throws Abort when the row is an input error (no {@code --lenient})
     */
    void malformed(long relativeLine, String problem, boolean truncatedLastLine) {
        if (truncatedLastLine) {
            warn(relativeLine, "the last line is incomplete (the writer was probably stopped mid-line) and is left out: "
                    + problem);
        } else if (lenient) {
            if (skipped < LISTED_SKIPS) {
                skippedLines[(int) skipped] = relativeLine;
            }
            if (firstSkipProblem == null) {
                firstSkipProblem = problem;
            }
            skipped++;
        } else {
            fatal(relativeLine, problem);
        }
    }

    /** An input error that {@code --lenient} cannot skip; stops the part. */
    void fatal(long relativeLine, String problem) {
        stop = Stop.FATAL;
        fatalLine = relativeLine;
        fatalProblem = problem;
        throw new Abort();
    }

    /** Leaves the rest to commons-csv. */
    void fallBack() {
        stop = Stop.FALLBACK;
        throw new Abort();
    }

    /** A warning tied to a line (0: to the whole input). */
    void warn(long relativeLine, String text) {
        warnings.add(new Warning(relativeLine, text));
    }

    /** Sets the number of lines before this part's first line, making its lines absolute. */
    void lineBase(long linesBefore) {
        this.lineBase = linesBefore;
    }

    long absolute(long relativeLine) {
        return relativeLine <= 0 ? 0 : lineBase + relativeLine;
    }

    /** The input error this part stopped on. */
    InvalidInputException fatalError() {
        return new InvalidInputException(source, absolute(fatalLine), fatalProblem);
    }

    /** This part's warnings, with absolute lines, the {@code --lenient} skips summed up last. */
    List<String> warnings() {
        List<String> result = new ArrayList<>();
        for (Warning warning : warnings) {
            long line = absolute(warning.relativeLine());
            result.add((line > 0 ? source + ":" + line : source) + ": " + warning.text());
        }
        if (skipped > 0) {
            StringBuilder text = new StringBuilder(source).append(": --lenient skipped ").append(skipped)
                    .append(skipped == 1 ? " malformed row, at line " : " malformed rows, at lines ");
            for (int i = 0; i < Math.min(skipped, LISTED_SKIPS); i++) {
                text.append(i == 0 ? "" : ", ").append(absolute(skippedLines[i]));
            }
            if (skipped > LISTED_SKIPS) {
                text.append(" and ").append(skipped - LISTED_SKIPS).append(" more");
            }
            text.append(" (first: line ").append(absolute(skippedLines[0])).append(": ").append(firstSkipProblem).append(')');
            result.add(text.toString());
        }
        return result;
    }

    /** Where the first row skipped by {@code --lenient} is, or null. */
    RowCounts.Place firstSkipped() {
        return skipped == 0 ? null : new RowCounts.Place(source, absolute(skippedLines[0]));
    }

    /** Rows skipped by {@code --lenient}. */
    long skipped() {
        return skipped;
    }

    /** Markers with absolute lines. */
    List<FaultMarker> markers() {
        List<FaultMarker> result = new ArrayList<>(markers.size());
        for (FaultMarker m : markers) {
            result.add(m.withLine(absolute(m.line())));
        }
        return result;
    }

    /** Adds a later part of the same input to this one: its rows, problems and markers (absolute lines). */
    void absorb(ReadPart<S> later, SampleSinkFactory<S> sinks) {
        sinks.merge(sink, later.sink);
        for (int k = 0; k < kindCounts.length; k++) {
            kindCounts[k] += later.kindCounts[k];
        }
        rows += later.rows;
        for (FaultMarker m : later.markers()) {
            markers.add(m.withLine(m.line() - lineBase));
        }
        for (Warning warning : later.warnings) {
            long line = warning.relativeLine();
            warnings.add(new Warning(line > 0 ? later.absolute(line) - lineBase : 0, warning.text()));
        }
        for (int i = 0; i < later.skipped && i < LISTED_SKIPS; i++) {
            if (skipped < LISTED_SKIPS) {
                skippedLines[(int) skipped] = later.absolute(later.skippedLines[i]) - lineBase;
            }
            skipped++;
        }
        if (later.skipped > LISTED_SKIPS) {
            skipped += later.skipped - LISTED_SKIPS;
        }
        if (firstSkipProblem == null) {
            firstSkipProblem = later.firstSkipProblem;
        }
        lines = later.lineBase + later.lines - lineBase;
        stopOffset = later.stopOffset;
    }
}
