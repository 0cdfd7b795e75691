package dev.cvkit.evaluator.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code cvkit}: lists the verbs when called without one. */
@Command(
        name = "cvkit",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Continuous validation gate: reads JMeter results (JTL) and judges them against baselines.",
            ""
        },
        subcommands = {EvaluateCommand.class, StatsCommand.class, BaselineCommand.class, CheckConfigCommand.class},
        footer = {
            "",
            "Exit codes:",
            "  0  pass (warnings allowed)",
            "  1  a failure criterion holds",
            "  2  usage error",
            "  3  unreadable or invalid input (results or criteria), or zero counted samples",
            "  4  internal error (run again with --debug and report it)"
        })
public final class RootCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
