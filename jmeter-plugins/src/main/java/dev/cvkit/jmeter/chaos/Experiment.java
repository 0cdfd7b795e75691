package dev.cvkit.jmeter.chaos;

import dev.cvkit.jmeter.chaos.implementation.JsonTree;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Chaos Studio experiment as {@code GET .../experiments/{name}} returns it: what the safety limits need
 * (the steps, branches and actions), not the selectors or identity.
 *
 * @param id the resource ID as returned
 * @param name the experiment name
 * @param steps the steps, in order
 */
public record Experiment(String id, String name, List<ExperimentStep> steps) {

    public Experiment {
        steps = List.copyOf(steps);
    }

    /** Reads the JSON body of an experiment resource. */
    public static Experiment fromJson(byte[] json) throws IOException {
        Map<String, Object> root = JsonTree.parseObject(json, "experiment");
        List<ExperimentStep> steps = new ArrayList<>();
        for (Map<String, Object> step : JsonTree.objects(JsonTree.object(root, "properties"), "steps")) {
            List<ExperimentBranch> branches = new ArrayList<>();
            for (Map<String, Object> branch : JsonTree.objects(step, "branches")) {
                List<ExperimentAction> actions = new ArrayList<>();
                for (Map<String, Object> action : JsonTree.objects(branch, "actions")) {
                    actions.add(new ExperimentAction(JsonTree.string(action, "name"), JsonTree.string(action, "type"),
                            JsonTree.string(action, "duration")));
                }
                branches.add(new ExperimentBranch(JsonTree.string(branch, "name"), actions));
            }
            steps.add(new ExperimentStep(JsonTree.string(step, "name"), branches));
        }
        return new Experiment(JsonTree.string(root, "id"), JsonTree.string(root, "name"), steps);
    }
}
