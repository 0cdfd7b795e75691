package dev.cvkit.evaluator.ci;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cvkit.evaluator.criteria.CriteriaEvaluator;
import dev.cvkit.evaluator.criteria.CriteriaFileLoader;
import dev.cvkit.evaluator.criteria.Evaluation;
import dev.cvkit.evaluator.testing.InMemoryRunStats;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AzurePipelinesCommandsTest {

    private static Evaluation evaluate(String yaml) {
        var stats = InMemoryRunStats.builder().row("Home", 0, 100, true).row("Home", 1000, 300, false).build();
        return CriteriaEvaluator.evaluate(CriteriaFileLoader.load(new StringReader(yaml), "ci/gate;1].yaml"), stats);
    }

    @Test
    void failureAndWarningIssuesButNoCompleteOnFail() {
        List<String> lines = AzurePipelinesCommands.of(evaluate("""
                failureCriteria:
                  - max(response_time_ms) > 200
                warnCriteria:
                  - percentage(error) > 10
                """), List.of());
        assertThat(lines).containsExactly(
                "##vso[task.logissue type=error;sourcepath=ci/gate%3B1%5D.yaml;linenumber=2;]"
                        + "cvkit: criterion failed: max(response_time_ms) > 200 (actual 300 ms, threshold 200 ms)",
                "##vso[task.logissue type=warning;sourcepath=ci/gate%3B1%5D.yaml;linenumber=4;]"
                        + "cvkit: warning criterion holds: percentage(error) > 10 (actual 50%AZP25, threshold 10%AZP25)");
    }

    @Test
    void warnVerdictCompletesTheTaskWithIssues() {
        List<String> lines = AzurePipelinesCommands.of(evaluate("""
                failureCriteria:
                  - max(response_time_ms) > 1000
                warnCriteria:
                  - Home: p50(response_time_ms) >= 100
                """), List.of("a.jtl:9: truncated last line\nleft out"));
        assertThat(lines).containsExactly(
                "##vso[task.logissue type=warning;sourcepath=ci/gate%3B1%5D.yaml;linenumber=4;]"
                        + "cvkit: warning criterion holds: Home: p50(response_time_ms) >= 100 (actual 100 ms, threshold 100 ms)",
                "##vso[task.logissue type=warning;]cvkit: a.jtl:9: truncated last line\\nleft out",
                "##vso[task.complete result=SucceededWithIssues;]cvkit: verdict warn");
    }

    @Test
    void passLogsNothing() {
        assertThat(AzurePipelinesCommands.of(evaluate("failureCriteria:\n  - max(response_time_ms) > 1000\n"), List.of()))
                .isEmpty();
    }

    @Test
    void escaping() {
        // Line breaks in a message are input text (cvkit's own messages are one line): shown, never a second line.
        assertThat(AzurePipelinesCommands.escapeData("50% \r\n;]")).isEqualTo("50%AZP25 \\r\\n;]");
        assertThat(AzurePipelinesCommands.escapeData("x ##vso[task.complete result=Succeeded;]"))
                .isEqualTo("x #\\x23vso[task.complete result=Succeeded;]");
        assertThat(AzurePipelinesCommands.escapeProperty("a;b]c%")).isEqualTo("a%3Bb%5Dc%AZP25");
        assertThat(AzurePipelinesCommands.escapeProperty("a\nb")).isEqualTo("a\\nb");
    }

    @Test
    void environmentIsInjectable() {
        CiEnvironment env = CiEnvironment.of(Map.of("TF_BUILD", "True", "GITHUB_STEP_SUMMARY", " "));
        assertThat(env.azurePipelines()).isTrue();
        assertThat(env.githubStepSummary()).isEmpty();
        assertThat(CiEnvironment.of(Map.of()).azurePipelines()).isFalse();
    }
}
