package dev.cvkit.sandbox.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code cvkit} (sandbox verbs): lists them when called without one. */
@Command(name = "cvkit", mixinStandardHelpOptions = true,
        description = {"Local sandbox verbs of cvkit: the demo shop, the Chaos Studio emulator, JMeter's GUI, the demo.", ""},
        subcommands = {SandboxCommand.class, GuiCommand.class, DemoCommand.class})
final class SandboxRootCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
