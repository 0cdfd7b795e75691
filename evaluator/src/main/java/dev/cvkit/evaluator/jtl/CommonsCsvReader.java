package dev.cvkit.evaluator.jtl;

import java.io.FilterReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The reference CSV reader, on Apache commons-csv: the definition {@link FastCsvReader} is held to, and
 * the reader of the rare files the fast one hands over (see there). Sequential; one string per field.
 */
final class CommonsCsvReader extends CsvRecordInterpreter {

    private final CSVFormat format;
    private final int emptyThread;
    private CSVRecord record;

    CommonsCsvReader(CsvLayout layout, ReadPart<?> part, String timestampFormat) {
        super(layout, part, timestampFormat);
        this.format = CSVFormat.Builder.create()
                .setDelimiter(layout.delimiter)
                .setQuote('"')
                .setRecordSeparator("\n")
                .setIgnoreEmptyLines(false) // an empty line is a record of one empty field; skipped, but counted
                .setIgnoreSurroundingSpaces(false)
                .setAllowMissingColumnNames(true)
                .get();
        this.emptyThread = part.threads.intern("");
    }

    /** Reads every record of {@code in} (positioned after the header), counting lines from the part's start. */
    void read(InputStream in) throws IOException {
        RecordLengthGuard guard = new RecordLengthGuard(new InputStreamReader(in, StandardCharsets.UTF_8));
        try (CSVParser parser = CSVParser.builder().setReader(guard).setFormat(format).get()) {
            Iterator<CSVRecord> records = parser.iterator();
            // One record ahead: only the last record may lack its line end (a truncated last line).
            Step current = Step.next(records, parser, guard, parser.getCurrentLineNumber());
            while (current.record != null) {
                Step next = Step.next(records, parser, guard, current.linesAfter);
                boolean endsAtEof = next.record == null && next.error == null && !guard.endedWithLineBreak();
                long relativeLine = part.lines + 1;
                // commons-csv counts the end of an unterminated last line as a line end too.
                part.lines += current.linesAfter - current.linesBefore - (endsAtEof ? 1 : 0);
                record = current.record;
                interpret(relativeLine, endsAtEof);
                current = next;
            }
            if (current.error != null) {
                syntaxError(current.error, parser, current.linesBefore, part.lines + 1);
            }
        }
    }

    /** One record read ahead, or the error reading it, or (record and error null) the end. */
    private record Step(CSVRecord record, RuntimeException error, long linesBefore, long linesAfter) {
        static Step next(Iterator<CSVRecord> records, CSVParser parser, RecordLengthGuard guard, long linesBefore) {
            guard.newRecord();
            try {
                CSVRecord record = records.hasNext() ? records.next() : null;
                return new Step(record, null, linesBefore, parser.getCurrentLineNumber());
            } catch (UncheckedIOException | RecordTooLong e) {
                return new Step(null, e, linesBefore, parser.getCurrentLineNumber());
            }
        }
    }

    private void syntaxError(RuntimeException e, CSVParser parser, long linesBefore, long relativeLine) {
        if (e instanceof RecordTooLong) {
            part.fatal(relativeLine, FastCsvReader.overlongRecordProblem());
        }
        String message = String.valueOf(e.getCause() == null ? e.getMessage() : e.getCause().getMessage());
        if (message.contains("EOF reached before encapsulated token finished")) {
            // At the end of the file the line counter counts the unterminated last line once more.
            long linesInRecord = parser.getCurrentLineNumber() - linesBefore - 1;
            part.lines += Math.max(0, linesInRecord);
            if (linesInRecord <= 0) {
                part.malformed(relativeLine, "a quoted field is not closed", true);
                return;
            }
            part.fatal(relativeLine, FastCsvReader.unclosedQuoteProblem());
        }
        part.fatal(relativeLine, "a quoted field must be followed by the delimiter or the end of the line"
                + " (--lenient cannot skip this: the quotes hide where the next row starts)");
    }

    @Override
    int fieldCount() {
        return record.size();
    }

    @Override
    long millis(int field) {
        return Fields.parseMillis(record.get(field));
    }

    @Override
    boolean isEmpty(int field) {
        return record.get(field).isEmpty();
    }

    @Override
    int success(int field) {
        return Fields.parseSuccess(record.get(field));
    }

    @Override
    String text(int field) {
        return record.get(field);
    }

    @Override
    int labelId(int field) {
        return part.labels.intern(record.get(field));
    }

    @Override
    int threadId(int field) {
        return field < 0 ? emptyThread : part.threads.intern(record.get(field));
    }

    @Override
    boolean isTransactionMessage(int field) {
        return Fields.isTransactionMessage(record.get(field));
    }

    /** Thrown when a record grows past {@link FastCsvReader#MAX_RECORD_BYTES} characters. */
    private static final class RecordTooLong extends RuntimeException {
        private static final long serialVersionUID = 1L;

        RecordTooLong() {
            super(null, null, false, false);
        }
    }

    /**
     * Bounds what commons-csv may buffer for one record (it would otherwise hold a never-closed quoted
     * field of any size in memory), and remembers whether the input's last character was a line break.
     */
    private static final class RecordLengthGuard extends FilterReader {
        private long charsSinceRecord;
        private int lastChar = -1;

        RecordLengthGuard(Reader in) {
            super(in);
        }

        void newRecord() {
            charsSinceRecord = 0;
        }

        /** Whether the last character read was a line break (false after an unterminated last line). */
        boolean endedWithLineBreak() {
            return lastChar == '\n' || lastChar == '\r';
        }

        @Override
        public int read() throws IOException {
            int c = super.read();
            count(c < 0 ? 0 : 1);
            if (c >= 0) {
                lastChar = c;
            }
            return c;
        }

        @Override
        public int read(char[] cbuf, int off, int len) throws IOException {
            int n = super.read(cbuf, off, len);
            if (n > 0) {
                count(n);
                lastChar = cbuf[off + n - 1];
            }
            return n;
        }

        private void count(int n) {
            charsSinceRecord += n;
            // Allow for commons-csv's read-ahead buffer on top of the record itself.
            if (charsSinceRecord > FastCsvReader.MAX_RECORD_BYTES + (1 << 16)) {
                throw new RecordTooLong();
            }
        }
    }
}
