package dev.cvkit.jmeter.fault;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cvkit.jmeter.chaos.Experiment;
import dev.cvkit.jmeter.chaos.ExperimentAction;
import dev.cvkit.jmeter.chaos.ExperimentBranch;
import dev.cvkit.jmeter.chaos.ExperimentId;
import dev.cvkit.jmeter.chaos.ExperimentStep;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SafetyLimitsTest {

    private static ExperimentAction continuous(String duration) {
        return new ExperimentAction("urn:csci:microsoft:agent:cpuPressure/1.0", "continuous", duration);
    }

    private static Experiment experiment(ExperimentStep... steps) {
        return new Experiment("/x", "exp", List.of(steps));
    }

    private static ExperimentStep step(ExperimentBranch... branches) {
        return new ExperimentStep("s", List.of(branches));
    }

    private static ExperimentBranch branch(ExperimentAction... actions) {
        return new ExperimentBranch("b", List.of(actions));
    }

    @Test
    void stepsAddUpBranchesRunInParallelActionsInABranchAddUp() {
        Experiment experiment = experiment(
                step(branch(continuous("PT5M"), new ExperimentAction("urn:delay", "delay", "PT1M")),
                        branch(continuous("PT10M"))),
                step(branch(continuous("PT2M"), new ExperimentAction("urn:kill", "discrete", null))));
        // max(5+1, 10) + 2 = 12 minutes
        assertThat(SafetyLimits.totalDuration(experiment)).contains(Duration.ofMinutes(12));
        assertThat(new SafetyLimits(Duration.ofMinutes(12), null).refusal(experiment)).isEmpty();
        assertThat(new SafetyLimits(Duration.ofMinutes(11), null).refusal(experiment))
                .hasValueSatisfying(reason -> assertThat(reason).contains("lasts 720 s").contains("maximum of 660 s"));
    }

    @Test
    void aContinuousActionWithoutAReadableDurationIsRefused() {
        SafetyLimits limits = new SafetyLimits(Duration.ofHours(1), null);
        assertThat(limits.refusal(experiment(step(branch(continuous(null))))))
                .hasValueSatisfying(reason -> assertThat(reason).contains("is not duration-bounded"));
        assertThat(limits.refusal(experiment(step(branch(continuous("ten minutes"))))))
                .hasValueSatisfying(reason -> assertThat(reason).contains("duration 'ten minutes'"));
        assertThat(limits.refusal(experiment(step(branch(new ExperimentAction("urn:x", "mystery", null))))))
                .hasValueSatisfying(reason -> assertThat(reason).contains("type mystery"));
    }

    @Test
    void anExperimentWithoutActionsIsRefused() {
        assertThat(new SafetyLimits(Duration.ofHours(1), null).refusal(experiment(step(branch()))))
                .hasValueSatisfying(reason -> assertThat(reason).contains("has no actions"));
    }

    @Test
    void theAllowListMustMatchTheWholeResourceId() {
        ExperimentId id = ExperimentId.of("sub", "contoso-chaos", "contoso-stamp-failure");
        assertThat(new SafetyLimits(Duration.ofHours(1), Pattern.compile(".*/resourceGroups/contoso-chaos/.*"))
                .refusal(id)).isEmpty();
        assertThat(new SafetyLimits(Duration.ofHours(1), Pattern.compile("contoso")).refusal(id))
                .hasValueSatisfying(reason -> assertThat(reason).contains("does not match the allow-list pattern 'contoso'"));
        assertThat(new SafetyLimits(Duration.ofHours(1), null).refusal(id)).isEmpty();
    }
}
