package dev.cvkit.evaluator.cli;

import dev.cvkit.evaluator.InvalidInputException;
import dev.cvkit.evaluator.jtl.ReadingOptions;
import dev.cvkit.evaluator.reference.PhaseSummary;
import dev.cvkit.evaluator.reference.ReferenceFile;
import dev.cvkit.evaluator.reference.ReferenceJson;
import dev.cvkit.evaluator.reference.ReferenceRun;
import dev.cvkit.evaluator.reference.ReferenceSummarizer;
import dev.cvkit.evaluator.stats.RunStats;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cvkit baseline record}: keeps a run's summary as the reference for relative criteria. */
@Command(
        name = "record",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Records JMeter results as the reference run for relative criteria.",
            "Relative criteria such as p95(response_time_ms) > +10%% compare with it",
            "in cvkit evaluate --reference FILE.",
            "Writes a small, versioned JSON file: per phase (the whole run is 'all'), the",
            "overall and per-label counts, errors, time span, requests per second and",
            "histograms of response time, latency and connect time; never the raw rows,",
            "so its size does not grow with the number of rows.",
            ""
        },
        footer = {
            "",
            "Exit codes: 0 recorded, 2 usage error (or --out cannot be written),",
            "3 unreadable or invalid results (or zero counted samples), 4 internal error."
        })
final class BaselineRecordCommand implements Callable<Integer> {

    private final EvaluatorServices services;

    @Spec
    CommandSpec spec;

    @Option(names = "--results", required = true, arity = "1..*", paramLabel = "RESULTS",
            description = "JTL files, directories or results.zip archives of the run to record.")
    List<String> results;

    @Option(names = "--out", required = true, paramLabel = "FILE",
            description = "Where to write the reference, e.g. baselines/normal/reference.json (replaced if it exists).")
    Path out;

    @Mixin
    ReadingOptions reading;

    BaselineRecordCommand(EvaluatorServices services) {
        this.services = services;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (Files.isDirectory(this.out)) {
            throw new UsageException("--out " + this.out + " is a directory: name the reference file, e.g. "
                    + this.out.resolve("reference.json"));
        }
        RunStats stats = services.results().read(results, reading, err);
        if (stats.overall().count() == 0) {
            throw new InvalidInputException(String.join(", ", results), 0,
                    "zero counted samples: there is nothing to record (only transaction, sub-result or marker rows?)");
        }
        PhaseSummary whole = ReferenceSummarizer.summarize(stats);
        ReferenceRun run = new ReferenceRun(services.clock().instant().truncatedTo(ChronoUnit.SECONDS), new VersionProvider().getVersion()[0],
                results, Map.of(ReferenceRun.WHOLE_RUN, whole));
        try {
            ReferenceFile.write(run, this.out);
        } catch (IOException e) {
            throw new UsageException("cannot write the --out file " + this.out + ": " + e);
        }
        out.println("Recorded reference run " + this.out + " (format " + ReferenceJson.FORMAT + " version "
                + ReferenceJson.VERSION + "): phase '" + ReferenceRun.WHOLE_RUN + "', " + whole.overall().count()
                + " requests in overall, " + whole.labels().size() + " label" + (whole.labels().size() == 1 ? "" : "s")
                + ", from " + String.join(", ", results));
        out.flush();
        return ExitCode.PASS.code();
    }
}
