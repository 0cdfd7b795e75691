package dev.cvkit.evaluator.jtl;

import dev.cvkit.evaluator.stats.RowKind;
import dev.cvkit.evaluator.stats.SampleSink;
import java.util.Arrays;

/**
 * Tells sub-result rows from the rows they belong to, in one CSV file read in order.
 *
 * <p>JMeter writes a sample's sub-results (redirects, embedded resources) right after it, depth first,
 * labelled {@code <parent>-<n>}, in the same thread, and timed inside the parent. So per thread this keeps
 * the chain of the latest row and its sub-result ancestors; a row labelled {@code <X>-<n>} is a sub-result
 * when some row of that chain is labelled {@code <X>} and its time span ({@code timeStamp} to
 * {@code timeStamp + elapsed}) contains the row's. Any other row starts a new chain.
 *
 * <p>A <em>speculative</em> classifier reads a part that starts in the middle of a file: until a thread
 * shows a row that cannot be a sub-result (a label without a {@code -<n>} suffix), its rows' kind depends on
 * the part before. Such rows are kept, as primitives, in a pending buffer and classified later by
 * {@link #resolvePending}, once the previous part's final chains are known ({@link #exportChainsTo}).
 * No object is made per row.
 */
final class RowClassifier {

    /** Chains deeper than this keep their deepest entries replaced; JMeter itself stops at 10 levels. */
    static final int MAX_DEPTH = 12;
    /** A speculative part holding more undecided rows than this gives up (the file is read sequentially). */
    static final int MAX_PENDING = 1 << 16;
    private final int maxPending;

    private static final int UNKNOWN = -1;

    private final SymbolTable labels;
    private final boolean speculative;
    private int[] depth = new int[0];
    private int[] chainLabel = new int[0];
    private long[] chainStart = new long[0];
    private long[] chainEnd = new long[0];

    private int pendingCount;
    private boolean pendingOverflow;
    private int[] pendingLabel = new int[0];
    private int[] pendingThread = new int[0];
    private long[] pendingStart = new long[0];
    private long[] pendingElapsed = new long[0];
    private long[] pendingLatency = new long[0];
    private long[] pendingConnect = new long[0];
    private byte[] pendingFlags = new byte[0];

    RowClassifier(SymbolTable labels, boolean speculative, int maxPending) {
        this.labels = labels;
        this.speculative = speculative;
        this.maxPending = maxPending;
    }

    /**
     * The kind of a row, or {@code null} when it cannot be decided in this part yet (then call
     * {@link #pend}).
     *
     * @param baseKind what the row is by itself: {@link RowKind#MARKER}, {@link RowKind#TRANSACTION} or
     *                 {@link RowKind#REQUEST}; a sub-result of kind REQUEST becomes {@link RowKind#SUB_RESULT}
     */
    RowKind classify(int thread, int label, long startMillis, long endMillis, RowKind baseKind) {
        ensureThread(thread);
        int d = depth[thread];
        if (d == UNKNOWN) {
            if (labels.looksLikeSubResult(label)) {
                return null;
            }
            d = 0;
        }
        int parent = labels.subResultParent(label);
        if (parent >= 0) {
            int base = thread * MAX_DEPTH;
            for (int i = d - 1; i >= 0; i--) {
                if (chainLabel[base + i] == parent && chainStart[base + i] <= startMillis
                        && endMillis <= chainEnd[base + i]) {
                    int at = Math.min(i + 1, MAX_DEPTH - 1);
                    put(base + at, label, startMillis, endMillis);
                    depth[thread] = at + 1;
                    return baseKind == RowKind.REQUEST ? RowKind.SUB_RESULT : baseKind;
                }
            }
        }
        put(thread * MAX_DEPTH, label, startMillis, endMillis);
        depth[thread] = 1;
        return baseKind;
    }

