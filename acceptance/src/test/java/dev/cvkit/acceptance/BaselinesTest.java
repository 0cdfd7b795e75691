package dev.cvkit.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cvkit.acceptance.support.BaselineLabels;
import dev.cvkit.acceptance.support.Checkout;
import dev.cvkit.acceptance.support.JmxPlan;
import dev.cvkit.evaluator.criteria.CriteriaFileLoader;
import dev.cvkit.evaluator.criteria.CriteriaSet;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every baseline loads in the evaluator, says how its thresholds were chosen, and names only what its plan records. */
class BaselinesTest {

    static List<String> scenarios() {
        return Checkout.SCENARIOS;
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void theEvaluatorLoadsIt(String scenario) {
        CriteriaSet criteria = CriteriaFileLoader.load(Checkout.baseline(scenario), Checkout.baseline(scenario).toString());
        assertThat(criteria.criteria()).isNotEmpty();
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void itNamesOnlyFlowsAndRequestsOfItsPlan(String scenario) throws IOException {
        JmxPlan plan = JmxPlan.read(Checkout.plan(scenario));
        List<String> recorded = new ArrayList<>(plan.transactionNames());
        plan.ofClass("HTTPSamplerProxy").forEach(e -> recorded.add(e.name()));
        plan.ofClass("JSR223Sampler").forEach(e -> recorded.add(e.name()));
        Set<String> named = BaselineLabels.of(Checkout.baseline(scenario));
        assertThat(named).as("labels of %s", Checkout.baseline(scenario)).isNotEmpty().isSubsetOf(recorded);
        // Every flow of the plan has at least one criterion: a flow without a threshold is not validated.
        assertThat(named).containsAll(plan.transactionNames());
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void itSaysHowTheThresholdsWereChosen(String scenario) throws IOException {
        String text = Files.readString(Checkout.baseline(scenario));
        assertThat(text).contains("MEASUREMENTS.md");
        long criteria = text.lines().filter(l -> l.strip().startsWith("- ") && l.contains("(")).count();
        long commented = text.lines().filter(l -> l.strip().startsWith("#")).count();
        assertThat(commented).as("comments in %s", scenario).isGreaterThanOrEqualTo(criteria / 2);
    }
}
