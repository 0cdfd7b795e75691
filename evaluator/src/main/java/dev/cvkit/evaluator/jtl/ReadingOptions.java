package dev.cvkit.evaluator.jtl;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * How to read results: the options every command that reads results shares. Add it to a command with
 * {@code @Mixin ReadingOptions reading;} and pass it to {@link ResultsReader#read}. A bad value is a usage
 * error (exit 2) reported by picocli before the command runs.
 *
 * <p>Programmatic use (tests, other commands): {@code new ReadingOptions().lenient(true).columns("...")}.
 */
public final class ReadingOptions {

    @Option(names = "--lenient",
            description = "Skip malformed rows instead of stopping with exit code 3, and report how many and where."
                    + " (A truncated last line is always only a warning.)")
    private boolean lenient;

    @Option(names = "--columns", paramLabel = "LIST", converter = ColumnsConverter.class,
            description = "Columns of CSV files without a header line: JMeter's names, comma-separated, sample_variables"
                    + " names quoted (\"myVar\"). Default: JMeter's 17 default columns. Files with a header use it.")
    private ColumnList columns;

    @Option(names = "--timestamp-format", paramLabel = "FMT", converter = TimestampFormatConverter.class,
            description = "The timeStamp format: a pattern as in jmeter.save.saveservice.timestamp_format"
                    + " (e.g. 'yyyy/MM/dd HH:mm:ss.SSS', read in this machine's time zone), or 'ms'."
                    + " Default: epoch ms, or one of JMeter's own fallback formats.")
    private String timestampFormat;

    @Option(names = "--debug", description = "Print stack traces of errors.")
    private boolean debug;

    /** Skip malformed rows (and report them) instead of failing. */
    public boolean lenient() {
        return lenient;
    }

    public ReadingOptions lenient(boolean value) {
        this.lenient = value;
        return this;
    }

    /** {@code --columns}, as given; null when not given. */
    public String columns() {
        return columns == null ? null : columns.text;
    }

    /**
     * Sets {@code --columns}.
     *
     * @throws IllegalArgumentException naming the problem when the list is not usable
     */
    public ReadingOptions columns(String list) {
        this.columns = list == null ? null : ColumnList.parse(list);
        return this;
    }

    /** {@code --timestamp-format}; null for JMeter's defaults. */
    public String timestampFormat() {
        return timestampFormat;
    }

    /**
     * Sets {@code --timestamp-format}.
     *
     * @throws IllegalArgumentException naming the problem when the pattern is not usable
     */
    public ReadingOptions timestampFormat(String format) {
        if (format != null) {
            String problem = TimestampParser.checkFormat(format);
            if (problem != null) {
                throw new IllegalArgumentException(problem);
            }
        }
        this.timestampFormat = format;
        return this;
    }

    /** Whether stack traces are wanted. */
    public boolean debug() {
        return debug;
    }

    public ReadingOptions debug(boolean value) {
        this.debug = value;
        return this;
    }

    /** The columns of {@code --columns} for the readers (null entries: sample_variables); null if not given. */
    List<JtlColumn> columnList() {
        return columns == null ? null : columns.columns;
    }

    /** A checked {@code --columns} value. */
    static final class ColumnList {
        final String text;
        final List<JtlColumn> columns;

        private ColumnList(String text, List<JtlColumn> columns) {
            this.text = text;
            this.columns = Collections.unmodifiableList(columns);
        }

        static ColumnList parse(String text) {
            List<JtlColumn> columns = new ArrayList<>();
            for (String raw : text.split(",", -1)) {
                String name = raw.trim();
                if (name.length() >= 2 && name.startsWith("\"") && name.endsWith("\"")) {
                    columns.add(null);
                    continue;
                }
                JtlColumn column = JtlColumn.byHeaderName(name);
                if (column == null) {
                    throw new IllegalArgumentException("--columns: '" + name + "' is not a JMeter column; use "
                            + Stream.of(JtlColumn.values()).map(c -> c.headerName).collect(Collectors.joining(","))
                            + ", or a quoted sample_variables name such as \"myVar\"");
                }
                if (columns.contains(column)) {
                    throw new IllegalArgumentException("--columns: '" + name + "' is named twice");
                }
                columns.add(column);
            }
            List<String> missing = new ArrayList<>();
            if (CsvLayout.of(',', columns, CsvLayout.Origin.COLUMNS_OPTION, missing) == null) {
                throw new IllegalArgumentException("--columns must name " + CsvLayout.requiredNames()
                        + "; missing: " + String.join(", ", missing));
            }
            return new ColumnList(text, columns);
        }
    }

    static final class ColumnsConverter implements ITypeConverter<ColumnList> {
        @Override
        public ColumnList convert(String value) {
            try {
                return ColumnList.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    static final class TimestampFormatConverter implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            String problem = TimestampParser.checkFormat(value);
            if (problem != null) {
                throw new TypeConversionException(problem);
            }
            return value;
        }
    }
}
