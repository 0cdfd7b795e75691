package dev.cvkit.evaluator.cli;

import dev.cvkit.evaluator.ci.CiEnvironment;
import dev.cvkit.evaluator.gate.ResultsSource;
import dev.cvkit.evaluator.gate.StatsTable;
import dev.cvkit.evaluator.report.ConsoleStatsTable;
import java.time.Clock;
import java.util.Objects;

/**
 * What the commands need from outside themselves, injectable so that tests control the environment and
 * can judge statistics built in memory.
 *
 * @param environment the CI environment variables ({@code TF_BUILD}, {@code GITHUB_STEP_SUMMARY})
 * @param results     reads RESULTS into statistics
 * @param statsTable  prints the per-label statistics table
 * @param clock       time stamps of reports
 */
public record EvaluatorServices(CiEnvironment environment, ResultsSource results, StatsTable statsTable, Clock clock) {

    public EvaluatorServices {
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(results, "results");
        Objects.requireNonNull(statsTable, "statsTable");
        Objects.requireNonNull(clock, "clock");
    }

    /** The real environment, reader and table. */
    public static EvaluatorServices defaults() {
        return new EvaluatorServices(CiEnvironment.system(),
                ResultsSource.reader(),
                ConsoleStatsTable::print,
                Clock.systemUTC());
    }
}
