package dev.cvkit.jmeter.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cvkit.jmeter.testing.EmulatorFixture;
import dev.cvkit.jmeter.testing.InProcessJMeter;
import dev.cvkit.jmeter.testing.Plans;
import dev.cvkit.sandbox.chaos.ArmOperation;
import dev.cvkit.sandbox.chaos.ChaosStudioEmulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The custom role {@code ci/azure/chaos-experiment-runner.role.json} allows every call the elements make: the
 * emulator's journal of whole plans in the real JMeter engine (samplers, schedule, a Stop mid-fault that the
 * guard ends) is mapped to the Azure RBAC actions of Chaos Studio. The elements never read the ARM operation
 * URLs ({@code Azure-AsyncOperation} / {@code Location}: {@code Microsoft.Chaos/locations/operationStatuses/read},
 * subscription-scoped, which a role assigned on the experiment could not grant): they follow the execution's own
 * status instead, and this test fails if that changes.
 */
class RoleCoversEveryCallTest {

    private static final Map<ArmOperation, String> ACTIONS = new EnumMap<>(Map.of(
            ArmOperation.GET_EXPERIMENT, "Microsoft.Chaos/experiments/read",
            ArmOperation.START, "Microsoft.Chaos/experiments/start/action",
            ArmOperation.CANCEL, "Microsoft.Chaos/experiments/cancel/action",
            ArmOperation.LIST_EXECUTIONS, "Microsoft.Chaos/experiments/executions/read",
            ArmOperation.GET_EXECUTION, "Microsoft.Chaos/experiments/executions/read",
            ArmOperation.GET_EXECUTION_DETAILS, "Microsoft.Chaos/experiments/executions/getExecutionDetails/action"));

    @TempDir
    Path directory;

    private static Set<String> roleActions() throws Exception {
        String role = Files.readString(Path.of("..", "ci", "azure", "chaos-experiment-runner.role.json"));
        Matcher actions = Pattern.compile("\"Actions\"\\s*:\\s*\\[([^\\]]*)\\]").matcher(role);
        assertThat(actions.find()).as("an Actions list in the role").isTrue();
        return Pattern.compile("\"([^\"]+)\"").matcher(actions.group(1)).results().map(m -> m.group(1))
                .collect(Collectors.toSet());
    }

    @Test
    void everyCallOfTheElementsIsAllowedByTheCustomRole() throws Exception {
        Set<String> role = roleActions();
        ChaosStudioEmulator.Builder fast = ChaosStudioEmulator.builder().startupLatency(Duration.ofMillis(200))
                .cancelLatency(Duration.ofMillis(100)).retryAfter(Duration.ZERO);
        Set<ArmOperation> made = EnumSet.noneOf(ArmOperation.class);
        try (EmulatorFixture chaos = new EmulatorFixture(fast, "PT60S")) {
            InProcessJMeter.run(new Plans("samplers").config(EmulatorFixture.configFields())
                    .faultControl(true, 500, true).load(1, 2, 20), directory.resolve("samplers.jtl"),
                    Duration.ofSeconds(60), chaos.properties(), null);
            InProcessJMeter.run(new Plans("schedule").config(EmulatorFixture.configFields()).schedule("0.2", "0.5")
                    .load(1, 2, 20), directory.resolve("schedule.jtl"), Duration.ofSeconds(60), chaos.properties(), null);
            chaos.emulator().journal().entries().forEach(entry -> made.add(entry.operation()));
        }
        try (EmulatorFixture chaos = new EmulatorFixture(fast, "PT60S")) {
            InProcessJMeter.run(new Plans("stopped").config(EmulatorFixture.configFields())
                    .faultControl(true, 30_000, true).load(1, 60, 20), directory.resolve("stopped.jtl"),
                    Duration.ofSeconds(60), chaos.properties(), engine -> {
                        try {
                            chaos.awaitRunning(Duration.ofSeconds(20));
                        } catch (Exception e) {
                            throw new AssertionError(e);
                        }
                        engine.stop();
                    });
            chaos.emulator().journal().entries().forEach(entry -> made.add(entry.operation()));
        }
        made.remove(ArmOperation.GET_TOKEN); // the identity endpoint, not Resource Manager
        assertThat(made).as("calls made").contains(ArmOperation.GET_EXPERIMENT, ArmOperation.START,
                ArmOperation.CANCEL, ArmOperation.LIST_EXECUTIONS, ArmOperation.GET_EXECUTION);
        assertThat(made).as("calls no role action is listed for").isSubsetOf(ACTIONS.keySet());
        for (ArmOperation operation : made) {
            assertThat(role).as("the role allows " + operation).contains(ACTIONS.get(operation));
        }
        // The failure reason of an execution that failed before running comes from getExecutionDetails.
        assertThat(role).contains(ACTIONS.get(ArmOperation.GET_EXECUTION_DETAILS));
    }
}
