package dev.cvkit.evaluator.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** The rules that keep input text from forming a CI command, on fragments and on a whole output stream. */
class LogTextTest {

    @Test
    void plainTextIsLeftAsItIs() {
        String label = "GET /api/items?id=1#frag (Class::method) 50% é";
        assertThat(LogText.inline(label)).isEqualTo(label);
        assertThat(LogText.inline("Browse catalog")).isSameAs("Browse catalog");
    }

    @Test
    void noHashPairIsLeft() {
        assertThat(LogText.inline("##vso[task.setvariable variable=x]1"))
                .isEqualTo("#\\x23vso[task.setvariable variable=x]1");
        assertThat(LogText.inline("a ##[error]b")).isEqualTo("a #\\x23[error]b");
        assertThat(LogText.inline("#####")).isEqualTo("#\\x23#\\x23#").doesNotContain("##");
    }

    @Test
    void noLeadingColonPairIsLeftAfterAnyBlank() {
        assertThat(LogText.inline("::error::x")).isEqualTo(":\\x3aerror::x");
        assertThat(LogText.inline("  ::warning::x")).isEqualTo("  :\\x3awarning::x");
        assertThat(LogText.inline("\u00a0\u2003::notice::x")).isEqualTo("\u00a0\u2003:\\x3anotice::x");
        assertThat(LogText.inline("\t::debug::x")).isEqualTo("\\t::debug::x");
        assertThat(LogText.inline("a ::error::x")).isEqualTo("a ::error::x");
    }

    @Test
    void controlCharactersShowAsEscapes() {
        assertThat(LogText.inline("a\nb\r\nc\u001b[31md\u0000\u007f\u0085\u009b\u2028\u202e"))
                .isEqualTo("a\\nb\\r\\nc\\x1b[31md\\x00\\x7f\\x85\\x9b\\u2028\\u202e");
        assertThat(LogText.visibleControls("a\tb\u001b##")).isEqualTo("a\\tb\\x1b##");
    }

    @Test
    void twiceIsOnce() {
        for (String s : new String[] {"::##vso[x]", " ::a\n::b##", "#\u001b#", "###::"}) {
            assertThat(LogText.inline(LogText.inline(s))).as(s).isEqualTo(LogText.inline(s));
        }
    }

    @Test
    void theWriterAppliesTheRulesAcrossWritesAndLines() {
        StringWriter text = new StringWriter();
        PrintWriter out = LogLineWriter.wrap(new PrintWriter(text));
        out.print("label #");
        out.print("#vso[task.complete result=Succeeded;]\n");
        out.print(" :");
        out.print(":error::split\r\n");
        out.print("cr\r##[error]x\n");
        out.print("\tat stack.Frame(Frame.java:1)\n");
        out.print("\t::error::tab\n");
        LogLineWriter.command(out, "##vso[task.logissue type=error;]cvkit: own");
        out.flush();
        assertThat(text.toString()).isEqualTo("label #\\x23vso[task.complete result=Succeeded;]\n"
                + " :\\x3aerror::split\r\n"
                + "cr\\r#\\x23[error]x\n"
                + "\tat stack.Frame(Frame.java:1)\n"
                + "\t:\\x3aerror::tab\n"
                + "##vso[task.logissue type=error;]cvkit: own" + System.lineSeparator());
    }

    @Test
    void aCommandStartsALineOfItsOwn() {
        StringWriter text = new StringWriter();
        PrintWriter out = LogLineWriter.wrap(new PrintWriter(text));
        out.print("partial");
        LogLineWriter.command(out, "##vso[task.complete result=SucceededWithIssues;]cvkit: verdict warn");
        out.print("##after");
        out.flush();
        assertThat(text.toString().split("\\R")).containsExactly("partial",
                "##vso[task.complete result=SucceededWithIssues;]cvkit: verdict warn", "#\\x23after");
        assertThat(LogLineWriter.wrap(out)).isSameAs(out);
    }
}
