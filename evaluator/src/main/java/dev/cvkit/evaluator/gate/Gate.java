package dev.cvkit.evaluator.gate;

import dev.cvkit.evaluator.text.LogLineWriter;
import dev.cvkit.evaluator.text.LogText;
import dev.cvkit.evaluator.InvalidInputException;
import dev.cvkit.evaluator.analysis.Recovery;
import dev.cvkit.evaluator.analysis.RunAnalysis;
import dev.cvkit.evaluator.ci.AzurePipelinesCommands;
import dev.cvkit.evaluator.ci.CiEnvironment;
import dev.cvkit.evaluator.ci.GithubStepSummary;
import dev.cvkit.evaluator.cli.UsageException;
import dev.cvkit.evaluator.criteria.CriteriaEvaluator;
import dev.cvkit.evaluator.criteria.CriteriaSet;
import dev.cvkit.evaluator.criteria.Evaluation;
import dev.cvkit.evaluator.criteria.SkippedRowsCheck;
import dev.cvkit.evaluator.reference.ReferenceFile;
import dev.cvkit.evaluator.report.ConsoleCriteriaReport;
import dev.cvkit.evaluator.report.HtmlReport;
import dev.cvkit.evaluator.report.JsonReport;
import dev.cvkit.evaluator.report.JunitReport;
import dev.cvkit.evaluator.report.MarkdownSummary;
import dev.cvkit.evaluator.report.PhasesConsole;
import dev.cvkit.evaluator.stats.RunStats;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import dev.cvkit.evaluator.Futures;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Judges statistics against criteria and tells everyone who needs to know: the console (statistics
 * table, criteria, verdict line), the report files asked for, Azure Pipelines (logging commands, when
 * {@code TF_BUILD} is set) and GitHub Actions (the job summary, when {@code GITHUB_STEP_SUMMARY} is set).
 */
public final class Gate {

    private final CiEnvironment environment;
    private final StatsTable statsTable;
    private final Clock clock;

