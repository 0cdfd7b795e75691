package dev.cvkit.evaluator.jtl;

import dev.cvkit.evaluator.InvalidInputException;
import dev.cvkit.evaluator.markers.FaultMarker;
import dev.cvkit.evaluator.stats.LabelNames;
import dev.cvkit.evaluator.stats.RowKind;
import dev.cvkit.evaluator.stats.SampleSink;
import dev.cvkit.evaluator.stats.SampleSinkFactory;
import dev.cvkit.evaluator.stats.ThreadCountSink;
import dev.cvkit.evaluator.stats.ThreadPlateau;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A quick look at results before they are read, so that rows can be filed by fault phase in one reading:
 * where the fault markers are, when the first sample started, and where each file's thread count reaches
 * its plateau. Everything it returns is a <em>guess</em> that the full reading confirms; when a guess was
 * wrong (a marker inside a quoted multi-line field, an earliest sample far down a file, a thread count
 * that rises late in a file), the caller reads again with what the full reading found. So the pre-scan may
 * be fast and simple, never wrong in effect.
 *
 * <ul>
 *   <li><b>Markers</b> (CSV only): the bytes {@code cvkit:fault-} are searched for eight bytes at a time
 *       (large files in one stretch per core; archive entries streamed); each line that holds them is read as
 *       a CSV row with the file's layout. An XML file makes the marker guess incomplete (it is then read twice
 *       when it holds markers).</li>
 *   <li><b>First sample</b>: the smallest {@code timeStamp} among the first rows of each file.</li>
 *   <li><b>Thread plateau</b>: each file's rows are read from the start until they are {@value #SETTLE_MILLIS}
 *       ms of {@code timeStamp}s past the plateau seen so far (or a quarter of the file).</li>
 * </ul>
 */
public final class PreScan {

    private static final byte[] PATTERN = "cvkit:fault-".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    /** Offset of ':' in the pattern; the search looks for ":f" and then checks the whole pattern. */
    private static final int ANCHOR = 5;
    private static final long COLONS = 0x3a3a3a3a3a3a3a3aL;
    private static final long EFS = 0x6666666666666666L;
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final int HEAD_ROWS = 1000;
    static final long SETTLE_MILLIS = 300_000;

    /** What to look for. */
    public record Wanted(boolean markers, boolean firstSample, boolean threadPlateaus) {
    }

    /**
     * What the pre-scan guessed.
     *
     * @param markers          fault markers found (lines are not known: 0)
     * @param markersComplete  false when some input could not be searched (XML)
     * @param firstSampleMillis smallest {@code timeStamp} seen at the start of the files; Long.MAX_VALUE if none
     * @param threadPlateaus   per results file (as messages name it), its thread plateau as far as read
     * @param spanMillis       about how long the run is, from the first rows to the last rows of the files on
     *                         disk (for the time cells' first width); -1 when unknown
     */
    public record Result(List<FaultMarker> markers, boolean markersComplete, long firstSampleMillis,
            Map<String, ThreadPlateau> threadPlateaus, long spanMillis) {
    }

    private PreScan() {
    }

