package dev.cvkit.evaluator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The entry point: which verbs a command line gets, and what a user sees without a verb or with a typo. */
class CvkitMainTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return CvkitMain.run(new PrintWriter(out), new PrintWriter(err), args);
    }

    @Test
    void aCommandLineThatNamesAVerbGetsOnlyThatVerb() {
        assertThat(CvkitMain.verbNamed("evaluate")).isEqualTo(EvaluateCommand.class);
        assertThat(CvkitMain.verbNamed("baseline")).isEqualTo(BaselineCommand.class);
        CommandLine only = CvkitMain.commandLine(new PrintWriter(out), new PrintWriter(err),
                EvaluatorServices.defaults(), CvkitMain.verbNamed("stats"));
        assertThat(only.getSubcommands()).containsOnlyKeys("stats");
        assertThat(only.getSubcommands().get("stats").getOut()).as("settings reach the verb").isSameAs(only.getOut());
    }

    @Test
    void everyVerbIsRegisteredForTheUsageAndForTests() {
        CommandLine all = CvkitMain.commandLine(new PrintWriter(out), new PrintWriter(err));
        assertThat(all.getSubcommands()).containsOnlyKeys("evaluate", "stats", "baseline", "check-config");
        assertThat(all.getSubcommands().get("baseline").getSubcommands()).containsOnlyKeys("record");
        for (Class<?> verb : RootCommand.VERBS) {
            assertThat(CvkitMain.verbNamed(verb.getAnnotation(CommandLine.Command.class).name())).isEqualTo(verb);
        }
    }

    @Test
    void withoutAVerbTheUsageListsThemAll() {
        assertThat(run()).isZero();
        assertThat(out.toString()).contains("evaluate", "stats", "baseline", "check-config", "Exit codes:");
        out.getBuffer().setLength(0);
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("evaluate", "stats", "baseline", "check-config");
    }

    @Test
    void aMistypedVerbIsAUsageErrorThatSuggestsTheVerb() {
        assertThat(CvkitMain.verbNamed("evalute")).isNull();
        assertThat(run("evalute", "results.jtl")).isEqualTo(ExitCode.USAGE.code());
        assertThat(err.toString()).contains("Unmatched argument", "'evalute'", "Did you mean: cvkit evaluate?");
    }

    @Test
    void theVersionIsPrinted() {
        assertThat(run("--version")).isZero();
        assertThat(out.toString()).startsWith("cvkit ");
    }
}
