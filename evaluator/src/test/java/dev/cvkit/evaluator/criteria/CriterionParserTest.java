package dev.cvkit.evaluator.criteria;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cvkit.evaluator.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class CriterionParserTest {

    private static final SourceLocation AT = new SourceLocation("criteria.yaml", 7);

    private static Criterion parse(String text) {
        return CriterionParser.parse(text, null, AT, Tier.FAIL);
    }

    private static ClientMeasure measure(Criterion c) {
        return (ClientMeasure) c.measure();
    }

    private static double threshold(Criterion c) {
        return ((AbsoluteThreshold) c.threshold()).value();
    }

    /** Every aggregate ALT accepts for every metric ALT names, with both of ALT's operators. */
    static Stream<Arguments> everyAltAggregateAndMetric() {
        List<Arguments> all = new ArrayList<>();
        String[] timingAggregates = {"avg", "min", "max", "p50", "p75", "p90", "p95", "p96", "p97", "p98", "p99",
            "p999", "p9999"};
        for (String metric : new String[] {"response_time_ms", "latency"}) {
            for (String aggregate : timingAggregates) {
                for (String op : new String[] {">", "<"}) {
                    all.add(Arguments.of(aggregate + "(" + metric + ") " + op + " 300", aggregate, metric, op, 300.0));
                }
            }
        }
        for (String op : new String[] {">", "<"}) {
            all.add(Arguments.of("avg(requests_per_sec) " + op + " 1.25", "avg", "requests_per_sec", op, 1.25));
            all.add(Arguments.of("count(requests) " + op + " 1000", "count", "requests", op, 1000.0));
            all.add(Arguments.of("percentage(error) " + op + " 5", "percentage", "error", op, 5.0));
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyAltAggregateAndMetric")
    void acceptsEveryAltAggregateAndMetric(String text, String aggregate, String metric, String op, double value) {
        Criterion c = parse(text);
        assertThat(c.text()).isEqualTo(text);
        assertThat(measure(c).aggregate()).isEqualTo(Aggregate.parse(aggregate).orElseThrow());
        assertThat(measure(c).metric().yamlName()).isEqualTo(metric);
        assertThat(c.comparison().symbol()).isEqualTo(op);
        assertThat(threshold(c)).isEqualTo(value);
        assertThat(c.scope()).isEqualTo(new Scope(Scope.WHOLE_RUN, null));
        assertThat(c.location()).isEqualTo(AT);
        assertThat(c.tier()).isEqualTo(Tier.FAIL);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // beyond ALT: any percentile, connect time, >= and <=
        "p99.9(response_time_ms) >= 1200 | p99.9 | response_time_ms | >= | 1200",
        "p42(latency) <= 10               | p42   | latency          | <= | 10",
        "p99.95(connect_time_ms) > 50     | p99.95| connect_time_ms  | >  | 50",
        "avg(connect_time_ms) > 5         | avg   | connect_time_ms  | >  | 5",
        // ALT writes thresholds directly after the operator and YAML keeps odd spacing
        "avg(latency) >200                | avg   | latency          | >  | 200",
        "avg( response_time_ms )>300      | avg   | response_time_ms | >  | 300",
        // the aliases ALT's own documentation shows
        "avg(responseTimeMs) > 300        | avg   | response_time_ms | >  | 300",
        "avg(latency_ms) >200             | avg   | latency          | >  | 200",
        // units, as ALT's task strips them
        "p95(response_time_ms) > 300ms    | p95   | response_time_ms | >  | 300",
        "percentage(error) > 2.5%         | percentage | error       | >  | 2.5",
        // ALT's corpus test uses a negative-free but zero threshold; negatives are plain numbers
        "max(latency) < 0                 | max   | latency          | <  | 0",
        "min(response_time_ms) > -1       | min   | response_time_ms | >  | -1",
        "AVG(Response_Time_MS) > 1        | avg   | response_time_ms | >  | 1",
    })
    void acceptsCvkitExtensionsAndAltSpellings(String text, String aggregate, String metric, String op, double value) {
        Criterion c = parse(text);
        assertThat(measure(c).aggregate()).isEqualTo(Aggregate.parse(aggregate).orElseThrow());
        assertThat(measure(c).metric().yamlName()).isEqualTo(metric);
        assertThat(c.comparison().symbol()).isEqualTo(op);
        assertThat(threshold(c)).isEqualTo(value);
    }

    @ParameterizedTest(name = "{0} -> label [{1}]")
    @CsvSource(delimiter = '|', value = {
        "GetCustomerDetails: avg(latency) >200                  | GetCustomerDetails",
        "Login (POST): p95(response_time_ms) > 400              | Login (POST)",
        "cvkit:fault-start:exp1: count(requests) < 1            | cvkit:fault-start:exp1",
        "GET /api/items?x=1: percentage(error) > 1              | GET /api/items?x=1",
        "  spaced label  :  avg(response_time_ms) > 3           | spaced label",
        "Заказ товара: avg(response_time_ms) > 3                | Заказ товара",
    })
    void labelBeforeTheMeasure(String text, String label) {
        Criterion c = parse(text);
        assertThat(c.scope().label()).isEqualTo(label);
        assertThat(c.scope().overall()).isFalse();
    }

    @Test
    void labelFromAYamlKey() {
        Criterion c = CriterionParser.parse("avg(latency) >200", "GetCustomerDetails", AT, Tier.WARN);
        assertThat(c.scope().label()).isEqualTo("GetCustomerDetails");
        assertThat(c.text()).isEqualTo("GetCustomerDetails: avg(latency) >200");
        assertThat(c.tier()).isEqualTo(Tier.WARN);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "avg(response_time_ms) > 300, continue",
        "avg(response_time_ms) > 300,continue",
        "avg(response_time_ms) > 300 , Continue",
    })
    void altsContinueActionIsAccepted(String text) {
        Criterion c = parse(text);
        assertThat(threshold(c)).isEqualTo(300);
        assertThat(c.comparison()).isEqualTo(Comparison.GREATER);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        "''                                       | empty criterion",
        "avg response_time_ms > 300               | has no <aggregate>(<metric>)",
        "median(response_time_ms) > 300           | unknown aggregate 'median'",
        "p0(response_time_ms) > 300               | unknown aggregate 'p0'",
        "p101(response_time_ms) > 300             | unknown aggregate 'p101'",
        "avg(elapsed) > 300                       | unknown metric 'elapsed'",
        "percentage(response_time_ms) > 3         | 'percentage' cannot be applied to response_time_ms",
        "avg(error) > 3                           | 'avg' cannot be applied to error in 'avg(error) > 3': error takes percentage",
        "p95(requests_per_sec) > 3                | requests_per_sec takes avg",
        "avg(requests) > 3                        | requests takes count",
        "count(requests_per_sec) > 3              | requests_per_sec takes avg",
        "avg(response_time_ms) 300                | expected an operator",
        "avg(response_time_ms)                    | expected an operator",
        "avg(response_time_ms) = 300              | operator '=' in",
        "avg(response_time_ms) == 300             | operator '=='",
        "avg(response_time_ms) != 300             | operator '!='",
        "avg(response_time_ms) =< 300             | operator '=<'",
        "avg(response_time_ms) >                  | missing threshold",
        "avg(response_time_ms) > fast             | threshold 'fast'",
        "avg(response_time_ms) > 3s               | threshold '3s'",
        "avg(response_time_ms) > 300, stop        | ', stop'",
        "avg(response_time_ms) > 300, later       | only ', continue' may follow",
        "avg(response_time_ms) > 30%              | '%' in 'avg(response_time_ms) > 30%' only fits percentage(error)",
        "percentage(error) > 3ms                  | 'ms' in 'percentage(error) > 3ms' only fits",
        "Home avg(response_time_ms) > 3           | a label is written '<label>: ' before it",
        ": avg(response_time_ms) > 3              | empty label",
    })
    void rejectsWithFileLineWhatAndTheGrammar(String text, String expected) {
        assertThatThrownBy(() -> parse(text))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("criteria.yaml:7: ")
                .hasMessageContaining(expected)
                .hasMessageContaining(CriteriaGrammar.DESCRIPTION)
                .satisfies(e -> assertThat(((InvalidInputException) e).line()).isEqualTo(7));
    }

    @Test
    void twoLabelsAreRefused() {
        assertThatThrownBy(() -> CriterionParser.parse("Other: avg(latency) > 1", "Key", AT, Tier.FAIL))
                .hasMessageContaining("two labels for one criterion: 'Key' (the key) and 'Other' (in the text)");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "p95(response_time_ms) > 800 for 30s               | 30000  | 800",
        "Checkout: percentage(error) > 5 for 1m             | 60000  | 5",
        "avg(requests_per_sec) < 10 for 1m30s, continue    | 90000  | 10",
        "p99(latency) >= 2000 FOR 2 m                      | 120000 | 2000",
        "count(requests) <= 3 for PT45S                    | 45000  | 3",
    })
    void windowsAreRead(String text, long windowMillis, double threshold) {
        Criterion c = parse(text);
        assertThat(c.windowMillis()).isEqualTo(windowMillis);
        assertThat(c.sustained()).isTrue();
        assertThat(threshold(c)).isEqualTo(threshold);
        assertThat(c.text()).isEqualTo(text);
    }

    @Test
    void recoveryTimesAreReadAsSecondsAfterTheFault() {
        Criterion c = parse("Checkout: recovery_time_s(response_time_ms) > 60s");
        assertThat(c.measure()).isEqualTo(new RecoveryMeasure(ClientMetric.RESPONSE_TIME_MS));
        assertThat(c.measure().text()).isEqualTo("recovery_time_s(response_time_ms)");
        assertThat(c.measure().unit()).isEqualTo("s");
        assertThat(c.scope()).isEqualTo(new Scope("after", "Checkout"));
        assertThat(threshold(c)).isEqualTo(60);
        assertThat(parse("recovery_time_s(error) >= 12.5").threshold()).isEqualTo(new AbsoluteThreshold(12.5));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "p95(response_time_ms) > +10%               | p95   | response_time_ms | >  | 10",
        "Checkout: p99.9(latency) >= +2.5%          | p99.9 | latency          | >= | 2.5",
        "avg(requests_per_sec) < -10%               | avg   | requests_per_sec | <  | -10",
        "count(requests) <= -0%                     | count | requests         | <= | 0",
        "percentage(error) > +50%                   | percentage | error       | >  | 50",
        "avg(connect_time_ms) > +0%                 | avg   | connect_time_ms  | >  | 0",
    })
    void signedPercentagesAreRelativeToTheReferenceRun(String text, String aggregate, String metric, String op,
            double percent) {
        Criterion c = parse(text);
        assertThat(c.threshold()).isEqualTo(new RelativeThreshold(percent));
        assertThat(measure(c).aggregate()).isEqualTo(Aggregate.parse(aggregate).orElseThrow());
        assertThat(measure(c).metric().yamlName()).isEqualTo(metric);
        assertThat(c.comparison().symbol()).isEqualTo(op);
    }

    @Test
    void unsignedPercentOfErrorsStaysAbsolute() {
        assertThat(parse("percentage(error) > 5%").threshold()).isEqualTo(new AbsoluteThreshold(5));
        assertThat(parse("p95(response_time_ms) > +300ms").threshold()).isEqualTo(new AbsoluteThreshold(300));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "max(response_time_ms) > +10%   | compares max with a reference run, but the minimum and the maximum are single values",
        "min(latency) < -10%            | compares min with a reference run",
        "p100(response_time_ms) > +10%  | compares p100 with a reference run",
        "p95(response_time_ms) > -10%   | '> -10%' in 'p95(response_time_ms) > -10%' mixes directions",
        "avg(requests_per_sec) < +10%   | '< +10%' in 'avg(requests_per_sec) < +10%' mixes directions",
        "avg(requests_per_sec) <= +0%   | mixes directions",
        "p95(response_time_ms) > 10%    | '%' in 'p95(response_time_ms) > 10%' only fits percentage(error)",
    })
    void relativeThresholdsThatCannotBeJudgedAreRefused(String text, String expected) {
        assertThatThrownBy(() -> parse(text))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("criteria.yaml:7: ")
                .hasMessageContaining(expected)
                .hasMessageContaining(CriteriaGrammar.DESCRIPTION);
    }
}