    /** Scans {@code inputs} (files, directories, archives, as {@link ResultsReader} takes them). */
    public static Result scan(List<String> inputs, ReadingOptions options, Wanted wanted) {
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "cvkit-prescan");
            t.setDaemon(true);
            return t;
        });
        try (InputExpander expander = new InputExpander()) {
            List<ResultSource> sources = expander.expand(inputs);
            List<Future<List<FaultMarker>>> markerJobs = new ArrayList<>();
            List<Future<Head>> headJobs = new ArrayList<>();
            boolean complete = true;
            List<SourceSniffer.Sniffed> sniffs = new ArrayList<>();
            for (ResultSource source : sources) {
                try {
                    sniffs.add(SourceSniffer.sniff(source, options.columnList()));
                } catch (IOException e) {
                    throw new InvalidInputException(source.name(), 0, "cannot be read: " + e, e);
                }
            }
            // The heads first: they are short, and the marker search over whole files can run after them.
            for (int i = 0; i < sources.size(); i++) {
                ResultSource source = sources.get(i);
                SourceSniffer.Sniffed sniffed = sniffs.get(i);
                if (wanted.firstSample() || wanted.threadPlateaus()) {
                    headJobs.add(pool.submit(() -> head(source, sniffed, options, wanted.threadPlateaus())));
                }
            }
            // Without heads, one marker part per core ends the search when the slowest part does. A head keeps one
            // core a while (a few tens of ms for a warm-up plateau), so the search is then cut finer: the core the
            // head kept takes fewer parts and both end together.
            int markerParts = headJobs.isEmpty() ? threads : threads * 4;
            for (int i = 0; i < sources.size(); i++) {
                ResultSource source = sources.get(i);
                SourceSniffer.Sniffed sniffed = sniffs.get(i);
                if (wanted.markers()) {
                    if (sniffed.xml()) {
                        complete = false;
                    } else {
                        markerJobs.addAll(markerJobs(pool, source, sniffed, options, markerParts));
                    }
                }
            }
            long earliest = Long.MAX_VALUE;
            long latest = Long.MIN_VALUE;
            for (int i = 0; i < sources.size(); i++) {
                long[] edges = edges(sources.get(i), sniffs.get(i));
                earliest = Math.min(earliest, edges[0]);
                latest = Math.max(latest, edges[1]);
            }
            List<FaultMarker> markers = new ArrayList<>();
            for (Future<List<FaultMarker>> job : markerJobs) {
                markers.addAll(await(job));
            }
            long first = Long.MAX_VALUE;
            Map<String, ThreadPlateau> plateaus = new LinkedHashMap<>();
            for (Future<Head> job : headJobs) {
                Head head = await(job);
                first = Math.min(first, head.firstMillis);
                if (!head.plateau.isEmpty()) {
                    plateaus.put(head.source, head.plateau);
                }
            }
            return new Result(markers, complete, first, plateaus,
                    latest > earliest && earliest != Long.MAX_VALUE ? latest - earliest : -1);
        } finally {
            pool.shutdownNow();
            try {
                pool.awaitTermination(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static <T> T await(Future<T> job) {
        try {
            return job.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while scanning the results", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    // ---------------------------------------------------------------- markers

    private static List<Future<List<FaultMarker>>> markerJobs(ExecutorService pool, ResultSource source,
            SourceSniffer.Sniffed sniffed, ReadingOptions options, int maxParts) {
        List<Future<List<FaultMarker>>> jobs = new ArrayList<>();
        long from = sniffed.dataOffset();
        if (source.file() == null) {
            jobs.add(pool.submit(() -> {
                try (InputStream in = source.open()) {
                    in.skipNBytes(from);
                    return scanLines(Channels.newChannel(in), from, Long.MAX_VALUE, false, source, sniffed, options);
                }
            }));
            return jobs;
        }
        long region = source.size() - from;
        // Up to maxParts parts of at least 4 MB: each searches the lines that start in its stretch.
        int parts = (int) Math.max(1, Math.min(maxParts, region / (4L << 20)));
        for (int i = 0; i < parts; i++) {
            long a = from + region * i / parts;
            long b = from + region * (i + 1) / parts;
            jobs.add(pool.submit(() -> {
                try (FileChannel channel = FileChannel.open(source.file(), StandardOpenOption.READ)) {
                    channel.position(a);
                    return scanLines(channel, a, b, a > from, source, sniffed, options);
                }
            }));
        }
        return jobs;
    }

    /**
     * Searches the lines that start in {@code [from, to)} of a channel whose next byte is at offset
     * {@code from}, a buffer at a time, whole lines at a time. The buffer is direct (the bytes are copied once,
     * from the file system), and the file is not memory-mapped: mapped pages would count in the process's
     * resident memory and make it grow with the file.
     *
     * @param midLine {@code from} may be inside a line, which belongs to the stretch before: skip it
     */
    private static List<FaultMarker> scanLines(ReadableByteChannel in, long from, long to, boolean midLine,
            ResultSource source, SourceSniffer.Sniffed sniffed, ReadingOptions options) throws IOException {
        List<FaultMarker> found = new ArrayList<>();
        ByteBuffer buf = ByteBuffer.allocateDirect(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
        long bufStart = from;
        boolean eof = false;
        boolean skip = midLine;
        while (!eof && bufStart < to) {
            while (buf.hasRemaining()) {
                if (in.read(buf) < 0) {
                    eof = true;
                    break;
                }
            }
            int filled = buf.position();
            if (skip) {
                int lf = 0;
                while (lf < filled && buf.get(lf) != '\n') {
                    lf++;
                }
                if (lf == filled && !eof) {
                    bufStart += filled;
                    buf.clear();
                    continue;
                }
                int next = Math.min(filled, lf + 1);
                shift(buf, next, filled);
                bufStart += next;
                skip = false;
                continue;
            }
            int complete = filled;
            if (!eof) {
                while (complete > 0 && buf.get(complete - 1) != '\n') {
                    complete--;
                }
                if (complete == 0) {
                    if (buf.capacity() >= FastCsvReader.MAX_RECORD_BYTES) {
                        return found; // an absurd line: the full reading will judge it
                    }
                    ByteBuffer grown = ByteBuffer.allocateDirect(buf.capacity() * 2).order(ByteOrder.LITTLE_ENDIAN);
                    buf.flip();
                    grown.put(buf);
                    buf = grown;
                    continue;
                }
            }
            ByteBuffer view = buf.duplicate().order(ByteOrder.LITTLE_ENDIAN);
            view.position(0).limit(complete);
            long viewStart = bufStart;
            search(view, 0, complete, (lineStart, lineEnd) -> {
                if (viewStart + lineStart < to) {
                    parseLine(view, lineStart, lineEnd, source, sniffed, options, found);
                }
            });
            shift(buf, complete, filled);
            bufStart += complete;
        }
        return found;
    }

    /** Keeps the bytes {@code [from, filled)} at the buffer's start, ready to read more after them. */
    private static void shift(ByteBuffer buf, int from, int filled) {
        buf.position(from).limit(filled);
        buf.compact();
    }

    /** Receives the line (start inclusive, end exclusive, without its LF) around a match. */
    private interface LineAction {
        void accept(int lineStart, int lineEnd);
    }

    /**
     * Finds each {@code cvkit:fault-} starting in {@code [from, to)} of {@code buf}: eight bytes at a time,
     * looking for the two bytes {@code :f}, which are rare in results, then checking the whole pattern.
     */
    static void search(ByteBuffer buf, int from, int to, LineAction action) {
        int limit = buf.limit();
        int i = Math.max(0, from + ANCHOR - 1);
        int lastLineEnd = -1;
        while (i + 8 <= limit && i - ANCHOR < to) {
            long word = buf.getLong(i);
            long v = (word ^ COLONS) | ((word >>> 8) ^ EFS);
            long z = (v - ONES) & ~v & HIGHS & 0x00FF_FFFF_FFFF_FFFFL;
            if (z == 0) {
                i += 7;
                continue;
            }
            int at = i + (Long.numberOfTrailingZeros(z) >>> 3);
            int start = at - ANCHOR;
            if (start >= from && start < to && start + PATTERN.length <= limit && matches(buf, start)
                    && start >= lastLineEnd) {
                int lineStart = start;
                while (lineStart > 0 && buf.get(lineStart - 1) != '\n') {
                    lineStart--;
                }
                int lineEnd = start;
                while (lineEnd < limit && buf.get(lineEnd) != '\n') {
                    lineEnd++;
                }
                action.accept(lineStart, lineEnd);
                lastLineEnd = lineEnd;
            }
            i = at + 1;
        }
    }

    private static boolean matches(ByteBuffer buf, int start) {
        for (int k = 0; k < PATTERN.length; k++) {
            if (buf.get(start + k) != PATTERN[k]) {
                return false;
            }
        }
        return true;
    }

    /** Reads one line as a CSV row with the file's layout; keeps it when it is a fault-marker row. */
    private static void parseLine(ByteBuffer buf, int lineStart, int lineEnd, ResultSource source,
            SourceSniffer.Sniffed sniffed, ReadingOptions options, List<FaultMarker> found) {
        byte[] line = new byte[lineEnd - lineStart];
        buf.get(lineStart, line);
        ReadPart<SampleSink> part = new ReadPart<>(source.name(), true, NO_SINK, false, RowClassifier.MAX_PENDING);
        try {
            new CommonsCsvReader(sniffed.layout(), part, options.timestampFormat()).read(new ByteArrayInputStream(line));
        } catch (ReadPart.Abort | IOException | UncheckedIOException | IllegalStateException e) {
            return; // not a row as it stands (e.g. part of a quoted multi-line field): the full reading decides
        }
        for (FaultMarker m : part.markers()) {
            found.add(m.withLine(0));
        }
    }

    private static final SampleSinkFactory<SampleSink> NO_SINK = new SampleSinkFactory<>() {
        @Override
        public SampleSink create(LabelNames labels) {
            return (labelId, startMillis, elapsedMillis, latencyMillis, connectMillis, success, kind) -> {
            };
        }

        @Override
        public void merge(SampleSink target, SampleSink source) {
        }
    };

    // ---------------------------------------------------------------- heads

    /** What the start of one file told. */
    private record Head(String source, long firstMillis, ThreadPlateau plateau) {
    }

    /** Stops a head reading once it knows enough. */
    private static final class HeadSink implements SampleSink, ThreadCountSink {
        final boolean threads;
        /** Whether to stop once enough is known (a tail is read whole). */
        boolean stops = true;
        long rows;
        long firstMillis = Long.MAX_VALUE;
        long latestMillis = Long.MIN_VALUE;
        final ThreadPlateau plateau = new ThreadPlateau();

        HeadSink(boolean threads) {
            this.threads = threads;
        }

        @Override
        public void sample(int labelId, long startMillis, long elapsedMillis, long latencyMillis, long connectMillis,
                boolean success, RowKind kind) {
            rows++;
            firstMillis = Math.min(firstMillis, startMillis);
            latestMillis = Math.max(latestMillis, startMillis);
            if (stops && rows >= HEAD_ROWS && (!threads
                    || !plateau.isEmpty() && latestMillis >= plateau.plateauStartMillis() + SETTLE_MILLIS)) {
                throw new ReadPart.Abort();
            }
        }

        @Override
        public boolean wantsActiveThreads() {
            return threads;
        }

        @Override
        public void activeThreads(String source, long startMillis, long count) {
            plateau.record(startMillis, count);
        }
    }

    private static Head head(ResultSource source, SourceSniffer.Sniffed sniffed, ReadingOptions options,
            boolean threads) throws IOException {
        HeadSink sink = new HeadSink(threads);
        SampleSinkFactory<HeadSink> factory = new SampleSinkFactory<>() {
            @Override
            public HeadSink create(LabelNames labels) {
                return sink;
            }

            @Override
            public void merge(HeadSink target, HeadSink other) {
            }
        };
        ReadPart<HeadSink> part = new ReadPart<>(source.name(), true, factory, false, RowClassifier.MAX_PENDING);
        long size = source.size();
        long limit = sniffed.dataOffset() + (threads ? Math.max(8L << 20, size / 4) : 1L << 20);
        try (InputStream in = source.open()) {
            if (sniffed.xml()) {
                new XmlJtlReader(part, new AtomicLong()).read(in);
            } else if (options.timestampFormat() == null) {
                in.skipNBytes(sniffed.dataOffset());
                lightHead(in, sniffed.layout(), limit - sniffed.dataOffset(), sink);
            } else {
                in.skipNBytes(sniffed.dataOffset());
                new FastCsvReader(sniffed.layout(), part, options.timestampFormat(), 1 << 16, new AtomicLong())
                        .read(in, sniffed.dataOffset(), limit);
            }
        } catch (ReadPart.Abort enough) {
            // the sink knows enough, or the part stopped on something the full reading will report
        } catch (RuntimeException e) {
            // a head that cannot be read leaves its guess empty; the full reading reports the problem
        }
        return new Head(source.name(), sink.firstMillis, sink.plateau);
    }

    /**
     * The head of a CSV file with only what the guesses need: each line's {@code timeStamp} (epoch ms) and
     * active-thread count, split with quotes honoured but nothing checked (a line that does not read is
     * passed over: the full reading judges it). Much lighter than the full reader on a cold JVM.
     */
    private static void lightHead(InputStream in, CsvLayout layout, long limit, HeadSink sink) throws IOException {
        byte[] buf = new byte[1 << 16];
        int filled = 0;
        long consumed = 0;
        byte delimiter = (byte) layout.delimiter;
        int wantedTime = layout.timeStamp;
        int wantedThreads = sink.threads ? layout.activeThreads : -1;
        while (consumed < limit) {
            int n = in.read(buf, filled, buf.length - filled);
            if (n <= 0) {
                return;
            }
            filled += n;
            int lineStart = 0;
            while (true) {
                int field = 0;
                boolean quoted = false;
                long time = -1;
                long threads = -1;
                long value = 0;
                boolean digits = true;
                boolean any = false;
                int i = lineStart;
                for (; i < filled; i++) {
                    byte b = buf[i];
                    if (b == '"') {
                        quoted = !quoted;
                        digits = false;
                    } else if (!quoted && (b == delimiter || b == '\n' || b == '\r')) {
                        if (digits && any) {
                            if (field == wantedTime) {
                                time = value;
                            } else if (field == wantedThreads) {
                                threads = value;
                            }
                        }
                        if (b == '\n') {
                            break;
                        }
                        field++;
                        value = 0;
                        digits = true;
                        any = false;
                    } else if (b >= '0' && b <= '9') {
                        value = value * 10 + (b - '0');
                        any = true;
                    } else {
                        digits = false;
                    }
                }
                if (i >= filled) {
                    break;
                }
                if (time >= 0) {
                    if (threads >= 0) {
                        sink.activeThreads("", time, threads);
                    }
                    sink.sample(0, time, 0, -1, -1, true, RowKind.REQUEST);
                }
                lineStart = i + 1;
            }
            consumed += lineStart;
            if (lineStart == 0 && filled == buf.length) {
                buf = java.util.Arrays.copyOf(buf, buf.length * 2);
            } else {
                System.arraycopy(buf, lineStart, buf, 0, filled - lineStart);
                filled -= lineStart;
            }
        }
    }

    /**
     * The earliest and latest {@code timeStamp} among the first and last rows of a CSV file on disk (a few
     * hundred kilobytes read at each end); {@code {MAX_VALUE, MIN_VALUE}} when that cannot be told.
     */
    private static long[] edges(ResultSource source, SourceSniffer.Sniffed sniffed) {
        long[] none = {Long.MAX_VALUE, Long.MIN_VALUE};
        if (sniffed.xml() || source.file() == null || sniffed.layout().timeStamp < 0) {
            return none;
        }
        HeadSink head = new HeadSink(false);
        HeadSink tail = new HeadSink(false);
        tail.stops = false;
        try (FileChannel channel = FileChannel.open(source.file(), StandardOpenOption.READ)) {
            channel.position(sniffed.dataOffset());
            lightHead(java.nio.channels.Channels.newInputStream(channel), sniffed.layout(), 64 << 10, head);
        } catch (IOException | RuntimeException e) {
            // as much as was read
        }
        try (FileChannel channel = FileChannel.open(source.file(), StandardOpenOption.READ)) {
            long from = Math.max(sniffed.dataOffset(), channel.size() - (256 << 10));
            channel.position(from);
            InputStream in = java.nio.channels.Channels.newInputStream(channel);
            if (from > sniffed.dataOffset()) {
                int b;
                while ((b = in.read()) >= 0 && b != '\n') {
                    // the line cut by the start of the tail belongs to the rows before
                }
            }
            lightHead(in, sniffed.layout(), Long.MAX_VALUE, tail);
        } catch (IOException | RuntimeException e) {
            // as much as was read
        }
        return new long[] {head.firstMillis, Math.max(head.latestMillis, tail.latestMillis)};
    }

    /** For tests: the markers of {@code data} (CSV rows after any header) as the stream search finds them. */
    static List<FaultMarker> scanBytes(byte[] data, CsvLayout layout) throws IOException {
        ResultSource source = new ResultSource() {
            @Override
            public String name() {
                return "bytes";
            }

            @Override
            public long size() {
                return data.length;
            }

            @Override
            public InputStream open() {
                return new ByteArrayInputStream(data);
            }

            @Override
            public java.nio.file.Path file() {
                return null;
            }

            @Override
            public FileStamp stamp() {
                return null;
            }
        };
        return scanLines(Channels.newChannel(new ByteArrayInputStream(data)), 0, Long.MAX_VALUE, false, source,
                new SourceSniffer.Sniffed(false, layout, 0, 0), new ReadingOptions());
    }
}
