package dev.cvkit.evaluator.cli;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code cvkit}: lists the verbs when called without one. The verbs are {@link #VERBS}, registered by
 * {@link CvkitMain} (all of them, or only the one a command line names).
 */
@Command(
        name = "cvkit",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Continuous validation gate: reads JMeter results (JTL) and judges them against baselines.",
            ""
        },
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

    /** The verb subcommands, in the order the usage lists them. */
    static final List<Class<?>> VERBS =
            List.of(EvaluateCommand.class, StatsCommand.class, BaselineCommand.class, CheckConfigCommand.class);

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
