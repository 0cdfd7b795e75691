package dev.cvkit.evaluator.jtl;

import dev.cvkit.evaluator.InvalidInputException;
import dev.cvkit.evaluator.markers.FaultMarker;
import dev.cvkit.evaluator.stats.LabelStatsSink;
import dev.cvkit.evaluator.stats.ReadStats;
import dev.cvkit.evaluator.stats.RowCounts;
import dev.cvkit.evaluator.stats.RowKind;
import dev.cvkit.evaluator.stats.RunStats;
import dev.cvkit.evaluator.stats.SampleSink;
import dev.cvkit.evaluator.stats.SampleSinkFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Reads JMeter results (CSV or XML JTL files, directories of them, ALT {@code results.zip} archives) into
 * statistics, streaming: memory does not grow with the number of rows.
 *
 * <p>Large CSV files on disk are split at row boundaries and read on every core: each part after the first
 * starts at the line following a byte offset, on the guess that this is where a row starts. The part
 * before it verifies the guess when it reaches that offset; a wrong guess (the offset fell inside a quoted
 * multi-line field) throws the later part's work away and the earlier part reads on. Sub-result rows whose
 * parent lies in the previous part are settled once that part is done (see {@link RowClassifier}).
 *
 * <p>CSV is read by a byte-level reader held to Apache commons-csv's results (the reference reader, which
 * takes over the rare file the fast one does not handle); the system property
 * {@code -Dcvkit.csv.reader=commons} makes commons-csv read every CSV file.
 *
 * <p>Never a pass on missing data: an input that holds no sample, or a run with no request left to count
 * in {@code overall}, is an {@link InvalidInputException}.
 */
public final class ResultsReader {

    /** How the reader splits its work; tests make parts tiny to exercise the splitting. */
    record Tuning(int threads, long minPartBytes, int bufferBytes, boolean commonsCsv, int maxPending) {
        static Tuning defaults() {
            return new Tuning(Math.max(1, Runtime.getRuntime().availableProcessors()), 4L << 20, 1 << 19,
                    "commons".equals(System.getProperty("cvkit.csv.reader")), RowClassifier.MAX_PENDING);
        }
    }

    /**
     * What {@link #read(List, ReadingOptions, PrintWriter, SampleSinkFactory)} returns.
     *
     * @param sink      every row of every input, merged
     * @param warnings  as printed to the progress stream, in input order
     * @param markers   cvkit fault-marker rows, in input order
     * @param rowCounts rows per kind
     * @param sources   the files read (archive entries as {@code archive.zip!/entry}), in order
     * @param <S>       the sink type
     */
    public record Result<S extends SampleSink>(S sink, List<String> warnings, List<FaultMarker> markers,
            RowCounts rowCounts, List<String> sources) {
    }

    /** What this reader's reads did with their parts: lets tests see that every path was taken. */
    static final class Diagnostics {
        final AtomicInteger parts = new AtomicInteger();
        final AtomicInteger verifiedSplits = new AtomicInteger();
        final AtomicInteger readOns = new AtomicInteger();
        final AtomicInteger fallbacks = new AtomicInteger();
    }

    private final Tuning tuning;
    final Diagnostics diagnostics = new Diagnostics();

    public ResultsReader() {
        this(Tuning.defaults());
    }

    ResultsReader(Tuning tuning) {
        this.tuning = tuning;
    }

    /**
     * Reads every input and returns per-label and overall statistics.
     *
     * @param inputs   results files, directories (every {@code *.jtl}/{@code *.csv} below them) and zip
     *                 archives (every {@code *.jtl}/{@code *.csv} entry, read in place), merged into one run
     * @param options  {@code --lenient}, {@code --columns}, {@code --timestamp-format}
     * @param progress where warnings (and, on a terminal, a progress line) go; may be null
     * @throws InvalidInputException for unreadable or malformed input (file, line, what was expected), for
     *                               an input without samples, and when no request is left to count
     */
    public RunStats read(List<String> inputs, ReadingOptions options, PrintWriter progress) {
        Result<LabelStatsSink> result = read(inputs, options, progress, LabelStatsSink.FACTORY);
        // The reader's row counts, not the sink's: only the reader knows the rows --lenient skipped.
        LabelStatsSink sink = result.sink();
        return new ReadStats(sink.overall(), sink.labels(), result.warnings(), result.rowCounts(), result.markers());
    }

