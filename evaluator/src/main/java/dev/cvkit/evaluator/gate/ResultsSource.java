package dev.cvkit.evaluator.gate;

import dev.cvkit.evaluator.analysis.AnalysisRequest;
import dev.cvkit.evaluator.analysis.RunAnalysis;
import dev.cvkit.evaluator.analysis.RunAnalyzer;
import dev.cvkit.evaluator.jtl.ReadingOptions;
import dev.cvkit.evaluator.jtl.ResultsReader;
import dev.cvkit.evaluator.stats.RunStats;
import java.io.PrintWriter;
import java.util.List;

/**
 * Reads the RESULTS arguments (files, directories, {@code results.zip}) into statistics. The gate depends
 * on this seam, not on a reader, so that its tests run on statistics built in memory.
 */
@FunctionalInterface
public interface ResultsSource {

    /**
     * @param inputs   the RESULTS arguments as the user gave them
     * @param options  how to read them (--lenient, --columns, --timestamp-format)
     * @param progress where to report progress on large inputs
     * @throws dev.cvkit.evaluator.InvalidInputException when the results cannot be read, or count no sample
     */
    RunStats read(List<String> inputs, ReadingOptions options, PrintWriter progress);

    /**
     * Reads the results with their fault phases and over time. This default has neither: statistics built in
     * memory have no fault window and no time cells (phase, sustained and recovery criteria then fail and say
     * why).
     */
    default RunAnalysis analyze(List<String> inputs, ReadingOptions options, AnalysisRequest request,
            PrintWriter progress) {
        return RunAnalysis.of(read(inputs, options, progress));
    }

    /** The real reader: {@link ResultsReader} and {@link RunAnalyzer}. */
    static ResultsSource reader() {
        return new ResultsSource() {
            @Override
            public RunStats read(List<String> inputs, ReadingOptions options, PrintWriter progress) {
                return new ResultsReader().read(inputs, options, progress);
            }

            @Override
            public RunAnalysis analyze(List<String> inputs, ReadingOptions options, AnalysisRequest request,
                    PrintWriter progress) {
                return new RunAnalyzer().analyze(inputs, options, request, progress);
            }
        };
    }
}
