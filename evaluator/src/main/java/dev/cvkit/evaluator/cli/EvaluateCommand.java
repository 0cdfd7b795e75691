package dev.cvkit.evaluator.cli;

import dev.cvkit.evaluator.text.LogLineWriter;
import dev.cvkit.evaluator.Futures;
import dev.cvkit.evaluator.InvalidInputException;
import dev.cvkit.evaluator.analysis.AnalysisRequest;
import dev.cvkit.evaluator.analysis.RunAnalysis;
import dev.cvkit.evaluator.ci.AzurePipelinesCommands;
import dev.cvkit.evaluator.criteria.CriteriaFileLoader;
import dev.cvkit.evaluator.criteria.CriteriaSet;
import dev.cvkit.evaluator.criteria.Evaluation;
import dev.cvkit.evaluator.criteria.Verdict;
import dev.cvkit.evaluator.gate.Gate;
import dev.cvkit.evaluator.gate.ReportFiles;
import dev.cvkit.evaluator.jtl.ReadingOptions;
import dev.cvkit.evaluator.phases.FaultWindowOption;
import dev.cvkit.evaluator.significance.Significance;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cvkit evaluate}: the pipeline gate. */
@Command(
        name = "evaluate",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Judges JMeter results against criteria in Azure Load Testing's failureCriteria",
            "syntax (an ALT config.yaml works as it is): prints the statistics, each",
            "criterion with actual value, threshold and outcome, and the verdict.",
            "RESULTS are JTL files (CSV or XML), directories (every *.jtl and *.csv",
            "inside) or ALT results.zip archives, merged into one timeline.",
            ""
        },
        footer = {
            "",
            "Criteria file (each criterion is a FAILURE condition, as in ALT):",
            "  failureCriteria:",
            "    - avg(response_time_ms) > 300",
            "    - GetCustomerDetails: p99(latency) > 800",
            "    - avg(requests_per_sec) < 10       # fails when below 10 per second",
            "  warnCriteria:                       # holding ones make the verdict warn",
            "    - percentage(error) > 1",
            "Criterion: [<label>: ]<aggregate>(<metric>) <op> <threshold>[, continue]",
            "  avg|min|max|pNN|pNN.N of response_time_ms|latency|connect_time_ms,",
            "  avg(requests_per_sec), count(requests), percentage(error); op > < >= <=.",
            "  A criterion naming a label that is not in the results fails.",
            "Relative criteria compare with --reference FILE and fail only when the",
            "change is beyond the threshold AND statistically significant (p < 0.05):",
            "    - p95(response_time_ms) > +10%%",
            "    - avg(requests_per_sec) < -10%%",
            "Fault phases (from the cvkit fault markers, or --fault-window):",
            "  warmup: 60s                          # or auto: until the threads plateau",
            "  recovery: {window: 10s, hold: 30s, tolerance: 20%%, errorTolerance: 1%%}",
            "  failureCriteria:",
            "    - p95(response_time_ms) > 2000 for 30s   # held for 30 s",
            "    - recovery_time_s(response_time_ms) > 60",
            "    - phases:",
            "        during: [percentage(error) > 20]",
            "        after: [p95(response_time_ms) > +10%%]",
            "",
            "TF_BUILD set (Azure Pipelines): failures and warnings are also logged as",
            "pipeline issues. GITHUB_STEP_SUMMARY set (GitHub Actions): the Markdown",
            "summary is appended to the job summary.",
            "",
            "Exit codes: 0 pass (warnings allowed), 1 a failure criterion holds,",
            "2 usage error, 3 unreadable or invalid results or criteria (or zero",
            "counted samples), 4 internal error."
        })
final class EvaluateCommand implements Callable<Integer> {

    private final EvaluatorServices services;

    @Spec
    CommandSpec spec;

    @Option(names = "--criteria", required = true, paramLabel = "FILE",
            description = "Criteria YAML: failureCriteria:/warnCriteria:, or an ALT config.yaml.")
    Path criteria;

    @Option(names = "--reference", paramLabel = "FILE",
            description = {"Reference run (./cvkit baseline record) for relative criteria such as",
                "p95(response_time_ms) > +10%%."})
    Path reference;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the verdict, statistics and criteria as JSON.")
    Path json;

