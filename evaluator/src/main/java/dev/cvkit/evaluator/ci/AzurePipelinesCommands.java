package dev.cvkit.evaluator.ci;

import dev.cvkit.evaluator.text.LogText;
import dev.cvkit.evaluator.InvalidInputException;
import dev.cvkit.evaluator.criteria.CriterionResult;
import dev.cvkit.evaluator.criteria.Evaluation;
import dev.cvkit.evaluator.criteria.Verdict;
import dev.cvkit.evaluator.report.Formats;
import java.util.ArrayList;
import java.util.List;

/**
 * Azure Pipelines logging commands for an evaluation: a {@code task.logissue} error for each failing
 * criterion, a warning for each warning criterion that holds, for each criterion not evaluated locally
 * and for each warning of the results reader, and {@code task.complete result=SucceededWithIssues} when
 * the verdict is warn (a failing verdict already fails the step through exit code 1).
 */
public final class AzurePipelinesCommands {

    private AzurePipelinesCommands() {
    }

    public static List<String> of(Evaluation evaluation, List<String> readerWarnings) {
        List<String> lines = new ArrayList<>();
        for (CriterionResult r : evaluation.results()) {
            switch (r.outcome()) {
                case FAIL -> lines.add(logIssue("error", r, "criterion failed: " + describe(r)));
                case WARN -> lines.add(logIssue("warning", r, "warning criterion holds: " + describe(r)));
                case NOT_EVALUATED -> lines.add(logIssue("warning", r,
                        "not evaluated: " + Formats.criterion(r) + " (" + r.note() + ")"));
                case PASS -> { }
            }
        }
        for (String warning : readerWarnings) {
            lines.add("##vso[task.logissue type=warning;]" + escapeData("cvkit: " + warning));
        }
        if (evaluation.verdict() == Verdict.WARN) {
            lines.add("##vso[task.complete result=SucceededWithIssues;]" + escapeData("cvkit: verdict warn"));
        }
        return lines;
    }

    /** An error issue for input that could not be read (exit 3): its first line, with file and line. */
    public static String inputError(InvalidInputException e) {
        String firstLine = e.getMessage().lines().findFirst().orElse("");
        String location = e.line() > 0
                ? "sourcepath=" + escapeProperty(e.source()) + ";linenumber=" + e.line() + ";"
                : "sourcepath=" + escapeProperty(e.source()) + ";";
        return "##vso[task.logissue type=error;" + location + "]" + escapeData("cvkit: invalid input: " + firstLine);
    }

    private static String describe(CriterionResult r) {
        String measured = Formats.figures(r);
        return Formats.criterion(r) + " (" + measured + (r.note().isEmpty() ? "" : "; " + r.note()) + ")";
    }

    private static String logIssue(String type, CriterionResult r, String message) {
        return "##vso[task.logissue type=" + type + ";sourcepath=" + escapeProperty(r.location().file())
                + ";linenumber=" + r.location().line() + ";]" + escapeData("cvkit: " + message);
    }

    /**
     * Escapes a command's message as the Azure Pipelines task library does (%, CR and LF), after the input text in it
     * is made safe for a log line ({@link LogText}: no {@code ##vso[} inside, no control characters).
     */
    static String escapeData(String s) {
        return LogText.inline(s).replace("%", "%AZP25").replace("\r", "%0D").replace("\n", "%0A");
    }

    /** Escapes a property value: the message escapes plus the separators ] and ;. */
    static String escapeProperty(String s) {
        return escapeData(s).replace("]", "%5D").replace(";", "%3B");
    }
}
