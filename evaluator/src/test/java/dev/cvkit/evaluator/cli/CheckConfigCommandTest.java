package dev.cvkit.evaluator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckConfigCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return CvkitMain.run(new PrintWriter(out), new PrintWriter(err), args);
    }

    @Test
    void acceptedConfigurationExitsZero() throws Exception {
        Files.writeString(dir.resolve("plan.jmx"), "<jmeterTestPlan/>");
        Path config = Files.writeString(dir.resolve("config.yaml"), "testId: shop\ntestPlan: plan.jmx\nengineInstances: 1\n");
        assertThat(run("check-config", config.toString())).isZero();
        assertThat(out.toString()).isEqualTo(config + ": accepted\n");
    }

    @Test
    void anErrorExitsThreeAndNamesTheLine() throws Exception {
        Path config = Files.writeString(dir.resolve("config.yaml"), "testId: shop\ntestPlan: missing.jmx\n");
        assertThat(run("check-config", config.toString())).isEqualTo(3);
        assertThat(out.toString()).isEqualTo(config + ":2: error: testPlan 'missing.jmx' does not exist"
                + " (paths are relative to the configuration file's folder)\n");
        assertThat(run("check-config", "--no-file-check", config.toString())).isZero();
    }

    @Test
    void aMissingFileIsInvalidInputWithoutStackTrace() {
        assertThat(run("check-config", dir.resolve("nope.yaml").toString())).isEqualTo(3);
        assertThat(err.toString()).isEqualTo("cvkit: invalid input: " + dir.resolve("nope.yaml")
                + ": no such file (expected an ALT config.yaml)\n");
    }

    @Test
    void noArgumentIsAUsageError() {
        assertThat(run("check-config")).isEqualTo(2);
        assertThat(err.toString()).contains("Missing required parameter: 'CONFIG'");
    }
}
