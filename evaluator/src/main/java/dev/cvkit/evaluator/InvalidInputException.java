package dev.cvkit.evaluator;

import dev.cvkit.evaluator.text.LogText;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Results or criteria that cannot be read as they are: exit code 3.
 *
 * <p>The message always names the file, the line (when there is one) and what was expected there, so
 * that a user can fix the input without a stack trace.
 */
public class InvalidInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final long line;

    /**
     * @param source the file (or archive entry) that holds the bad input, as the user named it
     * @param line   1-based line number, or 0 when the problem is not tied to a line
     * @param problem what was found and what was expected instead
     */
    public InvalidInputException(String source, long line, String problem) {
        this(source, line, problem, null);
    }

    public InvalidInputException(String source, long line, String problem, Throwable cause) {
        super(format(source, line, problem), cause);
        this.source = Objects.requireNonNull(source, "source");
        this.line = line;
    }

    public InvalidInputException(Path source, long line, String problem) {
        this(source.toString(), line, problem);
    }

    public String source() {
        return source;
    }

    /** 1-based line number, or 0 when the problem is not tied to a line. */
    public long line() {
        return line;
    }

    /** The file's name on one line ({@link LogText}): a file name may hold a line break, or a logging command. */
    private static String format(String source, long line, String problem) {
        String shown = LogText.inline(source);
        return line > 0 ? shown + ":" + line + ": " + problem : shown + ": " + problem;
    }
}
