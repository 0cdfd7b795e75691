package dev.cvkit.evaluator.jtl;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The fast CSV reader: splits records straight from bytes into field offsets, with the exact semantics of
 * {@link CommonsCsvReader} (commons-csv with the same delimiter, {@code "} quotes doubled inside quoted
 * fields, no escape character, line ends LF, CRLF or CR). It never makes an object per row: numbers are
 * parsed from the bytes, labels and threads are looked up by their bytes.
 *
 * <p>What it does not handle itself it hands to commons-csv ({@link ReadPart#fallBack()}): a lone CR
 * outside quotes, or anything but a delimiter or line end after a closing quote. Those never appear in
 * files JMeter writes; the differential test proves both readers agree everywhere else.
 */
final class FastCsvReader extends CsvRecordInterpreter {

    /** Longest record accepted: a longer one means a quote was never closed (and would fill memory). */
    static final int MAX_RECORD_BYTES = 16 << 20;

    private static final byte QUOTE = '"';
    private static final byte LF = '\n';
    private static final byte CR = '\r';
    private static final byte[] TRANSACTION_PREFIX = Fields.TRANSACTION_MESSAGE_PREFIX.getBytes(StandardCharsets.US_ASCII);

    private static final int NEED_MORE = -1;
    private static final int EOF_IN_QUOTES = -2;
    private static final int FALLBACK = -3;

    private final byte delimiter;
    private final int fieldSlots;
    private final int[] fieldStart;
    private final int[] fieldEnd;
    private final boolean[] fieldEscaped;
    private final AtomicLong bytesRead;
    private final int emptyThread;

    private InputStream input;
    private byte[] buf;
    private int lim;
    private long bufOffset;
    private boolean eof;
    private byte[] scratch = new byte[256];

    private int fields;
    private int recordLines;
    private boolean recordTerminated;

    /**
     * @param bufferBytes initial buffer size (it grows for a longer record, up to {@link #MAX_RECORD_BYTES})
     * @param bytesRead   progress counter, incremented as bytes are read
     */
    FastCsvReader(CsvLayout layout, ReadPart<?> part, String timestampFormat, int bufferBytes, AtomicLong bytesRead) {
        super(layout, part, timestampFormat);
        this.delimiter = (byte) layout.delimiter;
        this.fieldSlots = layout.fieldCount;
        this.fieldStart = new int[fieldSlots];
        this.fieldEnd = new int[fieldSlots];
        this.fieldEscaped = new boolean[fieldSlots];
        this.buf = new byte[bufferBytes];
        this.bytesRead = bytesRead;
        this.emptyThread = part.threads.intern("");
    }

    /**
     * Reads records from {@code in}, whose next byte is at file offset {@code from}, until the end of the
     * input or until a record starts at or after {@code stopAt}. Sets {@link ReadPart#stopOffset} and
     * {@link ReadPart#lines}; may stop the part ({@link ReadPart.Abort}).
     */
    void read(InputStream in, long from, long stopAt) throws IOException {
        input = in;
        bufOffset = from;
        lim = 0;
        eof = false;
        int pos = 0;
        try {
            while (true) {
                long recordOffset = bufOffset + pos;
                part.stopOffset = recordOffset;
                if (recordOffset >= stopAt) {
                    return;
                }
                int end = pos < lim ? scanRecord(pos) : NEED_MORE;
                if (end == NEED_MORE) {
                    if (eof) {
                        return;
                    }
                    pos = refill(pos);
                    continue;
                }
                long relativeLine = part.lines + 1;
                if (end == FALLBACK) {
                    part.fallBack();
                }
                if (end == EOF_IN_QUOTES) {
                    part.lines += recordLines;
                    part.stopOffset = bufOffset + lim;
                    if (recordLines == 0) {
                        part.malformed(relativeLine, "a quoted field is not closed", true);
                        return;
                    }
                    part.fatal(relativeLine, unclosedQuoteProblem());
                }
                part.lines += recordLines;
                interpret(relativeLine, !recordTerminated);
                pos = end;
            }
        } finally {
            input = null;
        }
    }

    /** What the reference reader says too when a quote opened in a row is never closed. */
    static String unclosedQuoteProblem() {
        return "a quoted field of this row is never closed: the file ends inside it"
                + " (--lenient cannot skip this: the quotes hide where the next row starts)";
    }

    /** What the reference reader says too about a row longer than {@link #MAX_RECORD_BYTES}. */
    static String overlongRecordProblem() {
        return "this row is longer than " + (MAX_RECORD_BYTES >> 20) + " MB: a quote is probably never closed"
                + " (--lenient cannot skip this: the quotes hide where the next row starts)";
    }

    /** Moves the unread bytes to the buffer's start and reads more; returns the new position (0). */
    private int refill(int pos) throws IOException {
        int remaining = lim - pos;
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, remaining);
            bufOffset += pos;
            lim = remaining;
        } else if (lim == buf.length) {
            if (buf.length >= MAX_RECORD_BYTES) {
                part.fatal(part.lines + 1, overlongRecordProblem());
            }
            byte[] grown = new byte[Math.min(MAX_RECORD_BYTES, buf.length * 2)];
            System.arraycopy(buf, 0, grown, 0, lim);
            buf = grown;
        }
        int n = input.read(buf, lim, buf.length - lim);
        if (n < 0) {
            eof = true;
        } else {
            lim += n;
            bytesRead.addAndGet(n);
        }
        return 0;
    }

    /**
     * Splits the record starting at {@code p} into {@link #fieldStart}/{@link #fieldEnd}; returns the
     * position after it (after its line end), or NEED_MORE, EOF_IN_QUOTES, FALLBACK.
     */
    private int scanRecord(int p) {
        final byte[] b = buf;
        final int limit = lim;
        final byte delim = delimiter;
        int f = 0;
        int lines = 0;
        while (true) {
            int start;
            int end;
            boolean escaped = false;
            if (p < limit && b[p] == QUOTE) {
                p++;
                start = p;
                while (true) {
                    if (p >= limit) {
                        if (!eof) {
                            return NEED_MORE;
                        }
                        recordLines = lines;
                        return EOF_IN_QUOTES;
                    }
                    byte c = b[p];
                    if (c == QUOTE) {
                        if (p + 1 >= limit) {
                            if (!eof) {
                                return NEED_MORE;
                            }
                        } else if (b[p + 1] == QUOTE) {
                            escaped = true;
                            p += 2;
                            continue;
                        }
                        end = p;
                        p++;
                        break;
                    }
                    if (c == LF) {
                        lines++;
                    } else if (c == CR) {
                        if (p + 1 >= limit) {
                            if (!eof) {
                                return NEED_MORE;
                            }
                            lines++;
                        } else if (b[p + 1] != LF) {
                            lines++;
                        }
                    }
                    p++;
                }
                if (f < fieldSlots) {
                    fieldStart[f] = start;
                    fieldEnd[f] = end;
                    fieldEscaped[f] = escaped;
                }
                f++;
                if (p >= limit) {
                    if (!eof) {
                        return NEED_MORE;
                    }
                    return endRecord(f, lines, false, p);
                }
                byte c = b[p];
                if (c == delim) {
                    p++;
                    continue;
                }
                if (c == LF) {
                    return endRecord(f, lines + 1, true, p + 1);
                }
                if (c == CR) {
                    if (p + 1 >= limit && !eof) {
                        return NEED_MORE;
                    }
                    if (p + 1 < limit && b[p + 1] == LF) {
                        return endRecord(f, lines + 1, true, p + 2);
                    }
                }
                return FALLBACK;
            }
            start = p;
            while (p < limit) {
                byte c = b[p];
                if (c == delim || c == LF || c == CR) {
                    break;
                }
                p++;
            }
            if (p >= limit && !eof) {
                return NEED_MORE;
            }
            if (f < fieldSlots) {
                fieldStart[f] = start;
                fieldEnd[f] = p;
                fieldEscaped[f] = false;
            }
            f++;
            if (p >= limit) {
                return endRecord(f, lines, false, p);
            }
            byte c = b[p];
            if (c == delim) {
                p++;
                continue;
            }
            if (c == LF) {
                return endRecord(f, lines + 1, true, p + 1);
            }
            if (p + 1 >= limit) {
                return eof ? FALLBACK : NEED_MORE;
            }
            if (b[p + 1] == LF) {
                return endRecord(f, lines + 1, true, p + 2);
            }
            return FALLBACK;
        }
    }

    private int endRecord(int fieldCount, int lines, boolean terminated, int next) {
        fields = fieldCount;
        recordLines = lines;
        recordTerminated = terminated;
        return next;
    }

    @Override
    int fieldCount() {
        return fields;
    }

    @Override
    long millis(int field) {
        if (fieldEscaped[field]) {
            return -1;
        }
        int start = fieldStart[field];
        int end = fieldEnd[field];
        if (end == start || end - start > TimestampParser.MAX_DIGITS) {
            return -1;
        }
        final byte[] b = buf;
        long value = 0;
        for (int i = start; i < end; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            value = value * 10 + d;
        }
        return value;
    }

    @Override
    boolean isEmpty(int field) {
        return fieldEnd[field] == fieldStart[field];
    }

    @Override
    int success(int field) {
        if (fieldEscaped[field]) {
            return -1;
        }
        int start = fieldStart[field];
        int len = fieldEnd[field] - start;
        final byte[] b = buf;
        if (len == 4 && (b[start] | 0x20) == 't' && (b[start + 1] | 0x20) == 'r' && (b[start + 2] | 0x20) == 'u'
                && (b[start + 3] | 0x20) == 'e') {
            return 1;
        }
        if (len == 5 && (b[start] | 0x20) == 'f' && (b[start + 1] | 0x20) == 'a' && (b[start + 2] | 0x20) == 'l'
                && (b[start + 3] | 0x20) == 's' && (b[start + 4] | 0x20) == 'e') {
            return 0;
        }
        return -1;
    }

    @Override
    String text(int field) {
        int len = unescape(field);
        byte[] source = fieldEscaped[field] ? scratch : buf;
        int start = fieldEscaped[field] ? 0 : fieldStart[field];
        return new String(source, start, len, StandardCharsets.UTF_8);
    }

    @Override
    int labelId(int field) {
        return symbolId(part.labels, field);
    }

    @Override
    int threadId(int field) {
        return field < 0 ? emptyThread : symbolId(part.threads, field);
    }

    private int symbolId(SymbolTable table, int field) {
        if (fieldEscaped[field]) {
            int len = unescape(field);
            return table.id(scratch, 0, len, SymbolTable.hash(scratch, 0, len));
        }
        int start = fieldStart[field];
        int len = fieldEnd[field] - start;
        return table.id(buf, start, len, SymbolTable.hash(buf, start, len));
    }

    @Override
    boolean isTransactionMessage(int field) {
        int start = fieldStart[field];
        int n = TRANSACTION_PREFIX.length;
        if (fieldEnd[field] - start < n || buf[start] != TRANSACTION_PREFIX[0]) {
            return false;
        }
        // The prefix holds no quote, so comparing the raw bytes of a quoted field is exact.
        return java.util.Arrays.equals(buf, start, start + n, TRANSACTION_PREFIX, 0, n);
    }

    /**
     * For an escaped field, copies its text with doubled quotes undone into {@link #scratch}; returns the
     * text's length in bytes (for an unescaped field: its length in {@link #buf}).
     */
    private int unescape(int field) {
        int start = fieldStart[field];
        int end = fieldEnd[field];
        if (!fieldEscaped[field]) {
            return end - start;
        }
        if (scratch.length < end - start) {
            scratch = new byte[end - start];
        }
        int n = 0;
        for (int i = start; i < end; i++) {
            scratch[n++] = buf[i];
            if (buf[i] == QUOTE) {
                i++;
            }
        }
        return n;
    }
}
