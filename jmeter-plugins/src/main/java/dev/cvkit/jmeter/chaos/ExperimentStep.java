package dev.cvkit.jmeter.chaos;

import java.util.List;

/**
 * A step of an experiment: steps run one after another; a step's branches run in parallel.
 *
 * @param name the step name
 * @param branches the branches
 */
public record ExperimentStep(String name, List<ExperimentBranch> branches) {

    public ExperimentStep {
        branches = List.copyOf(branches);
    }
}
