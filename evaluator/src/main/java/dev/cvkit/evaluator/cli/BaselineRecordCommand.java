package dev.cvkit.evaluator.cli;

import dev.cvkit.evaluator.InvalidInputException;
import dev.cvkit.evaluator.analysis.AnalysisRequest;
import dev.cvkit.evaluator.analysis.PhaseStats;
import dev.cvkit.evaluator.analysis.RunAnalysis;
import dev.cvkit.evaluator.phases.DurationText;
import dev.cvkit.evaluator.phases.FaultWindowOption;
import dev.cvkit.evaluator.phases.Warmup;
import dev.cvkit.evaluator.jtl.ReadingOptions;
import dev.cvkit.evaluator.reference.PhaseSummary;
import dev.cvkit.evaluator.reference.ReferenceFile;
import dev.cvkit.evaluator.reference.ReferenceJson;
import dev.cvkit.evaluator.reference.ReferenceRun;
import dev.cvkit.evaluator.reference.ReferenceSummarizer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;
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
            "Writes a small, versioned JSON file: per phase (the whole run is 'all';",
            "before, during and after the fault too when the results have fault markers",
            "or --fault-window is given), the overall and per-label counts, errors, time",
            "span, requests per second and histograms of response time, latency and",
            "connect time; never the raw rows, so its size does not grow with the rows.",
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

    @Option(names = "--fault-window", paramLabel = "START/END", converter = EvaluateCommand.FaultWindowConverter.class,
            description = {"The fault window, as for cvkit evaluate (instead of the fault markers)."})
    List<FaultWindowOption> faultWindows = new ArrayList<>();

    @Option(names = "--warmup", paramLabel = "DURATION|auto", converter = WarmupConverter.class,
            description = {"Leave out the warm-up, as the criteria file's warmup: does in cvkit evaluate",
                "(e.g. 60s, or auto: until the thread count reaches its plateau)."})
    Warmup warmup = Warmup.NONE;

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
        AnalysisRequest request = AnalysisRequest.defaults().withFaultWindows(faultWindows).withWarmup(warmup)
                .overTime(AnalysisRequest.OverTime.NEVER);
        RunAnalysis stats = services.results().analyze(results, reading, request, err);
        if (stats.overall().count() == 0) {
            throw new InvalidInputException(String.join(", ", results), 0,
                    "zero counted samples: there is nothing to record (only transaction, sub-result or marker rows?)");
        }
        PhaseSummary whole = ReferenceSummarizer.summarize(stats);
        Map<String, PhaseSummary> phases = new LinkedHashMap<>();
        phases.put(ReferenceRun.WHOLE_RUN, whole);
        for (PhaseStats p : stats.phases()) {
            phases.put(p.phase().yamlName(), ReferenceSummarizer.summarize(p));
        }
        ReferenceRun run = new ReferenceRun(services.clock().instant().truncatedTo(ChronoUnit.SECONDS), new VersionProvider().getVersion()[0],
                results, phases);
        try {
            ReferenceFile.write(run, this.out);
        } catch (IOException e) {
            throw new UsageException("cannot write the --out file " + this.out + ": " + e);
        }
        out.println("Recorded reference run " + this.out + " (format " + ReferenceJson.FORMAT + " version "
                + ReferenceJson.VERSION + "): " + (phases.size() == 1 ? "phase '" + ReferenceRun.WHOLE_RUN + "'"
                        : "phases " + String.join(", ", phases.keySet().stream().map(p -> "'" + p + "'").toList()))
                + ", " + whole.overall().count()
                + " requests in overall, " + whole.labels().size() + " label" + (whole.labels().size() == 1 ? "" : "s")
                + ", from " + String.join(", ", results));
        out.flush();
        return ExitCode.PASS.code();
    }

    /** {@code --warmup}: a duration, {@code auto} or {@code none}; anything else is a usage error (exit 2). */
    static final class WarmupConverter implements ITypeConverter<Warmup> {
        @Override
        public Warmup convert(String value) {
            String v = value.strip();
            if (v.equalsIgnoreCase("auto")) {
                return Warmup.auto();
            }
            if (v.equalsIgnoreCase("none")) {
                return Warmup.NONE;
            }
            Duration d = DurationText.parse(v);
            if (d == null) {
                throw new TypeConversionException("--warmup '" + value + "': expected " + DurationText.expected(v)
                        + ", auto or none");
            }
            return d.isZero() ? Warmup.NONE : Warmup.of(d.toMillis());
        }
    }
}
