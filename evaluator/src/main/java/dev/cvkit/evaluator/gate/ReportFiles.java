package dev.cvkit.evaluator.gate;

import java.nio.file.Path;

/**
 * The report files a user asked for; each may be null.
 *
 * @param json     {@code --json}
 * @param junit    {@code --junit}
 * @param markdown {@code --markdown}
 * @param html     {@code --html}
 */
public record ReportFiles(Path json, Path junit, Path markdown, Path html) {

    public ReportFiles(Path json, Path junit, Path markdown) {
        this(json, junit, markdown, null);
    }

    public static ReportFiles none() {
        return new ReportFiles(null, null, null, null);
    }
}
