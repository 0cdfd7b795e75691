package dev.cvkit.evaluator.ci;

import dev.cvkit.evaluator.report.MarkdownSummary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Appends Markdown to the file GitHub Actions shows as the job summary ({@code GITHUB_STEP_SUMMARY}), within
 * GitHub's limit: "each step is restricted to a maximum size of 1MiB", and a step's summary beyond it is not shown
 * at all. The file is the step's own, so what other commands of the step wrote before counts too.
 */
public final class GithubStepSummary {

    /** GitHub's limit of one step's summary, in bytes. */
    public static final long STEP_LIMIT = 1024 * 1024;

    private GithubStepSummary() {
    }

    /**
     * Appends {@code markdown}, creating the file if needed; earlier steps' summaries are kept. Cut (saying so) to
     * what room the step's limit leaves.
     *
     * @throws IOException when the file cannot be written, or the step's summary has no room left for it
     */
    public static void append(Path summaryFile, String markdown) throws IOException {
        String text = markdown.endsWith("\n") ? markdown : markdown + "\n";
        long held = Files.isRegularFile(summaryFile) ? Files.size(summaryFile) : 0;
        long room = Math.min(STEP_LIMIT - held, MarkdownSummary.MAX_BYTES);
        String fits = room <= 0 ? "" : MarkdownSummary.bounded(text, (int) room);
        if (fits.isEmpty()) {
            throw new IOException("the step's summary already holds " + held / 1024 + " KiB of GitHub's "
                    + STEP_LIMIT / 1024 + " KiB: no room for cvkit's");
        }
        Files.writeString(summaryFile, fits, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND, StandardOpenOption.WRITE);
    }
}
