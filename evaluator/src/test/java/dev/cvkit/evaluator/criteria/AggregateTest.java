package dev.cvkit.evaluator.criteria;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AggregateTest {

    @ParameterizedTest(name = "{0} is the {1}th percentile")
    @CsvSource({
        "p50, 50", "p975, 97.5", "p75, 75", "p90, 90", "p95, 95", "p96, 96", "p97, 97", "p98, 98", "p99, 99",
        "p999, 99.9", "p9999, 99.99", "p1, 1", "p100, 100", "p99.9, 99.9", "p99.95, 99.95", "P95, 95", "p995, 99.5"
    })
    void percentilesFollowAltsCompactFormAndTheExplicitPoint(String name, double expected) {
        Aggregate a = Aggregate.parse(name).orElseThrow();
        assertThat(a.kind()).isEqualTo(Aggregate.Kind.PERCENTILE);
        assertThat(a.percentile()).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"p0", "p0.0", "p101", "p100.5", "p", "pxx", "median", "sum", "p-5", "p9.", "p500", "p150", ""})
    void rejectsWhatIsNoAggregate(String name) {
        assertThat(Aggregate.parse(name)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"avg, AVG", "min, MIN", "max, MAX", "count, COUNT", "percentage, PERCENTAGE", "AVG, AVG"})
    void namedAggregates(String name, Aggregate.Kind kind) {
        assertThat(Aggregate.parse(name)).contains(Aggregate.of(kind));
    }

    @ParameterizedTest
    @CsvSource({"p999, p99.9", "p50, p50", "p99.90, p99.9", "avg, avg", "p9999, p99.99"})
    void canonicalNames(String written, String canonical) {
        assertThat(Aggregate.parse(written).orElseThrow().name()).isEqualTo(canonical);
    }
}
