package dev.cvkit.ci;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cvkit.ci.support.Checkout;
import dev.cvkit.ci.support.ScriptRun;
import dev.cvkit.ci.support.ScriptRun.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ci/scripts/experiment-guard.sh against a stand-in for the Azure CLI on PATH: it records each call and answers
 * {@code az rest} with the executions a test sets (name and status, tab-separated, as {@code --output tsv} prints).
 */
class ExperimentGuardScriptTest {

    private static final String EXPERIMENT_ID =
            "/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg-shop/providers/Microsoft.Chaos/experiments/contoso-stamp-failure";

    private static final String FAKE_AZ = """
            #!/usr/bin/env bash
            # Stand-in for the Azure CLI: logs its arguments, answers az rest from files in $FAKE_AZ_DIR.
            echo "$*" >> "$FAKE_AZ_DIR/calls"
            case "$*" in
              *"--method get"*)
                [ ! -f "$FAKE_AZ_DIR/get-fails" ] || { echo "ERROR: Forbidden" >&2; exit 1; }
                n=$(( $(cat "$FAKE_AZ_DIR/gets" 2>/dev/null || echo 0) + 1 ))
                echo "$n" > "$FAKE_AZ_DIR/gets"
                # after-cancel answers once a cancel was posted, or after switch-after looks (an execution ending alone).
                if [ -f "$FAKE_AZ_DIR/after-cancel" ] && { [ -f "$FAKE_AZ_DIR/cancelled" ] \
                    || [ "$n" -gt "$(cat "$FAKE_AZ_DIR/switch-after" 2>/dev/null || echo 999)" ]; }; then
                  cat "$FAKE_AZ_DIR/after-cancel"
                else
                  cat "$FAKE_AZ_DIR/listing"
                fi ;;
              *"--method post"*)
                [ ! -f "$FAKE_AZ_DIR/post-fails" ] || { echo "ERROR: Conflict" >&2; exit 1; }
                touch "$FAKE_AZ_DIR/cancelled" ;;
              *) echo "fake az: unexpected call: $*" >&2; exit 2 ;;
            esac
            """;

    @TempDir
    Path dir;

    Path fake;
    Path properties;

    @BeforeEach
    void setUp() throws IOException {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path az = Files.writeString(bin.resolve("az"), FAKE_AZ);
        Files.setPosixFilePermissions(az, PosixFilePermissions.fromString("rwxr-xr-x"));
        fake = Files.createDirectories(dir.resolve("az-state"));
        properties = Files.writeString(dir.resolve("azure.properties"),
                "target.url=https://shop.example\nchaos.experiment.contoso-stamp-failure = " + EXPERIMENT_ID + "\n");
    }

    private void executions(String... lines) throws IOException {
        Files.writeString(fake.resolve("listing"), String.join("\n", lines) + (lines.length > 0 ? "\n" : ""));
    }

    private ScriptRun guard(String mode) {
        return ScriptRun.of(Checkout.path("ci/scripts/experiment-guard.sh").toString(), mode, "contoso-stamp-failure")
                .env("PATH", dir.resolve("bin") + ":" + System.getenv("PATH"))
                .env("FAKE_AZ_DIR", fake.toString())
                .env("CVKIT_PROPERTIES", properties.toString())
                .env("CVKIT_GUARD_POLL_SECONDS", "1")
                .env("CVKIT_GUARD_TIMEOUT_SECONDS", "3");
    }

    private List<String> calls() throws IOException {
        Path calls = fake.resolve("calls");
        return Files.exists(calls) ? Files.readAllLines(calls) : List.of();
    }

    @Test
    void checkPassesWhenEveryExecutionHasEnded() throws Exception {
        executions("e2\tSuccess", "e1\tCancelled", "e0\tfailed");

        Result result = guard("check").run(dir.resolve("out"));

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(calls()).singleElement().asString()
                .contains("rest --method get --url https://management.azure.com" + EXPERIMENT_ID + "/executions?api-version=2025-01-01");
    }

