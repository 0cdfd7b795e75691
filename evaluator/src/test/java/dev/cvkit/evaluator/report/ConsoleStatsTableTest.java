package dev.cvkit.evaluator.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cvkit.evaluator.stats.LabelStatsSink;
import dev.cvkit.evaluator.stats.ReadStats;
import dev.cvkit.evaluator.stats.RowKind;
import dev.cvkit.evaluator.testing.TestLabelNames;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConsoleStatsTableTest {

    @Test
    void longAndMultiLineLabelsStayOnOneBoundedLine() {
        TestLabelNames names = new TestLabelNames();
        LabelStatsSink sink = new LabelStatsSink(names);
        String longLabel = "x".repeat(80);
        sink.sample(names.intern("two\nlines"), 0, 5000, -1, -1, true, RowKind.REQUEST);
        sink.sample(names.intern(longLabel), 0, 5000, -1, -1, false, RowKind.REQUEST);
        List<String> lines = ConsoleStatsTable.render(ReadStats.of(sink, List.of(), List.of()));
        assertThat(lines).hasSize(5);
        assertThat(lines.get(1)).startsWith("two\\nlines ");
        assertThat(lines.get(2)).startsWith("x".repeat(57) + "...  ");
        // label column 60 wide, two spaces, count right-aligned in 5
        assertThat(lines.get(4)).isEqualTo("overall" + " ".repeat(53) + "  " + "    2" + "    50.00   5000.0    5000    5000    5000    5000  0.40");
        assertThat(lines).allMatch(line -> !line.endsWith(" "));
    }

    @Test
    void aZeroSpanShowsNoThroughput() {
        TestLabelNames names = new TestLabelNames();
        LabelStatsSink sink = new LabelStatsSink(names);
        sink.sample(names.intern("a"), 100, 0, -1, -1, true, RowKind.REQUEST);
        List<String> lines = ConsoleStatsTable.render(ReadStats.of(sink, List.of(), List.of()));
        // label column 7 wide (as "overall"), two spaces, count right-aligned in 5
        assertThat(lines.get(1)).isEqualTo("a      " + "  " + "    1" + "     0.00      0.0       0       0       0       0    -");
    }
}
