package dev.cvkit.evaluator.cli;

import dev.cvkit.evaluator.jtl.ReadingOptions;
import dev.cvkit.evaluator.jtl.ResultsReader;
import dev.cvkit.evaluator.report.ConsoleStatsTable;
import dev.cvkit.evaluator.stats.RunStats;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cvkit stats}: the statistics of JMeter results, per label and overall, without criteria. */
@Command(
        name = "stats",
        mixinStandardHelpOptions = true,
        description = {
            "Prints statistics of JMeter results per label and overall: count, error %%, mean and p50/p90/p95/p99"
                + " of elapsed (ms, nearest-rank), requests per second. Overall counts requests only:"
                + " transaction-controller, sub-result and cvkit marker rows are left out.",
            "Exit code 0; 2 for a usage error; 3 when the results cannot be read or hold no request to count."
        })
final class StatsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ReadingOptions reading;

    @Parameters(arity = "1..*", paramLabel = "RESULTS",
            description = "JTL files (CSV or XML), directories (every *.jtl and *.csv inside) or ALT results.zip archives.")
    List<String> results;

    @Override
    public Integer call() {
        RunStats stats = new ResultsReader().read(results, reading, spec.commandLine().getErr());
        ConsoleStatsTable.print(stats, spec.commandLine().getOut());
        return ExitCode.PASS.code();
    }
}
