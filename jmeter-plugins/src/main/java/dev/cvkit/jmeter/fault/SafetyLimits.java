package dev.cvkit.jmeter.fault;

import dev.cvkit.jmeter.chaos.Experiment;
import dev.cvkit.jmeter.chaos.ExperimentAction;
import dev.cvkit.jmeter.chaos.ExperimentBranch;
import dev.cvkit.jmeter.chaos.ExperimentId;
import dev.cvkit.jmeter.chaos.ExperimentStep;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What an experiment must satisfy before a cvkit element starts it:
 * <ul>
 *   <li>its resource ID matches the allow-list pattern, when one is set (whole-ID match);</li>
 *   <li>every action is duration-bounded: {@code continuous} and {@code delay} actions carry an ISO-8601
 *       {@code duration}; a {@code discrete} action runs once and counts as zero; anything else is refused;</li>
 *   <li>its total duration does not exceed the maximum: steps run one after another, a step lasts as long as
 *       its longest branch, a branch as long as the sum of its actions.</li>
 * </ul>
 *
 * @param maxTotalDuration the longest experiment allowed
 * @param allowedIds the allow-list pattern of experiment resource IDs, or null for none
 */
public record SafetyLimits(Duration maxTotalDuration, Pattern allowedIds) {

    public SafetyLimits {
        if (maxTotalDuration == null || maxTotalDuration.isNegative() || maxTotalDuration.isZero()) {
            throw new IllegalArgumentException("the maximum fault duration must be positive, got " + maxTotalDuration);
        }
    }

    /** Why the ID is refused by the allow-list, or empty when it is allowed. */
    public Optional<String> refusal(ExperimentId experiment) {
        if (allowedIds == null || allowedIds.matcher(experiment.resourceId()).matches()) {
            return Optional.empty();
        }
        return Optional.of("experiment " + experiment.resourceId() + " does not match the allow-list pattern '"
                + allowedIds.pattern() + "'");
    }

    /** Why the experiment's definition is refused, or empty when it is within the limits. */
    public Optional<String> refusal(Experiment experiment) {
        if (experiment.steps().stream().allMatch(step -> step.branches().stream()
                .allMatch(branch -> branch.actions().isEmpty()))) {
            return Optional.of("experiment " + experiment.name() + " has no actions");
        }
        Duration total = Duration.ZERO;
        for (ExperimentStep step : experiment.steps()) {
            Duration longestBranch = Duration.ZERO;
            for (ExperimentBranch branch : step.branches()) {
                Duration branchTotal = Duration.ZERO;
                for (ExperimentAction action : branch.actions()) {
                    Optional<Duration> duration = boundedDuration(action);
                    if (duration.isEmpty()) {
                        return Optional.of("action " + action.name() + " (type " + action.type() + ") in step "
                                + step.name() + " branch " + branch.name() + " is not duration-bounded"
                                + (action.rawDuration() == null ? "" : " (duration '" + action.rawDuration() + "')"));
                    }
                    branchTotal = branchTotal.plus(duration.get());
                }
                if (branchTotal.compareTo(longestBranch) > 0) {
                    longestBranch = branchTotal;
                }
            }
            total = total.plus(longestBranch);
        }
        if (total.compareTo(maxTotalDuration) > 0) {
            return Optional.of("experiment " + experiment.name() + " lasts " + total.toSeconds()
                    + " s in total, more than the maximum of " + maxTotalDuration.toSeconds() + " s");
        }
        return Optional.empty();
    }

    /** The total duration of a bounded experiment (for logs); empty when it is not bounded. */
    public static Optional<Duration> totalDuration(Experiment experiment) {
        SafetyLimits unlimited = new SafetyLimits(Duration.ofDays(365_000), null);
        if (unlimited.refusal(experiment).isPresent()) {
            return Optional.empty();
        }
        Duration total = Duration.ZERO;
        for (ExperimentStep step : experiment.steps()) {
            total = total.plus(step.branches().stream()
                    .map(branch -> branch.actions().stream().map(a -> boundedDuration(a).orElse(Duration.ZERO))
                            .reduce(Duration.ZERO, Duration::plus))
                    .max(Duration::compareTo).orElse(Duration.ZERO));
        }
        return Optional.of(total);
    }

    private static Optional<Duration> boundedDuration(ExperimentAction action) {
        String type = action.type() == null ? "" : action.type().trim().toLowerCase(Locale.ROOT);
        switch (type) {
            case "continuous":
            case "delay":
                return action.duration();
            case "discrete":
                return Optional.of(Duration.ZERO);
            default:
                return Optional.empty();
        }
    }
}