    /** Keeps an undecided row; returns false (and remembers it) when the pending buffer is full. */
    boolean pend(int thread, int label, long startMillis, long elapsedMillis, long latencyMillis, long connectMillis,
            boolean success, RowKind baseKind) {
        if (pendingCount == maxPending) {
            pendingOverflow = true;
            return false;
        }
        if (pendingCount == pendingLabel.length) {
            int n = Math.max(64, pendingCount * 2);
            pendingLabel = Arrays.copyOf(pendingLabel, n);
            pendingThread = Arrays.copyOf(pendingThread, n);
            pendingStart = Arrays.copyOf(pendingStart, n);
            pendingElapsed = Arrays.copyOf(pendingElapsed, n);
            pendingLatency = Arrays.copyOf(pendingLatency, n);
            pendingConnect = Arrays.copyOf(pendingConnect, n);
            pendingFlags = Arrays.copyOf(pendingFlags, n);
        }
        int i = pendingCount++;
        pendingLabel[i] = label;
        pendingThread[i] = thread;
        pendingStart[i] = startMillis;
        pendingElapsed[i] = elapsedMillis;
        pendingLatency[i] = latencyMillis;
        pendingConnect[i] = connectMillis;
        pendingFlags[i] = (byte) (baseKind.ordinal() << 1 | (success ? 1 : 0));
        return true;
    }

    boolean pendingOverflow() {
        return pendingOverflow;
    }

    int pendingCount() {
        return pendingCount;
    }

    /**
     * Classifies this part's pending rows against {@code previous}, a non-speculative classifier holding
     * the chains at the end of the file's earlier parts (names matched through its own tables), updating
     * those chains, and delivers the rows to {@code sink} with this part's label ids.
     *
     * @param counts rows per {@link RowKind#ordinal()}, incremented
     */
    void resolvePending(RowClassifier previous, SymbolTable previousThreads, SymbolTable threads, SampleSink sink,
            long[] counts) {
        RowKind[] kinds = RowKind.values();
        for (int i = 0; i < pendingCount; i++) {
            int label = pendingLabel[i];
            long start = pendingStart[i];
            long elapsed = pendingElapsed[i];
            int flags = pendingFlags[i];
            RowKind kind = previous.classify(previousThreads.intern(threads.name(pendingThread[i])),
                    previous.labels.intern(labels.name(label)), start, start + elapsed, kinds[flags >> 1]);
            counts[kind.ordinal()]++;
            sink.sample(label, start, elapsed, pendingLatency[i], pendingConnect[i], (flags & 1) != 0, kind);
        }
        pendingCount = 0;
    }

    /**
     * Copies the chains of the threads this part decided into {@code target} (by name), replacing what
     * {@code target} had for them: the state at the end of this part, for the part after it.
     */
    void exportChainsTo(RowClassifier target, SymbolTable targetThreads, SymbolTable threads) {
        for (int t = 0; t < depth.length; t++) {
            int d = depth[t];
            if (d <= 0) {
                continue;
            }
            int into = targetThreads.intern(threads.name(t));
            target.ensureThread(into);
            int from = t * MAX_DEPTH;
            int to = into * MAX_DEPTH;
            for (int i = 0; i < d; i++) {
                target.put(to + i, target.labels.intern(labels.name(chainLabel[from + i])), chainStart[from + i],
                        chainEnd[from + i]);
            }
            target.depth[into] = d;
        }
    }

    private void put(int at, int label, long startMillis, long endMillis) {
        chainLabel[at] = label;
        chainStart[at] = startMillis;
        chainEnd[at] = endMillis;
    }

    private void ensureThread(int thread) {
        if (thread < depth.length) {
            return;
        }
        int old = depth.length;
        int n = Math.max(thread + 1, Math.max(16, old * 2));
        depth = Arrays.copyOf(depth, n);
        Arrays.fill(depth, old, n, speculative ? UNKNOWN : 0);
        chainLabel = Arrays.copyOf(chainLabel, n * MAX_DEPTH);
        chainStart = Arrays.copyOf(chainStart, n * MAX_DEPTH);
        chainEnd = Arrays.copyOf(chainEnd, n * MAX_DEPTH);
    }
}
