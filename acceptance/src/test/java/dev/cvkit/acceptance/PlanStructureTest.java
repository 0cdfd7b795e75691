package dev.cvkit.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cvkit.acceptance.support.Checkout;
import dev.cvkit.acceptance.support.JmxPlan;
import dev.cvkit.acceptance.support.JmxPlan.PlanElement;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * The plans as a careful JMeter user builds them, read as the files they are: a Transaction Controller per flow
 * of FLOWS.md, every request inside one, HTTP defaults from {@code target.url}, test data next to the plan, no
 * variable that nothing defines, every property a short local run needs set in its local properties.
 */
class PlanStructureTest {

    /** Names of the flows: the first column of FLOWS.md's table, in backquotes. */
    private static final Pattern FLOW_ROW = Pattern.compile("^\\| `([^`]+)` \\|", Pattern.MULTILINE);

    static List<String> scenarios() {
        return Checkout.SCENARIOS;
    }

    static List<String> flows() throws IOException {
        String table = Files.readString(Checkout.plans().resolve("FLOWS.md"));
        List<String> flows = new ArrayList<>();
        Matcher m = FLOW_ROW.matcher(table.substring(0, table.indexOf("## Scenarios")));
        while (m.find()) {
            flows.add(m.group(1));
        }
        return flows;
    }

    @Test
    void everyScenarioHasItsPlanLocalPropertiesAltConfigAndBaseline() {
        for (String scenario : Checkout.SCENARIOS) {
            assertThat(Checkout.plan(scenario)).isRegularFile();
            assertThat(Checkout.localProperties(scenario)).isRegularFile();
            assertThat(Checkout.altConfig(scenario)).isRegularFile();
            assertThat(Checkout.baseline(scenario)).isRegularFile();
        }
    }

    @Test
    void theNormalPlanHasExactlyTheFlowsOfTheTable() throws IOException {
        assertThat(flows()).hasSize(8);
        assertThat(JmxPlan.read(Checkout.plan("normal")).transactionNames()).containsExactlyInAnyOrderElementsOf(flows());
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void everyRequestBelongsToAFlowOfTheTable(String scenario) throws IOException {
        JmxPlan plan = JmxPlan.read(Checkout.plan(scenario));
        List<String> flows = flows();
        assertThat(plan.transactionNames()).as("flows of %s", scenario).isNotEmpty().allMatch(flows::contains)
                .doesNotHaveDuplicates();
        List<PlanElement> requests = new ArrayList<>(plan.ofClass("HTTPSamplerProxy"));
        requests.addAll(plan.ofClass("JSR223Sampler"));
        assertThat(requests).isNotEmpty();
        for (PlanElement request : requests) {
            assertThat(request.path()).as("%s: %s sits in a Transaction Controller", scenario, request.name())
                    .anyMatch(flows::contains);
            assertThat(request.enabled()).isTrue();
        }
        for (PlanElement http : plan.ofClass("HTTPSamplerProxy")) {
            // Host, port and protocol come from the HTTP Request Defaults; a sampler names only its path.
            assertThat(http.properties()).doesNotContainKeys("HTTPSampler.domain", "HTTPSampler.port", "HTTPSampler.protocol");
            assertThat(http.properties().get("HTTPSampler.path")).startsWith("/");
        }
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void httpDefaultsComeFromTargetUrlOnce(String scenario) throws IOException {
        JmxPlan plan = JmxPlan.read(Checkout.plan(scenario));
        List<PlanElement> defaults = plan.ofClass("ConfigTestElement");
        assertThat(defaults).hasSize(1);
        assertThat(defaults.get(0).path()).hasSize(1); // at Test Plan level, for every thread group
        assertThat(defaults.get(0).properties()).containsEntry("HTTPSampler.domain", "${targetHost}")
                .containsEntry("HTTPSampler.port", "${targetPort}").containsEntry("HTTPSampler.protocol", "${targetProtocol}");
        PlanElement testPlan = plan.ofClass("TestPlan").get(0);
        assertThat(testPlan.arguments()).containsExactly("targetProtocol", "targetHost", "targetPort");
        assertThat(testPlan.texts()).filteredOn(t -> t.startsWith("${__groovy(")).hasSize(3)
                .allMatch(t -> t.contains("props.getProperty('target.url')"));
        assertThat(plan.ofClass("HeaderManager")).isNotEmpty();
        assertThat(plan.ofClass("CookieManager")).hasSize(1);
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void testDataSitsNextToThePlanAndEveryVariableIsDefined(String scenario) throws IOException {
        JmxPlan plan = JmxPlan.read(Checkout.plan(scenario));
        Set<String> defined = new LinkedHashSet<>();
        for (PlanElement csv : plan.ofClass("CSVDataSet")) {
            String file = csv.properties().get("filename");
            // Azure Load Testing puts every uploaded file next to the plan: a bare name works there and locally.
            assertThat(file).doesNotContain("/").doesNotContain("\\");
            Path data = Checkout.plans().resolve(file);
            assertThat(data).isRegularFile();
            assertThat(csv.properties().get("variableNames")).as("names from the file's header line").isEmpty();
            List<String> lines = Files.readAllLines(data, StandardCharsets.UTF_8);
            assertThat(lines.size()).as(file + " has data").isGreaterThan(10);
            defined.addAll(List.of(lines.get(0).split(",")));
        }
        for (PlanElement extractor : plan.ofClass("JSONPostProcessor")) {
            defined.addAll(List.of(extractor.properties().get("JSONPostProcessor.referenceNames").split(";")));
        }
        defined.addAll(plan.ofClass("TestPlan").get(0).arguments());
        assertThat(plan.variablesUsed()).as("variables %s uses", scenario).isSubsetOf(defined);
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void thinkTimesAreFlowControlPausesWithTheirOwnTimer(String scenario) throws IOException {
        JmxPlan plan = JmxPlan.read(Checkout.plan(scenario));
        List<PlanElement> timers = new ArrayList<>(plan.ofClass("UniformRandomTimer"));
        timers.addAll(plan.ofClass("ConstantTimer"));
        assertThat(timers).isNotEmpty();
        for (PlanElement timer : timers) {
            // A timer applies to every sampler in its scope: under a pause it delays that pause only.
            String parent = timer.path().get(timer.path().size() - 1);
            assertThat(plan.ofClass("TestAction")).as("%s: timer %s under a Flow Control Action", scenario, timer.name())
                    .anyMatch(pause -> pause.name().equals(parent));
        }
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void theLocalRunSetsWhatTheShortRunNeedsAndNothingThePlanDoesNotRead(String scenario) throws IOException {
        Map<String, Boolean> read = JmxPlan.read(Checkout.plan(scenario)).propertiesRead();
        Properties local = new Properties();
        try (Reader in = Files.newBufferedReader(Checkout.localProperties(scenario))) {
            local.load(in);
        }
        assertThat(local.stringPropertyNames()).as("%s.local.properties sets only what the plan reads", scenario)
                .isSubsetOf(read.keySet());
        assertThat(local.stringPropertyNames()).as("the short run sets the load's duration and size")
                .contains("load.users", "load.durationSeconds");
        // What the plan reads without a default comes from the sandbox (the demo adds it) or azure.properties.
        read.forEach((name, hasDefault) -> {
            if (!hasDefault) {
                assertThat(name).as("%s reads %s without a default", scenario, name).startsWith("chaos.experiment.");
            }
        });
    }
}