    @Test
    void checkFailsWhenAnExecutionIsRunning() throws Exception {
        executions("e3\tRunning", "e2\tSuccess");

        Result result = guard("check").env("TF_BUILD", "True").run(dir.resolve("out"));

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).startsWith("##vso[task.logissue type=error;]").contains("contoso-stamp-failure is already running", "e3");
    }

    /**
     * Execution names and statuses come from Azure: one that holds a logging command, a '%' escape or a terminal
     * sequence gives one issue line, cvkit's, with the text shown, escaped as each system's command data must be.
     */
    @Test
    void executionTextNeverBecomesACommand() throws Exception {
        executions("##vso[task.setvariable variable=gate]pass\tRunning 100%0A::error::x \u001b[31m");
        for (String system : new String[] {"TF_BUILD", "GITHUB_ACTIONS"}) {
            Result result = guard("check").env(system, "true").run(dir.resolve("out-" + system));

            assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
            List<String> lines = result.out().lines().toList();
            assertThat(lines).as(result.toString()).hasSize(1);
            String line = lines.get(0);
            assertThat(line).startsWith(system.equals("TF_BUILD")
                    ? "##vso[task.logissue type=error;]cvkit experiment guard: "
                    : "::error title=cvkit experiment guard::");
            assertThat(line.indexOf("##", 2)).as(line).isNegative();
            assertThat(line).doesNotContain("\u001b").contains("#\\x23vso[task.setvariable variable=gate]pass",
                    system.equals("TF_BUILD") ? "100%AZP250A::error::x ?[31m" : "100%250A::error::x ?[31m");
        }
    }

    @Test
    void cancelDoesNothingWhenThePluginsEndedTheFault() throws Exception {
        executions("e3\tCancelled");

        Result result = guard("cancel").run(dir.resolve("out"));

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(calls()).noneMatch(call -> call.contains("--method post"));
    }

    @Test
    void cancelEndsAnExecutionLeftRunningAndWarns() throws Exception {
        executions("e4\tRunning");
        Files.writeString(fake.resolve("after-cancel"), "e4\tCancelled\n");

        Result result = guard("cancel").env("GITHUB_ACTIONS", "true").run(dir.resolve("out"));

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).contains("::warning title=cvkit experiment guard::experiment contoso-stamp-failure was still active",
                "contoso-stamp-failure ended after");
        assertThat(calls()).anyMatch(call -> call.contains(
                "rest --method post --url https://management.azure.com" + EXPERIMENT_ID + "/cancel?api-version=2025-01-01"));
    }

    @Test
    void cancelWaitsForAnExecutionAlreadyCancelling() throws Exception {
        executions("e5\tCancelling");
        Files.writeString(fake.resolve("after-cancel"), "e5\tCancelled\n");
        // Already being cancelled (by the plugins): it ends on its own after the first look.
        Files.writeString(fake.resolve("switch-after"), "1");

        Result result = guard("cancel").run(dir.resolve("out"));

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).contains("ended after 1s");
        assertThat(calls()).hasSize(2).noneMatch(call -> call.contains("--method post"));
    }

    @Test
    void cancelFailsWhenTheExecutionDoesNotEnd() throws Exception {
        executions("e6\tRunning");

        Result result = guard("cancel").run(dir.resolve("out"));

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("still active 3s after the cancel");
    }

    @Test
    void cancelFailsWhenTheCancelIsRefused() throws Exception {
        executions("e7\tRunning");
        Files.writeString(fake.resolve("post-fails"), "");

        Result result = guard("cancel").run(dir.resolve("out"));

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("cancelling contoso-stamp-failure failed", "cancel/action");
    }

    @Test
    void executionsThatCannotBeListedFailTheStep() throws Exception {
        executions();
        Files.writeString(fake.resolve("get-fails"), "");

        Result result = guard("check").run(dir.resolve("out"));

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("cannot list the executions", "executions/read");
    }

    @Test
    void thePlaceholderSubscriptionIsRefusedBeforeAzureIsCalled() throws Exception {
        Files.writeString(properties, "chaos.experiment.contoso-stamp-failure="
                + EXPERIMENT_ID.replace("11111111-2222-3333-4444-555555555555", "00000000-0000-0000-0000-000000000000") + "\n");

        Result result = guard("check").run(dir.resolve("out"));

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.err()).contains("placeholder subscription");
        assertThat(calls()).isEmpty();
    }

    @Test
    void anExperimentThePropertiesDoNotNameIsMissingInput() throws Exception {
        Files.writeString(properties, "target.url=https://shop.example\n");

        Result result = guard("cancel").run(dir.resolve("out"));

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.err()).contains("has no chaos.experiment.contoso-stamp-failure");
        assertThat(calls()).isEmpty();
    }

    @Test
    void anUnknownModeIsAUsageError() throws Exception {
        Result result = ScriptRun.of(Checkout.path("ci/scripts/experiment-guard.sh").toString(), "start", "x").run(dir.resolve("out"));

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("usage:");
    }
}
