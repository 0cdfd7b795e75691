package dev.cvkit.jmeter.chaos;

import java.util.List;

/**
 * A branch of a step: its actions run one after another, in parallel with the step's other branches.
 *
 * @param name the branch name
 * @param actions the actions, in order
 */
public record ExperimentBranch(String name, List<ExperimentAction> actions) {

    public ExperimentBranch {
        actions = List.copyOf(actions);
    }
}
