package dev.cvkit.evaluator.testing;

import dev.cvkit.evaluator.ci.CiEnvironment;
import dev.cvkit.evaluator.cli.CvkitMain;
import dev.cvkit.evaluator.cli.EvaluatorServices;
import dev.cvkit.evaluator.gate.ResultsSource;
import dev.cvkit.evaluator.report.ConsoleStatsTable;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * {@code cvkit} run in-process with the real reader and stats table, no CI environment and a fixed clock
 * (2026-01-02T03:04:05Z, so reports are reproducible): its exit code and what it wrote.
 */
public final class InProcessCli {

    /** The exit code and the text written to stdout and stderr. */
    public record Result(int code, String out, String err) {
    }

    private InProcessCli() {
    }

    public static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        EvaluatorServices services = new EvaluatorServices(CiEnvironment.of(Map.of()), ResultsSource.reader(),
                ConsoleStatsTable::print, Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC));
        int code = CvkitMain.run(new PrintWriter(out, true), new PrintWriter(err, true), services, args);
        return new Result(code, out.toString(), err.toString());
    }
}
