package dev.cvkit.evaluator.jtl;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
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

    private static final long BYTES_ONES = 0x0101010101010101L;
    private static final long LF_PATTERN = BYTES_ONES * LF;
    private static final long CR_PATTERN = BYTES_ONES * CR;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

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
    private int quotedLines;
    private boolean quotedEscaped;
    private final long delimiterPattern;

    /**
     * @param bufferBytes initial buffer size (it grows for a longer record, up to {@link #MAX_RECORD_BYTES})
     * @param bytesRead   progress counter, incremented as bytes are read
     */
    FastCsvReader(CsvLayout layout, ReadPart<?> part, String timestampFormat, int bufferBytes, AtomicLong bytesRead) {
        super(layout, part, timestampFormat);
        this.delimiter = (byte) layout.delimiter;
        this.delimiterPattern = BYTES_ONES * (layout.delimiter & 0xFF);
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
     *
     * <p>Unquoted fields are split eight bytes at a time: one word gives the positions of every
     * delimiter, LF and CR in it (see {@link #separators}), taken lowest first. A field that starts with a
     * quote goes to {@link #scanQuoted}.
     */
    private int scanRecord(int p) {
        final byte[] b = buf;
        final int limit = lim;
        final byte delim = delimiter;
        int f = 0;
        int start = p;
        quotedLines = 0;
        fields:
        while (true) {
            if (start < limit && b[start] == QUOTE) {
                int after = scanQuoted(start + 1);
                if (after < 0) {
                    return after;
                }
                f = field(f, start + 1, after - 1, quotedEscaped);
                if (after >= limit) {
                    return eof ? endRecord(f, quotedLines, false, after) : NEED_MORE;
                }
                byte c = b[after];
                if (c == delim) {
                    start = after + 1;
                    continue;
                }
                return lineEnd(f, after);
            }
            int q = start;
            for (; q + 8 <= limit; q += 8) {
                for (long found = separators((long) LONGS.get(b, q)); found != 0; found &= found - 1) {
                    int at = q + (Long.numberOfTrailingZeros(found) >>> 3);
                    f = field(f, start, at, false);
                    if (b[at] != delim) {
                        return lineEnd(f, at);
                    }
                    start = at + 1;
                    if (start < limit && b[start] == QUOTE) {
                        continue fields;
                    }
                }
            }
            for (; q < limit; q++) {
                byte c = b[q];
                if (c == delim || c == LF || c == CR) {
                    f = field(f, start, q, false);
                    if (c != delim) {
                        return lineEnd(f, q);
                    }
                    start = q + 1;
                    if (start < limit && b[start] == QUOTE) {
                        continue fields;
                    }
                }
            }
            if (!eof) {
                return NEED_MORE;
            }
            f = field(f, start, limit, false);
            return endRecord(f, quotedLines, false, limit);
        }
    }

    /** Records field {@code f}; returns {@code f + 1}. */
    private int field(int f, int start, int end, boolean escaped) {
        if (f < fieldSlots) {
            fieldStart[f] = start;
            fieldEnd[f] = end;
            fieldEscaped[f] = escaped;
        }
        return f + 1;
    }

    /** Ends the record at the line end at {@code at} (LF or CRLF); anything else goes to commons-csv. */
    private int lineEnd(int f, int at) {
        byte c = buf[at];
        if (c == LF) {
            return endRecord(f, quotedLines + 1, true, at + 1);
        }
        if (c == CR) {
            if (at + 1 >= lim) {
                return eof ? FALLBACK : NEED_MORE;
            }
            if (buf[at + 1] == LF) {
                return endRecord(f, quotedLines + 1, true, at + 2);
            }
        }
        // A lone CR, or anything but a separator after a closing quote: commons-csv decides.
        return FALLBACK;
    }

    /**
     * The high bit of each byte of {@code word} that is a delimiter, LF or CR: XOR turns a match into a
     * zero byte, and {@link #zeroBytes} flags exactly the zero bytes (no carry crosses bytes).
     */
    private long separators(long word) {
        return zeroBytes(word ^ delimiterPattern) | zeroBytes(word ^ LF_PATTERN) | zeroBytes(word ^ CR_PATTERN);
    }

    private static long zeroBytes(long v) {
        long low7 = 0x7F7F7F7F7F7F7F7FL;
        return ~(((v & low7) + low7) | v | low7);
    }

    /**
     * Scans a quoted field whose content starts at {@code p}: returns the position after its closing
     * quote, or NEED_MORE / EOF_IN_QUOTES; counts its line breaks into {@link #quotedLines} and notes
     * doubled quotes in {@link #quotedEscaped}.
     */
    private int scanQuoted(int p) {
        final byte[] b = buf;
        final int limit = lim;
        quotedEscaped = false;
        while (true) {
            if (p >= limit) {
                if (!eof) {
                    return NEED_MORE;
                }
                recordLines = quotedLines;
                return EOF_IN_QUOTES;
            }
            byte c = b[p];
            if (c == QUOTE) {
                if (p + 1 >= limit) {
                    if (!eof) {
                        return NEED_MORE;
                    }
                } else if (b[p + 1] == QUOTE) {
                    quotedEscaped = true;
                    p += 2;
                    continue;
                }
                return p + 1;
            }
            if (c == LF) {
                quotedLines++;
            } else if (c == CR) {
                if (p + 1 >= limit) {
                    if (!eof) {
                        return NEED_MORE;
                    }
                    quotedLines++;
                } else if (b[p + 1] != LF) {
                    quotedLines++;
                }
            }
            p++;
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
            return table.id(scratch, 0, len);
        }
        int start = fieldStart[field];
        int len = fieldEnd[field] - start;
        return table.id(buf, start, len);
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
