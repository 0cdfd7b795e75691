package dev.cvkit.evaluator.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code cvkit baseline}: groups the verbs that manage baselines; lists them when called alone. */
@Command(
        name = "baseline",
        mixinStandardHelpOptions = true,
        description = {"Manages baselines: reference runs that relative criteria compare against,",
            "such as p95(response_time_ms) > +10%% in cvkit evaluate --reference FILE.", ""},
        subcommands = {BaselineRecordCommand.class})
final class BaselineCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
