package dev.cvkit.evaluator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cvkit.evaluator.testing.CliProcess;
import dev.cvkit.evaluator.testing.JtlWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rows {@code --lenient} skipped never leave a plain pass when they could hide what the criteria judge: the real
 * CLI warns when they are more than 1% of the rows or at least as many as the failures counted, fails above 50%,
 * and names the first skipped row; a few skipped rows among many failures leave the verdict alone.
 */
class LenientSkipsTest {

    @TempDir
    static Path dir;

    private static Path criteria;

    @BeforeAll
    static void writeTheCriteria() throws IOException {
        criteria = Files.writeString(dir.resolve("criteria.yaml"), "failureCriteria:\n  - percentage(error) > 20\n");
    }

    /** {@code rows} rows, {@code failed} of them failing, then {@code malformed} rows whose elapsed is not a number. */
    private static Path results(String name, int rows, int failed, int malformed) throws IOException {
        JtlWriter w = new JtlWriter();
        for (int i = 0; i < rows; i++) {
            w.row(JtlWriter.T0 + i * 100L, 100, "Home", i >= failed);
        }
        for (int i = 0; i < malformed; i++) {
            w.raw(JtlWriter.T0 + ",slow,Home,500,Error,Shoppers 1-1,text,false,Error,1,1,1,1,u,1,0,0");
        }
        return w.write(dir.resolve(name));
    }

    private static CliProcess.Result evaluate(Path results, Map<String, String> env) throws Exception {
        return CliProcess.run(dir, List.of(), env, "evaluate", "--lenient", "--criteria", criteria.toString(),
                "--json", dir.resolve(results.getFileName() + ".json").toString(), results.toString());
    }

    private static String verdict(Path results) throws IOException {
        JsonNode json = new ObjectMapper().readTree(dir.resolve(results.getFileName() + ".json").toFile());
        return json.path("verdict").asText();
    }

    @Test
    void oneSkippedRowWhereNoneFailedWarns() throws Exception {
        Path results = results("one-skipped.jtl", 500, 0, 1);
        CliProcess.Result run = evaluate(results, Map.of("TF_BUILD", "True"));
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).as(run.toString()).contains("Verdict: WARN (1 warned, 1 passed)")
                .contains("WARN     warn  rows skipped by --lenient")
                .contains("1 of 501 rows skipped as malformed, the first at " + results
                        + ":502; at least as many as the 0 failed request(s) counted")
                .contains("##vso[task.complete result=SucceededWithIssues;]");
        assertThat(verdict(results)).isEqualTo("warn");
    }

    @Test
    void moreThanOnePercentSkippedWarns() throws Exception {
        Path results = results("two-percent.jtl", 490, 49, 10);
        CliProcess.Result run = evaluate(results, Map.of());
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).as(run.toString()).contains("Verdict: WARN", "10 of 500 rows skipped",
                "more than 1% of the rows");
        assertThat(verdict(results)).isEqualTo("warn");
    }

    @Test
    void mostRowsSkippedFails() throws Exception {
        Path results = results("most-skipped.jtl", 10, 0, 20);
        CliProcess.Result run = evaluate(results, Map.of());
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCode.FAIL.code());
        assertThat(run.out()).as(run.toString()).contains("Verdict: FAIL", "FAIL     fail  rows skipped by --lenient",
                "20 of 30 rows skipped", "more than 50% of the rows");
        assertThat(verdict(results)).isEqualTo("fail");
    }

    @Test
    void aFewSkippedRowsAmongManyFailuresLeaveTheVerdictAlone() throws Exception {
        Path results = results("few-skipped.jtl", 1000, 100, 3);
        CliProcess.Result run = evaluate(results, Map.of());
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).as(run.toString()).contains("Verdict: PASS (1 passed)").doesNotContain("rows skipped by");
        assertThat(run.err()).contains("--lenient skipped 3 malformed rows");
        assertThat(verdict(results)).isEqualTo("pass");
    }
}
