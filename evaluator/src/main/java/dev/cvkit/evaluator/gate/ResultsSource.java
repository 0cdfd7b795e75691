package dev.cvkit.evaluator.gate;

import dev.cvkit.evaluator.stats.RunStats;
import dev.cvkit.evaluator.jtl.ReadingOptions;
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
}
