package dev.cvkit.evaluator.alt;

import java.util.Objects;

/**
 * One problem found in an Azure Load Testing test configuration ({@code config.yaml}).
 *
 * @param severity {@link Severity#ERROR} when ALT would refuse the file (or the run would break),
 *                 {@link Severity#WARNING} when it would be accepted but is probably not what was meant
 * @param file     the configuration file as the user named it
 * @param line     1-based line of the offending key or value; 0 when the problem concerns the whole file
 * @param message  what is wrong and what is accepted instead
 */
public record ConfigFinding(Severity severity, String file, int line, String message) {

    /** How bad a finding is. */
    public enum Severity {
        ERROR,
        WARNING
    }

    public ConfigFinding {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(message, "message");
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** {@code file:line: error: message}, the form compilers use, so editors can jump to it. */
    @Override
    public String toString() {
        String where = line > 0 ? file + ":" + line : file;
        return where + ": " + severity.name().toLowerCase(java.util.Locale.ROOT) + ": " + message;
    }
}
