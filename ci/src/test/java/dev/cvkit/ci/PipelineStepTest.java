package dev.cvkit.ci;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cvkit.ci.support.Checkout;
import dev.cvkit.ci.support.ScriptRun;
import dev.cvkit.ci.support.ScriptRun.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ci/rehearse/PipelineStep.java, compiled and run as ci/rehearse.sh does (snakeyaml from the evaluator jar). */
class PipelineStepTest {

    @TempDir
    static Path classes;

    @BeforeAll
    static void compile() {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int code = javac.run(null, null, null, "-nowarn", "-d", classes.toString(), "-cp", Checkout.evaluatorJar().toString(),
                Checkout.path("ci/rehearse/PipelineStep.java").toString());
        assertThat(code).as("javac ci/rehearse/PipelineStep.java").isZero();
    }

    private static final String AZURE = """
            steps:
              - bash: |
                  echo "$(date) ${{ parameters.greeting }} $(Build.BuildId)"
                  ci/scripts/gate.sh
                name: cvkit_gate
                workingDirectory: $(Build.SourcesDirectory)
                env:
                  CVKIT_SCENARIO: $(scenario)
                  CVKIT_RESULTS: $(System.DefaultWorkingDirectory)/loadTest/results.zip
              - bash: echo other
                name: other
            """;

    private static final String GITHUB = """
            jobs:
              gate:
                steps:
                  - id: cvkit-gate
                    shell: bash
                    env:
                      CVKIT_RUN_DIR: ${{ runner.temp }}/cvkit-run
                    run: echo "${{ matrix.scenario }} $(pwd)"
            """;

    @TempDir
    Path dir;

    private Result extract(String yaml, String step, String... vars) throws Exception {
        Path file = Files.writeString(dir.resolve("pipeline.yml"), yaml);
        List<String> command = new ArrayList<>(List.of("java", "-cp", Checkout.evaluatorJar() + ":" + classes, "PipelineStep",
                "--file", file.toString(), "--step", step, "--out", dir.resolve("out").toString()));
        for (String var : vars) {
            command.add("--var");
            command.add(var);
        }
        return ScriptRun.of(command.toArray(String[]::new)).run(dir.resolve("run"));
    }

    private String out(String name) throws Exception {
        return Files.readString(dir.resolve("out").resolve(name));
    }

    @Test
    void anAzurePipelinesStepWithItsExpressionsAndMacrosReplaced() throws Exception {
        Result result = extract(AZURE, "cvkit_gate", "parameters.greeting=hello", "Build.BuildId=42", "scenario=normal",
                "System.DefaultWorkingDirectory=/agent/s", "Build.SourcesDirectory=/repo");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        // $(date) is the shell's: no pipeline variable of that name, so it stays, as the agent leaves it.
        assertThat(out("script")).isEqualTo("echo \"$(date) hello 42\"\nci/scripts/gate.sh\n");
        assertThat(out("env")).isEqualTo("CVKIT_SCENARIO=normal\0CVKIT_RESULTS=/agent/s/loadTest/results.zip\0");
        assertThat(out("workdir")).isEqualTo("/repo");
        assertThat(out("kind")).isEqualTo("azure-pipelines");
    }

    @Test
    void aGithubActionsStep() throws Exception {
        Result result = extract(GITHUB, "cvkit-gate", "runner.temp=/tmp/runner", "matrix.scenario=spike");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(out("script")).isEqualTo("echo \"spike $(pwd)\"");
        assertThat(out("env")).isEqualTo("CVKIT_RUN_DIR=/tmp/runner/cvkit-run\0");
        assertThat(out("workdir")).isEmpty();
        assertThat(out("kind")).isEqualTo("github-actions");
    }

    @Test
    void anExpressionWithoutValueIsAnError() throws Exception {
        Result result = extract(GITHUB, "cvkit-gate", "runner.temp=/tmp/runner");

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.err()).contains("no rehearsal value for ${{ matrix.scenario }}");
    }

    @Test
    void aMacroWithoutValueInTheEnvironmentIsAnError() throws Exception {
        Result result = extract(AZURE, "cvkit_gate", "parameters.greeting=hello", "scenario=normal", "Build.SourcesDirectory=/repo");

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.err()).contains("env CVKIT_RESULTS", "$(System.DefaultWorkingDirectory)");
    }

    @Test
    void aStepThatIsNotThereOrThereTwiceIsAnError() throws Exception {
        assertThat(extract(AZURE, "cvkit_record").err()).contains("expected exactly one script step named 'cvkit_record'", "found 0");
        Result twice = extract(AZURE + AZURE.replace("steps:\n", ""), "other");
        assertThat(twice.exitCode()).isEqualTo(3);
        assertThat(twice.err()).contains("found 2");
    }
}
