package dev.cvkit.evaluator.ci;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Appends Markdown to the file GitHub Actions shows as the job summary ({@code GITHUB_STEP_SUMMARY}). */
public final class GithubStepSummary {

    private GithubStepSummary() {
    }

    /** Appends {@code markdown}, creating the file if needed; earlier steps' summaries are kept. */
    public static void append(Path summaryFile, String markdown) throws IOException {
        String text = markdown.endsWith("\n") ? markdown : markdown + "\n";
        Files.writeString(summaryFile, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND, StandardOpenOption.WRITE);
    }
}
