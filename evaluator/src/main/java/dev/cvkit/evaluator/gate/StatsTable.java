package dev.cvkit.evaluator.gate;

import dev.cvkit.evaluator.stats.RunStats;
import java.io.PrintWriter;

/** Prints the per-label statistics table that opens the console output of {@code cvkit evaluate}. */
@FunctionalInterface
public interface StatsTable {
    void print(RunStats stats, PrintWriter out);
}