    public Gate(CiEnvironment environment, StatsTable statsTable, Clock clock) {
        this.environment = Objects.requireNonNull(environment, "environment");
        this.statsTable = Objects.requireNonNull(statsTable, "statsTable");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * @param reference the reference run of {@code --reference}, or null when none was given
     * @param inputs the RESULTS arguments, for reports and messages
     * @throws InvalidInputException when the statistics count no sample: nothing judged is never a pass
     * @throws UsageException        when a report file cannot be written
     */
    public Evaluation judge(CriteriaSet criteria, RunStats stats, ReferenceFile reference, List<String> inputs,
            ReportFiles files,
            PrintWriter out, PrintWriter err) {
        return judge(criteria, RunAnalysis.of(stats), reference, inputs, files, out, err);
    }

    /**
     * As {@link #judge(CriteriaSet, RunStats, ReferenceFile, List, ReportFiles, PrintWriter, PrintWriter)}, with the
     * fault phases and the run over time: phase, sustained and recovery criteria, the phases and recovery in
     * every report, and {@code --html}.
     */
    public Evaluation judge(CriteriaSet criteria, RunAnalysis stats, ReferenceFile reference, List<String> inputs,
            ReportFiles files, PrintWriter out, PrintWriter err) {
        return judgeAwaiting(criteria, stats, () -> reference, inputs, files, out, err);
    }

    /**
     * As {@link #judge(CriteriaSet, RunAnalysis, ReferenceFile, List, ReportFiles, PrintWriter, PrintWriter)}, with
     * the reference run asked for only when the figures that do not need it are made (it may still be being
     * read): nothing is printed before it is there, so its errors still come before any report.
     *
     * @param reference gives the reference run of {@code --reference}, or null when none was given
     */
    public Evaluation judgeAwaiting(CriteriaSet criteria, RunAnalysis stats, Supplier<ReferenceFile> reference,
            List<String> inputs, ReportFiles files, PrintWriter out, PrintWriter err) {
        if (stats.overall().count() == 0) {
            throw new InvalidInputException(String.join(", ", inputs), 0,
                    "zero counted samples: there is nothing to judge (only transaction, sub-result or marker rows?)");
        }
        // The recovery figures every report shows and the criteria read the same run independently: made on two
        // cores (cold code for both; about 0.1 s sooner on the fault-phase benchmark).
        // A run without a fault window has no recovery figures: no thread for an empty list.
        CompletableFuture<List<Recovery.FlowRecovery>> recoveryReport = !stats.plan().hasFaultWindows()
                ? CompletableFuture.completedFuture(List.of())
                : CompletableFuture.supplyAsync(() -> Recovery.report(stats, criteria.recovery()),
                        work -> Futures.startDaemon("cvkit-recovery", work));
        // The statistics table, the first thing printed, is written out while the criteria are judged (it reads
        // only the statistics), and printed once they are: a reference file's errors still come before any report.
        CompletableFuture<String> table = CompletableFuture.supplyAsync(() -> {
            StringWriter text = new StringWriter();
            PrintWriter into = new PrintWriter(text);
            statsTable.print(stats, into);
            into.flush();
            return text.toString();
        }, work -> Futures.startDaemon("cvkit-table", work));
        // Rows --lenient skipped can make the verdict warn or fail, never leave it a plain pass when they could matter.
        Evaluation evaluation = SkippedRowsCheck.apply(CriteriaEvaluator.evaluateAwaiting(criteria, stats, reference),
                stats);
        List<Recovery.FlowRecovery> recovery = Futures.joined(recoveryReport);

        // The reader already printed its warnings to the progress stream; the reports below repeat them.
        out.print(Futures.joined(table));
        out.flush();
        PhasesConsole.print(stats, recovery, criteria.recovery(), out);
        ConsoleCriteriaReport.print(evaluation, out);

        String markdown = null;
        if (files.json() != null) {
            // Written as it is made: the figures of every label of a run with tens of thousands do not fit as one text.
            write(files.json(), "--json", w -> JsonReport.write(w, evaluation, stats, recovery, criteria.recovery(),
                    inputs));
        }
        if (files.html() != null) {
            write(files.html(), "--html", HtmlReport.of(evaluation, stats, recovery, criteria.recovery(), inputs,
                    clock.instant()));
        }
        if (files.junit() != null) {
            write(files.junit(), "--junit", JunitReport.toXml(evaluation, clock.instant()));
        }
        if (files.markdown() != null) {
            markdown = MarkdownSummary.of(evaluation, stats, recovery, inputs);
            write(files.markdown(), "--markdown", markdown);
        }
        if (environment.azurePipelines()) {
            AzurePipelinesCommands.of(evaluation, stats.warnings()).forEach(line -> LogLineWriter.command(out, line));
            out.flush();
        }
        var summaryFile = environment.githubStepSummary();
        if (summaryFile.isPresent()) {
            try {
                GithubStepSummary.append(Paths.get(summaryFile.get()),
                        markdown != null ? markdown : MarkdownSummary.of(evaluation, stats, recovery, inputs));
            } catch (IOException | RuntimeException e) {
                // The verdict stands; a summary that cannot be written must not hide it.
                err.println(LogText.inline("cvkit: warning: cannot append the summary to GITHUB_STEP_SUMMARY ("
                        + summaryFile.get() + "): " + e.getMessage()));
                err.flush();
            }
        }
        return evaluation;
    }

    private static void write(Path file, String option, String content) {
        write(file, option, w -> w.write(content));
    }

    /** What writes a report's text. */
    @FunctionalInterface
    private interface ReportWriter {
        void writeTo(Writer out) throws IOException;
    }

    private static void write(Path file, String option, ReportWriter report) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            // Not newBufferedWriter: a lone surrogate (a YAML escape can make one) is written as '?' instead of
            // failing, as an OutputStreamWriter replaces what it cannot encode.
            try (Writer out = new BufferedWriter(new OutputStreamWriter(
                    Files.newOutputStream(file), StandardCharsets.UTF_8))) {
                report.writeTo(out);
            }
        } catch (IOException e) {
            throw new UsageException("cannot write the " + option + " file " + file + ": " + e);
        }
    }
}
