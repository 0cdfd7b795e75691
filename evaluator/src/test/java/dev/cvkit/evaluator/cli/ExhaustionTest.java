package dev.cvkit.evaluator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cvkit.evaluator.testing.CliProcess;
import dev.cvkit.evaluator.testing.JtlWriter;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JVM running out of memory or stack is cvkit's failure, never the run's: the real CLI in a JVM of its own with
 * a tiny heap or stack exits 4 (not the JVM's 1, which a pipeline reads as "a criterion failed") with one message
 * and no stack trace, and with the stack trace under {@code --debug}.
 */
class ExhaustionTest {

    @TempDir
    static Path dir;

    private static Path manyLabels;

    @BeforeAll
    static void writeTheInputs() throws IOException {
        manyLabels = dir.resolve("many-labels.jtl");
        try (BufferedWriter w = Files.newBufferedWriter(manyLabels)) {
            w.write(JtlWriter.HEADER + "\n");
            for (int r = 0; r < 200_000; r++) {
                w.write((JtlWriter.T0 + r) + ",100,GET /item/" + r + ",200,OK,t 1-1,text,true,,1,1,1,1,u,95,0,5\n");
            }
        }
    }

    @Test
    void outOfMemoryIsAnInternalErrorWithAMessage() throws Exception {
        CliProcess.Result run = CliProcess.run(dir, List.of("-Xmx16m"), Map.of(), "stats", manyLabels.toString());
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCode.INTERNAL.code());
        assertThat(run.err()).as(run.toString()).startsWith("cvkit: internal error: out of memory")
                .contains("CVKIT_EVALUATOR_JAVA_OPTS=-Xmx").doesNotContain("\tat ", "Exception in thread");

        CliProcess.Result debug = CliProcess.run(dir, List.of("-Xmx16m"), Map.of(), "stats", "--debug",
                manyLabels.toString());
        assertThat(debug.exitCode()).as(debug.toString()).isEqualTo(ExitCode.INTERNAL.code());
        assertThat(debug.err()).as(debug.toString()).contains("out of memory", "java.lang.OutOfMemoryError", "\tat ");
    }

    @Test
    void stackOverflowIsAnInternalErrorWithAMessage() throws Exception {
        // A reference run nested as deep as the JSON parser allows (1,000), read with a stack of 160 KB.
        int depth = 990;
        Path reference = Files.writeString(dir.resolve("deep.reference.json"),
                "{\"x\":" + "[".repeat(depth) + "]".repeat(depth) + "}\n");
        Path criteria = Files.writeString(dir.resolve("relative.yaml"),
                "failureCriteria:\n  - p95(response_time_ms) > +10%\n");
        Path results = new JtlWriter().row(JtlWriter.T0, 100, "Home", true).row(JtlWriter.T0 + 1000, 100, "Home", true)
                .write(dir.resolve("small.jtl"));
        CliProcess.Result run = CliProcess.run(dir, List.of("-Xss160k"), Map.of(), "evaluate", "--criteria",
                criteria.toString(), "--reference", reference.toString(), results.toString());
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCode.INTERNAL.code());
        assertThat(run.err()).as(run.toString()).startsWith("cvkit: internal error: stack overflow: ")
                .contains("-Xss").doesNotContain("\tat ", "Exception in thread");
    }
}
