package dev.cvkit.evaluator.cli;

import dev.cvkit.evaluator.InvalidInputException;
import dev.cvkit.evaluator.alt.AltConfigValidator;
import dev.cvkit.evaluator.alt.ConfigFinding;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cvkit check-config}: would Azure Load Testing accept these test configurations? */
@Command(
        name = "check-config",
        mixinStandardHelpOptions = true,
        description = {
            "Checks Azure Load Testing test configurations (config.yaml) against the keys and rules ALT accepts,",
            "and that the files they name exist, so a pipeline fails before it uploads a broken test.",
            "Exit code 0 when every file is accepted (warnings allowed), 3 when any has an error."
        })
final class CheckConfigCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--no-file-check", description = "Do not check that the test plan and other named files exist.")
    boolean noFileCheck;

    @Option(names = "--debug", description = "Print stack traces of unexpected errors.")
    boolean debug;

    @Parameters(arity = "1..*", paramLabel = "CONFIG", description = "ALT test configuration files (YAML).")
    List<Path> configs;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        AltConfigValidator validator = new AltConfigValidator(!noFileCheck);
        int errors = 0;
        for (Path config : configs) {
            if (!Files.isRegularFile(config)) {
                throw new InvalidInputException(config, 0, "no such file (expected an ALT config.yaml)");
            }
            List<ConfigFinding> findings = validator.validate(config);
            findings.forEach(out::println);
            long fileErrors = findings.stream().filter(ConfigFinding::isError).count();
            errors += (int) fileErrors;
            if (fileErrors == 0) {
                out.println(config + ": accepted" + (findings.isEmpty() ? "" : " with " + findings.size() + " warning(s)"));
            }
        }
        out.flush();
        return errors == 0 ? ExitCode.PASS.code() : ExitCode.INVALID_INPUT.code();
    }
}