    @Option(names = "--junit", paramLabel = "FILE",
            description = "Also write JUnit XML, one testcase per criterion (Azure DevOps and GitHub test tabs).")
    Path junit;

    @Option(names = "--markdown", paramLabel = "FILE", description = "Also write a Markdown summary for the pipeline.")
    Path markdown;

    @Option(names = "--html", paramLabel = "FILE",
            description = "Also write a self-contained HTML report: charts over time, fault windows shaded.")
    Path html;

    @Option(names = "--fault-window", paramLabel = "START/END", converter = FaultWindowConverter.class,
            description = {"The fault window, instead of the one the fault markers give (repeat for several):",
                "ISO-8601 instants with zone (2026-01-01T00:00:20Z), epoch ms, or offsets from",
                "the first sample (+60s/+2m30s)."})
    List<FaultWindowOption> faultWindows = new ArrayList<>();

    @Mixin
    ReadingOptions reading;

    @Parameters(arity = "1..*", paramLabel = "RESULTS", description = "JTL files, directories or results.zip archives.")
    List<String> results;

    EvaluateCommand(EvaluatorServices services) {
        this.services = services;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ReportFiles files = new ReportFiles(json, junit, markdown, html);
        refuseSameFileTwice(files);
        if (reference != null) {
            // Relative criteria's p-values need commons-math, whose classes (from the class archive) and tables
            // take a cold JVM a few ms of CPU to set up: done on the second core while this one reads the criteria
            // (a moment of the run when a core is free), not after the reading, where every core is busy.
            Futures.startDaemon("cvkit-significance", Significance::prepare);
        }
        try {
            // Criteria, and that the reference file is there, first: a typo in either should not wait for millions
            // of rows to be read.
            CriteriaSet criteriaSet = CriteriaFileLoader.load(criteria, criteria.toString());
            ReferenceReading referenceRead = reference == null ? null : new ReferenceReading(reference);
            AnalysisRequest request = AnalysisRequest.defaults().withFaultWindows(faultWindows)
                    .withWarmup(criteriaSet.warmup())
                    .keeping(criteriaSet.needsLatencyOverTime(), criteriaSet.needsConnectOverTime())
                    .naming(criteriaSet.labels())
                    .overTime(html != null || criteriaSet.needsTimeCells() ? AnalysisRequest.OverTime.ALWAYS
                            : AnalysisRequest.OverTime.WITH_FAULT)
                    .whenRowsRead(referenceRead == null ? () -> { } : referenceRead::start);
            RunAnalysis run;
            try {
                run = services.results().analyze(results, reading, request, err);
            } catch (RuntimeException e) {
                if (referenceRead != null) {
                    referenceRead.get(); // its errors come first
                }
                throw e;
            }
            // The reference file (a JSON tree of histograms) is read on another core from the moment the rows are
            // read, while the run's own figures are made (time cells, recovery, sustained and phase criteria): the
            // reading of the results, and the pre-scan before it, keep both cores busy, and a reference read
            // alongside them only slowed them down.
            Evaluation evaluation = new Gate(services.environment(), services.statsTable(), services.clock())
                    .judgeAwaiting(criteriaSet, run, referenceRead == null ? () -> null : referenceRead::get, results,
                            files, out, err);
            return evaluation.verdict() == Verdict.FAIL ? ExitCode.FAIL.code() : ExitCode.PASS.code();
        } catch (InvalidInputException e) {
            if (services.environment().azurePipelines()) {
                // Show the reason in the pipeline's summary too, not only in the step log.
                LogLineWriter.command(out, AzurePipelinesCommands.inputError(e));
                out.flush();
            }
            throw e;
        }
    }

    private static void refuseSameFileTwice(ReportFiles files) {
        List<Path> seen = new ArrayList<>();
        for (Path p : new Path[] {files.json(), files.junit(), files.markdown(), files.html()}) {
            if (p == null) {
                continue;
            }
            Path normal = p.toAbsolutePath().normalize();
            if (seen.contains(normal)) {
                throw new UsageException("two reports would be written to the same file " + p);
            }
            seen.add(normal);
        }
    }

    /** {@code --fault-window}: a usage error (exit 2) names the value and the syntax. */
    static final class FaultWindowConverter implements ITypeConverter<FaultWindowOption> {
        @Override
        public FaultWindowOption convert(String value) {
            try {
                return FaultWindowOption.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
