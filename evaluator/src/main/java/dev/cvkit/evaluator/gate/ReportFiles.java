package dev.cvkit.evaluator.gate;

import java.nio.file.Path;

/**
 * The report files a user asked for; each may be null.
 *
 * @param json     {@code --json}
 * @param junit    {@code --junit}
 * @param markdown {@code --markdown}
 */
public record ReportFiles(Path json, Path junit, Path markdown) {
    public static ReportFiles none() {
        return new ReportFiles(null, null, null);
    }
}