    /**
     * Reads every input into sinks made by {@code sinks}: the general form of
     * {@link #read(List, ReadingOptions, PrintWriter)}, for accumulators other than per-label statistics
     * (per phase, per time window). Same inputs, checks and errors.
     */
    public <S extends SampleSink> Result<S> read(List<String> inputs, ReadingOptions options, PrintWriter progress,
            SampleSinkFactory<S> sinks) {
        Progress report = new Progress(progress, Progress.terminalRequested());
        ExecutorService pool = null;
        try (InputExpander expander = new InputExpander()) {
            List<ResultSource> sources = expander.expand(inputs);
            List<SourceJob<S>> jobs = new ArrayList<>();
            int tasks = 0;
            for (ResultSource source : sources) {
                SourceJob<S> job = new SourceJob<>(source, options, sinks, report, tuning, diagnostics);
                jobs.add(job);
                tasks += job.plan();
                report.expectBytes(source.size());
            }
            if (tuning.threads() > 1) {
                // Also for a single task: the caller's thread then stays free to show progress.
                pool = Executors.newFixedThreadPool(Math.min(tasks, tuning.threads()), new ReaderThreads());
            }
            // Every part is held until the reading ends: each gets its share of what one sink may hold.
            SampleSinkFactory<S> partSinks = sinks.forParts(tasks);
            for (SourceJob<S> job : jobs) {
                job.start(pool, partSinks);
            }
            S total = sinks.create(new SymbolTable());
            List<String> warnings = new ArrayList<>();
            List<FaultMarker> markers = new ArrayList<>();
            long[] counts = new long[RowKind.values().length];
            long skipped = 0;
            RowCounts.Place firstSkipped = null;
            for (SourceJob<S> job : jobs) {
                ReadPart<S> part = job.finishUnchanged();
                if (part.skipped() > 0) {
                    skipped += part.skipped();
                    firstSkipped = firstSkipped != null ? firstSkipped : part.firstSkipped();
                }
                for (String warning : part.warnings()) {
                    report.warn(warning);
                    warnings.add(warning);
                }
                if (part.rows == 0) {
                    throw new InvalidInputException(job.source.name(), 0, job.noSamplesProblem(part));
                }
                sinks.merge(total, part.sink);
                markers.addAll(part.markers());
                for (int k = 0; k < counts.length; k++) {
                    counts[k] += part.kindCounts[k];
                }
            }
            report.clearLine();
            RowCounts rowCounts = new RowCounts(counts[RowKind.REQUEST.ordinal()], counts[RowKind.TRANSACTION.ordinal()],
                    counts[RowKind.SUB_RESULT.ordinal()], counts[RowKind.MARKER.ordinal()])
                    .withSkipped(skipped, firstSkipped);
            if (rowCounts.requests() == 0) {
                throw new InvalidInputException(String.join(", ", inputs), 0, "no requests to count: the "
                        + rowCounts.total() + " rows read are all rows that overall leaves out ("
                        + rowCounts.transactions() + " transaction-controller, " + rowCounts.subResults()
                        + " sub-result, " + rowCounts.markers() + " cvkit marker rows)");
            }
            return new Result<>(total, List.copyOf(warnings), List.copyOf(markers), rowCounts,
                    sources.stream().map(ResultSource::name).toList());
        } catch (ArithmeticException e) {
            // A sum that would wrap (Math.addExact): only past 2^32 rows of the longest durations read.
            throw new InvalidInputException(String.join(", ", inputs), 0, "the results hold more milliseconds than"
                    + " cvkit can sum exactly (2^63): split them into several runs", e);
        } finally {
            report.clearLine();
            if (pool != null) {
                pool.shutdownNow();
                try {
                    pool.awaitTermination(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /** Daemon threads named for what they do, so that a stuck read never keeps the JVM alive. */
    private static final class ReaderThreads implements java.util.concurrent.ThreadFactory {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable r) {
            Thread t = new Thread(r, "cvkit-reader-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        }
    }

    /** Reading one source: planning its parts, running them, and putting their results together. */
    private static final class SourceJob<S extends SampleSink> {
        final ResultSource source;
        private final ReadingOptions options;
        /** Makes the sink of a sequential reading of the whole source (commons-csv's fallback). */
        private final SampleSinkFactory<S> wholeSinks;
        /** Makes the parts' sinks: a share each of what one sink may hold (set by {@link #start}). */
        private SampleSinkFactory<S> sinks;
        private final Progress progress;
        private final Tuning tuning;
        private final Diagnostics diagnostics;
        private SourceSniffer.Sniffed sniffed;
        /** Start offsets of the parts; the first is the data offset. */
        private final List<Long> starts = new ArrayList<>();
        private final List<Future<ReadPart<S>>> parts = new ArrayList<>();

        SourceJob(ResultSource source, ReadingOptions options, SampleSinkFactory<S> sinks, Progress progress,
                Tuning tuning, Diagnostics diagnostics) {
            this.diagnostics = diagnostics;
            this.source = source;
            this.options = options;
            this.wholeSinks = sinks;
            this.progress = progress;
            this.tuning = tuning;
        }

        /** Looks at the source and decides its parts; returns how many. */
        int plan() {
            try {
                sniffed = SourceSniffer.sniff(source, options.columnList());
            } catch (IOException e) {
                throw unreadable(e);
            }
            starts.add(sniffed.dataOffset());
            Path file = source.file();
            long region = source.size() - sniffed.dataOffset();
            int wanted = (int) Math.min(tuning.threads(), region / Math.max(1, tuning.minPartBytes()));
            if (sniffed.xml() || file == null || tuning.commonsCsv() || wanted < 2) {
                return 1;
            }
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                for (int i = 1; i < wanted; i++) {
                    long start = nextLineStart(channel, sniffed.dataOffset() + region * i / wanted);
                    if (start > starts.get(starts.size() - 1) && start < source.size()) {
                        starts.add(start);
                    }
                }
            } catch (IOException e) {
                throw unreadable(e);
            }
            return starts.size();
        }

        /** The offset after the first LF at or after {@code from}, or the file's size when there is none. */
        private static long nextLineStart(FileChannel channel, long from) throws IOException {
            ByteBuffer window = ByteBuffer.allocate(1 << 16);
            long at = from;
            while (true) {
                window.clear();
                int n = channel.read(window, at);
                if (n <= 0) {
                    return channel.size();
                }
                for (int i = 0; i < n; i++) {
                    if (window.get(i) == '\n') {
                        return at + i + 1;
                    }
                }
                at += n;
            }
        }

        /**
         * Submits the parts to {@code pool}, or prepares to run them in the caller's thread when it is null.
         *
         * @param partSinks makes the parts' sinks
         */
        void start(ExecutorService pool, SampleSinkFactory<S> partSinks) {
            this.sinks = partSinks;
            diagnostics.parts.addAndGet(starts.size());
            for (int i = 0; i < starts.size(); i++) {
                final int index = i;
                Callable<ReadPart<S>> task = () -> readPart(index);
                if (pool != null) {
                    parts.add(pool.submit(task));
                } else {
                    parts.add(new FutureTask<>(task));
                }
            }
        }

        private ReadPart<S> readPart(int index) throws IOException {
            ReadPart<S> part = new ReadPart<>(source.name(), options.lenient(), sinks, index > 0, tuning.maxPending());
            long from = starts.get(index);
            long stopAt = index + 1 < starts.size() ? starts.get(index + 1) : Long.MAX_VALUE;
            if (sniffed.xml()) {
                try (InputStream in = source.open()) {
                    new XmlJtlReader(part, progress.bytesRead).read(in);
                } catch (ReadPart.Abort stopped) {
                    // The part records why it stopped.
                }
            } else if (tuning.commonsCsv()) {
                readWithCommonsCsv(part);
            } else {
                readFast(part, from, stopAt);
            }
            return part;
        }

        private void readFast(ReadPart<S> part, long from, long stopAt) throws IOException {
            FastCsvReader reader = new FastCsvReader(sniffed.layout(), part, options.timestampFormat(),
                    tuning.bufferBytes(), progress.bytesRead);
            try (InputStream in = openAt(from)) {
                reader.read(in, from, stopAt);
            } catch (ReadPart.Abort stopped) {
                // The part records why it stopped.
            }
        }

        private void readWithCommonsCsv(ReadPart<S> part) throws IOException {
            try (InputStream in = openAt(sniffed.dataOffset())) {
                new CommonsCsvReader(sniffed.layout(), part, options.timestampFormat()).read(in);
            } catch (ReadPart.Abort stopped) {
                // The part records why it stopped.
            }
        }

        private InputStream openAt(long offset) throws IOException {
            Path file = source.file();
            if (file != null) {
                FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
                channel.position(offset);
                return Channels.newInputStream(channel);
            }
            InputStream in = source.open();
            in.skipNBytes(offset);
            return in;
        }

        /**
         * Waits for the parts and puts them together in file order: verifies each split, settles the rows
         * that depended on the part before, and reads on sequentially where a split was wrong.
         *
         * @return the whole source's part, lines absolute
         */
        ReadPart<S> finish() {
            ReadPart<S> first = await(0);
            first.lineBase(sniffed.headerLines());
            if (first.stop == ReadPart.Stop.FALLBACK) {
                return fallBack();
            }
            throwIfFatal(first);
            List<ReadPart<S>> accepted = new ArrayList<>();
            accepted.add(first);
            ReadPart<S> last = first;
            RowClassifier chains = null;
            SymbolTable chainLabels = new SymbolTable();
            SymbolTable chainThreads = new SymbolTable();
            for (int i = 1; i < parts.size(); i++) {
                ReadPart<S> next = await(i);
                boolean aligned = last.stop == ReadPart.Stop.DONE && last.stopOffset == starts.get(i)
                        && next.stop != ReadPart.Stop.OVERFLOW;
                if (!aligned) {
                    diagnostics.readOns.incrementAndGet();
                    if (!readOn(last)) {
                        return fallBack();
                    }
                    break;
                }
                diagnostics.verifiedSplits.incrementAndGet();
                if (chains == null) {
                    chains = new RowClassifier(chainLabels, false, 0);
                }
                settle(last, chains, chainThreads);
                if (next.stop == ReadPart.Stop.FALLBACK) {
                    return fallBack();
                }
                next.lineBase(last.absolute(last.lines + 1) - 1);
                throwIfFatal(next);
                accepted.add(next);
                last = next;
            }
            if (chains != null) {
                settle(last, chains, chainThreads);
            }
            for (int i = 1; i < accepted.size(); i++) {
                first.absorb(accepted.get(i), sinks);
            }
            return first;
        }

        /**
         * {@link #finish()}, then makes sure the file is as it was when the reading began: rows read from a file
         * that shrank or was rewritten meanwhile are from no version of it (a shrunk file would otherwise end in
         * what looks like a row its writer stopped mid-line). A problem the change caused is reported as the
         * change.
         */
        ReadPart<S> finishUnchanged() {
            ReadPart<S> part;
            try {
                part = finish();
            } catch (InvalidInputException e) {
                throwIfChanged();
                throw e;
            }
            throwIfChanged();
            return part;
        }

        private void throwIfChanged() {
            FileStamp stamp = source.stamp();
            String change = stamp == null ? null : stamp.change();
            if (change != null) {
                // An archive entry is as the archive is.
                throw new InvalidInputException(source.file() != null ? source.name() : stamp.path().toString(), 0,
                        change);
            }
        }

        /** Resolves {@code part}'s pending rows against the chains so far, then records its own chains. */
        private static void settle(ReadPart<?> part, RowClassifier chains, SymbolTable chainThreads) {
            part.classifier.resolvePending(chains, chainThreads, part.threads, part.sink, part.kindCounts);
            part.classifier.exportChainsTo(chains, chainThreads, part.threads);
        }

        /** Continues {@code part} from where it stopped to the end of the file; false when commons-csv must. */
        private boolean readOn(ReadPart<S> part) {
            try {
                readFast(part, part.stopOffset, Long.MAX_VALUE);
            } catch (IOException e) {
                throw unreadable(e);
            }
            if (part.stop == ReadPart.Stop.FALLBACK || part.stop == ReadPart.Stop.OVERFLOW) {
                return false;
            }
            throwIfFatal(part);
            return true;
        }

        /** Reads the whole source again with commons-csv, sequentially. */
        private ReadPart<S> fallBack() {
            diagnostics.fallbacks.incrementAndGet();
            // One sequential part for the whole source: it may hold what one sink may, not a part's share.
            ReadPart<S> part = new ReadPart<>(source.name(), options.lenient(), wholeSinks, false, tuning.maxPending());
            part.lineBase(sniffed.headerLines());
            try {
                readWithCommonsCsv(part);
            } catch (IOException e) {
                throw unreadable(e);
            }
            throwIfFatal(part);
            return part;
        }

        private static void throwIfFatal(ReadPart<?> part) {
            if (part.stop == ReadPart.Stop.FATAL) {
                throw part.fatalError();
            }
        }

        private ReadPart<S> await(int index) {
            Future<ReadPart<S>> future = parts.get(index);
            if (future instanceof FutureTask<ReadPart<S>> inline && !future.isDone()) {
                inline.run();
            }
            while (true) {
                try {
                    return future.get(200, TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    progress.tick();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while reading " + source.name(), e);
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof IOException io) {
                        throw unreadable(io);
                    }
                    if (cause instanceof UncheckedIOException io) {
                        throw unreadable(io.getCause());
                    }
                    if (cause instanceof RuntimeException runtime) {
                        throw runtime;
                    }
                    throw new IllegalStateException(cause);
                }
            }
        }

        private InvalidInputException unreadable(IOException e) {
            return new InvalidInputException(source.name(), 0, "cannot be read: " + e, e);
        }

        /** Why a source without samples is rejected. */
        String noSamplesProblem(ReadPart<S> part) {
            if (part.skipped() > 0) {
                return "no samples left: --lenient skipped all " + part.skipped() + " rows as malformed";
            }
            if (sniffed.xml()) {
                return "no samples: the <testResults> element holds no complete sample";
            }
            return sniffed.headerLines() > 0 ? "no samples: the file holds only its header line"
                    : "no samples: the file holds no row";
        }
    }
}
