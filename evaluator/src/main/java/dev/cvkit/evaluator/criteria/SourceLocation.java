package dev.cvkit.evaluator.criteria;

import java.util.Objects;

/**
 * Where a criterion was written, so that every message about it can point the user at the line.
 *
 * @param file the criteria file as the user named it
 * @param line 1-based line number
 */
public record SourceLocation(String file, int line) {
    public SourceLocation {
        Objects.requireNonNull(file, "file");
        if (line < 1) {
            throw new IllegalArgumentException("line must be 1-based, got " + line);
        }
    }

    @Override
    public String toString() {
        return file + ":" + line;
    }
}
