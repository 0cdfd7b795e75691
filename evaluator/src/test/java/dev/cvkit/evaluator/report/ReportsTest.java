package dev.cvkit.evaluator.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cvkit.evaluator.criteria.Evaluation;
import dev.cvkit.evaluator.criteria.Outcome;
import dev.cvkit.evaluator.criteria.Verdict;
import dev.cvkit.evaluator.testing.InMemoryRunStats;
import dev.cvkit.evaluator.testing.JunitXml;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class ReportsTest {

    private final Evaluation evaluation = ReportFixtures.evaluation();

    @Test
    void fixtureHasEveryOutcome() {
        assertThat(evaluation.results()).extracting(r -> r.outcome())
                .containsExactly(Outcome.PASS, Outcome.FAIL, Outcome.FAIL, Outcome.WARN, Outcome.NOT_EVALUATED);
        assertThat(evaluation.verdict()).isEqualTo(Verdict.FAIL);
    }

    @Test
    void consoleShowsEachCriterionWithActualThresholdOutcomeAndTheVerdict() {
        StringWriter buffer = new StringWriter();
        ConsoleCriteriaReport.print(evaluation, new PrintWriter(buffer));
        String text = buffer.toString();
        assertThat(text).contains("Criteria from gate.yaml:");
        assertThat(text).containsPattern("outcome\\s+tier\\s+criterion\\s+actual\\s+threshold\\s+note");
        assertThat(text).containsPattern("PASS\\s+fail\\s+p95\\(response_time_ms\\) > 1000\\s+300 ms\\s+1000 ms");
        assertThat(text).containsPattern("FAIL\\s+fail\\s+Search <&> \"quoted\": avg\\(latency\\) > 20\\s+72\\.5 ms\\s+20 ms");
        assertThat(text).containsPattern("FAIL\\s+fail\\s+Chekout: count\\(requests\\) < 1\\s+-\\s+1\\s+"
                + "label 'Chekout' is not in the results; did you mean 'Checkout'\\?");
        assertThat(text).containsPattern("WARN\\s+warn\\s+percentage\\(error\\) > 1\\s+5%\\s+1%");
        assertThat(text).containsPattern("NOT EVALUATED\\s+fail\\s+server metric Average\\(CpuPercentage\\) GreaterThan 80 on plan1");
        assertThat(text.strip()).endsWith("Verdict: FAIL (2 failed, 1 warned, 1 passed, 1 not evaluated)");
    }

    @Test
    void jsonHasTheContractFields() throws Exception {
        JsonNode json = new ObjectMapper().readTree(JsonReport.toJson(evaluation, ReportFixtures.stats(), List.of("a.jtl")));
        assertThat(json.get("verdict").asText()).isEqualTo("fail");
        assertThat(json.get("phases").isArray()).isTrue();
        assertThat(json.get("phases")).isEmpty();
        JsonNode overall = json.at("/stats/overall");
        for (String field : List.of("count", "errors", "errorPct", "mean", "min", "max", "p50", "p90", "p95", "p99", "rps")) {
            assertThat(overall.has(field)).as(field).isTrue();
        }
        assertThat(overall.get("count").asLong()).isEqualTo(20);
        assertThat(overall.get("errors").asLong()).isEqualTo(1);
        assertThat(overall.get("errorPct").asDouble()).isEqualTo(5.0);
        assertThat(overall.get("min").asLong()).isEqualTo(100);
        assertThat(overall.get("max").asLong()).isEqualTo(300);
        assertThat(overall.get("p50").asLong()).isEqualTo(190);
        assertThat(overall.get("p99").asLong()).isEqualTo(300);
        JsonNode search = json.at("/stats/labels").get("Search <&> \"quoted\"");
        assertThat(search.get("count").asLong()).isEqualTo(10);
        assertThat(search.get("mean").asDouble()).isEqualTo(145.0);
        // 10 rows from 0 to 9 000 + 190 ms
        assertThat(search.get("rps").asDouble()).isCloseTo(10 / 9.19, org.assertj.core.data.Offset.offset(1e-9));
        JsonNode criteria = json.get("criteria");
        assertThat(criteria).hasSize(5);
        JsonNode failing = criteria.get(1);
        assertThat(failing.get("text").asText()).isEqualTo("Search <&> \"quoted\": avg(latency) > 20");
        assertThat(failing.get("phase").asText()).isEqualTo("all");
        assertThat(failing.get("label").asText()).isEqualTo("Search <&> \"quoted\"");
        assertThat(failing.get("actual").asDouble()).isEqualTo(72.5);
        assertThat(failing.get("threshold").asDouble()).isEqualTo(20);
        assertThat(failing.get("outcome").asText()).isEqualTo("fail");
        assertThat(failing.get("line").asInt()).isEqualTo(4);
        assertThat(criteria.get(0).get("label").isNull()).isTrue();
        assertThat(criteria.get(2).get("actual").isNull()).isTrue();
        assertThat(criteria.get(2).get("note").asText()).contains("not in the results");
        assertThat(criteria.get(3).get("outcome").asText()).isEqualTo("warn");
        assertThat(criteria.get(4).get("outcome").asText()).isEqualTo("not-evaluated");
        assertThat(criteria.get(4).get("threshold").isNull()).isTrue();
        assertThat(json.get("warnings").get(0).asText()).contains("truncated last line");
        assertThat(json.get("results").get(0).asText()).isEqualTo("a.jtl");
    }

    @Test
    void jsonWritesUndefinedFiguresAsNullNotNaN() throws Exception {
        var stats = InMemoryRunStats.builder().row("A", 5, 0, InMemoryRunStats.ABSENT, InMemoryRunStats.ABSENT, true)
                .build();
        Evaluation e = dev.cvkit.evaluator.criteria.CriteriaEvaluator.evaluate(
                dev.cvkit.evaluator.criteria.CriteriaFileLoader.load(
                        new java.io.StringReader("failureCriteria:\n  - avg(requests_per_sec) < 1\n"), "c.yaml"), stats);
        String text = JsonReport.toJson(e, stats, List.of("x.jtl"));
        assertThat(text).doesNotContain("NaN");
        JsonNode json = new ObjectMapper().readTree(text);
        assertThat(json.at("/stats/overall/rps").isNull()).isTrue();
        assertThat(json.at("/criteria/0/actual").isNull()).isTrue();
    }

    @Test
    void junitIsValidAndCarriesActualVersusThreshold() throws Exception {
        String xml = JunitReport.toXml(evaluation, Instant.parse("2026-03-01T10:15:30.456Z"));
        Document doc = JunitXml.validate(xml);
        Element suites = doc.getDocumentElement();
        assertThat(suites.getAttribute("tests")).isEqualTo("5");
        assertThat(suites.getAttribute("failures")).isEqualTo("2");
        assertThat(suites.getAttribute("skipped")).isEqualTo("1");
        Element suite = (Element) suites.getElementsByTagName("testsuite").item(0);
        assertThat(suite.getAttribute("timestamp")).isEqualTo("2026-03-01T10:15:30");
        NodeList cases = doc.getElementsByTagName("testcase");
        Element failing = (Element) cases.item(1);
        assertThat(failing.getAttribute("name")).isEqualTo("Search <&> \"quoted\": avg(latency) > 20");
        assertThat(failing.getAttribute("classname")).isEqualTo("cvkit.failureCriteria");
        Element failure = (Element) failing.getElementsByTagName("failure").item(0);
        assertThat(failure.getAttribute("message")).isEqualTo("criterion holds: actual 72.5 ms, threshold 20 ms");
        assertThat(failure.getTextContent()).startsWith("gate.yaml:4: Search <&>");
        Element unknownLabel = (Element) ((Element) cases.item(2)).getElementsByTagName("failure").item(0);
        assertThat(unknownLabel.getAttribute("message")).startsWith("cannot be judged: actual -, threshold 1; label 'Chekout'");
        assertThat(((Element) cases.item(3)).getAttribute("classname")).isEqualTo("cvkit.warnCriteria");
        assertThat(((Element) cases.item(3)).getElementsByTagName("failure").getLength()).isZero();
        assertThat(((Element) cases.item(4)).getElementsByTagName("skipped").getLength()).isEqualTo(1);
    }

    @Test
    void junitOfAPassingRunHasNoFailure() throws Exception {
        var stats = InMemoryRunStats.builder().row("A", 0, 10, true).row("A", 10, 10, true).build();
        Evaluation e = dev.cvkit.evaluator.criteria.CriteriaEvaluator.evaluate(
                dev.cvkit.evaluator.criteria.CriteriaFileLoader.load(
                        new java.io.StringReader("failureCriteria:\n  - max(response_time_ms) > 10\n"), "c.yaml"), stats);
        Document doc = JunitXml.validate(JunitReport.toXml(e, Instant.EPOCH));
        assertThat(doc.getDocumentElement().getAttribute("failures")).isEqualTo("0");
        assertThat(doc.getElementsByTagName("testcase").getLength()).isEqualTo(1);
    }

    @Test
    void markdownSummaryHasVerdictCriteriaAndStats() {
        String md = MarkdownSummary.of(evaluation, ReportFixtures.stats(), List.of("results/a.jtl"));
        assertThat(md).startsWith("### cvkit evaluate: ❌ FAIL\n");
        assertThat(md).contains("(2 failed, 1 warned, 1 passed, 1 not evaluated) · criteria `gate.yaml` · results `results/a.jtl`");
        assertThat(md).contains("| ❌ fail | `Search <&> \"quoted\": avg(latency) > 20` | 72.5 ms | 20 ms |  |");
        assertThat(md).contains("| ⚠️ warn | `percentage(error) > 1` (warn) | 5% | 1% |  |");
        assertThat(md).contains("| ➖ not evaluated | `server metric Average(CpuPercentage) GreaterThan 80 on plan1` | - | - |");
        assertThat(md).contains("- results.jtl:21: truncated last line left out");
        assertThat(md).contains("| **overall** | 20 | 5 | 222.5 | 190 | 300 | 300 | 300 | 2.04 |");
        assertThat(md).contains("| Checkout | 10 | 0 | 300 | 300 | 300 | 300 | 300 | 1.08 |");
        assertThat(md).contains("| Search &lt;&amp;> \"quoted\" | 10 | 10 | 145 | 140 | 180 | 190 | 190 | 1.09 |");
        // every table row has the same number of unescaped cell separators
        md.lines().filter(l -> l.startsWith("| ") && l.contains("fail") || l.startsWith("| ") && l.contains("pass"))
                .forEach(l -> assertThat(l.replace("\\|", "").chars().filter(c -> c == '|').count()).as(l).isEqualTo(6));
    }

    @Test
    void markdownEscapesPipesInLabels() {
        assertThat(MarkdownSummary.cell("GET /a|b\nx")).isEqualTo("GET /a\\|b x");
        assertThat(MarkdownSummary.code("a`b")).isEqualTo("``a`b``");
        assertThat(MarkdownSummary.text("<root> & co|x")).isEqualTo("&lt;root> &amp; co\\|x");
    }

    @Test
    void numbersReadPlainly() {
        assertThat(Formats.value(350.0, "ms")).isEqualTo("350 ms");
        assertThat(Formats.value(72.456, "ms")).isEqualTo("72.46 ms");
        assertThat(Formats.value(5.0, "%")).isEqualTo("5%");
        assertThat(Formats.value(12.5, "/s")).isEqualTo("12.5/s");
        assertThat(Formats.value(110.0, "")).isEqualTo("110");
        assertThat(Formats.value(null, "ms")).isEqualTo("-");
        assertThat(Formats.value(Double.NaN, "ms")).isEqualTo("-");
        assertThat(Formats.value(-1.0, "ms")).isEqualTo("-1 ms");
    }
}
