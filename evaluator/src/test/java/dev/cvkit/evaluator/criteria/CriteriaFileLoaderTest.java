package dev.cvkit.evaluator.criteria;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cvkit.evaluator.InvalidInputException;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CriteriaFileLoaderTest {

    private static CriteriaSet load(String yaml) {
        return CriteriaFileLoader.load(new StringReader(yaml), "criteria.yaml");
    }

    private static List<String> texts(CriteriaSet set) {
        return set.criteria().stream().map(Criterion::text).toList();
    }

    private static ClientMeasure measure(Criterion c) {
        return (ClientMeasure) c.measure();
    }

    // ---- Every example of Azure Load Testing's documentation ----

    /** how-to-define-test-criteria (2023 and later) and reference-test-config-yaml: the plain list form. */
    @Test
    void altDocsListExample() {
        CriteriaSet set = load("""
                version: v0.1
                testId: SampleTestCICD
                displayName: Sample test from CI/CD
                testPlan: SampleTest.jmx
                description: Load test website home page
                engineInstances: 1
                failureCriteria:
                  - avg(response_time_ms) > 300
                  - percentage(error) > 50
                  - GetCustomerDetails: avg(latency) >200
                """);
        assertThat(texts(set)).containsExactly("avg(response_time_ms) > 300", "percentage(error) > 50",
                "GetCustomerDetails: avg(latency) >200");
        Criterion first = set.criteria().get(0);
        assertThat(first.location().line()).isEqualTo(8);
        assertThat(first.scope().overall()).isTrue();
        assertThat(measure(first)).isEqualTo(new ClientMeasure(Aggregate.of(Aggregate.Kind.AVG),
                ClientMetric.RESPONSE_TIME_MS));
        Criterion perRequest = set.criteria().get(2);
        assertThat(perRequest.scope().label()).isEqualTo("GetCustomerDetails");
        assertThat(measure(perRequest).metric()).isEqualTo(ClientMetric.LATENCY);
        assertThat(((AbsoluteThreshold) perRequest.threshold()).value()).isEqualTo(200);
        assertThat(perRequest.location().line()).isEqualTo(10);
        assertThat(set.criteria()).allSatisfy(c -> assertThat(c.tier()).isEqualTo(Tier.FAIL));
        assertThat(set.serverCriteria()).isEmpty();
    }

    /** how-to-define-test-criteria (2022 preview) wrote the latency metric as latency_ms. */
    @Test
    void altDocs2022ExampleWithLatencyMs() {
        CriteriaSet set = load("""
                version: v0.1
                testName: SampleTest
                testPlan: SampleTest.jmx
                description: Load test website home page
                engineInstances: 1
                failureCriteria:
                  - avg(response_time_ms) > 300
                  - percentage(error) > 50
                  - GetCustomerDetails: avg(latency_ms) >200
                """);
        assertThat(set.criteria()).hasSize(3);
        assertThat(measure(set.criteria().get(2)).metric()).isEqualTo(ClientMetric.LATENCY);
    }

    /** The full sample configuration of reference-test-config-yaml, with every other ALT key present. */
    @Test
    void altDocsFullSampleConfiguration() {
        CriteriaSet set = load("""
                version: v0.1
                testId: SampleTest
                displayName: Sample Test
                description: Load test website home page
                testPlan: SampleTest.jmx
                testType: JMX
                engineInstances: 1
                subnetId: /subscriptions/abcdef01-2345-6789-0abc-def012345678/resourceGroups/sample-rg/providers/Microsoft.Network/virtualNetworks/load-testing-vnet/subnets/load-testing
                configurationFiles:
                  - 'sampledata.csv'
                  - 'testfragment.jmx'
                zipArtifacts:
                   - bigdata.zip
                splitAllCSVs: True
                failureCriteria:
                  - avg(response_time_ms) > 300
                  - percentage(error) > 50
                  - GetCustomerDetails: avg(latency) >200
                autoStop:
                  errorPercentage: 80
                  timeWindow: 60
                secrets:
                  - name: my-secret
                    value: https://akv-contoso.vault.azure.net/secrets/MySecret/abc1234567890def12345
                keyVaultReferenceIdentity: /subscriptions/abcdef01-2345-6789-0abc-def012345678/resourceGroups/sample-rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/sample-identity
                """);
        assertThat(set.criteria()).hasSize(3);
    }

    /** reference-test-config-yaml's failureCriteria sample: the clientMetrics/serverMetrics map form. */
    @Test
    void altDocsClientAndServerMetricsExample() {
        CriteriaSet set = load("""
                version: v0.1
                testId: SampleTest
                displayName: Sample Test
                description: Load test website home page
                testPlan: SampleTest.jmx
                testType: JMX
                engineInstances: 1
                failureCriteria:
                  clientMetrics:
                    - avg(responseTimeMs) > 300
                    - percentage(error) > 50
                    - getCustomerDetails: avg(latency) > 200
                  serverMetrics:
                    - resourceId: /subscriptions/abcdef01-2345-6789-0abc-def012345678/resourceGroups/sample-rg/providers/Microsoft.Compute/virtualMachines/sample-vm
                      metricNamespace: Microsoft.Compute/virtualMachines
                      metricName: Percentage CPU
                      aggregation: Average
                      condition: GreaterThan
                      value: 80
                    - resourceId: /subscriptions/abcdef01-2345-6789-0abc-def012345678/resourceGroups/sample-rg/providers/Microsoft.Compute/virtualMachines/sample-vm
                      metricNamespace: Microsoft.Compute/virtualMachines
                      metricName: Available Memory
                      aggregation: Average
                      condition: LessThan
                      value: 20
                """);
        assertThat(texts(set)).containsExactly("avg(responseTimeMs) > 300", "percentage(error) > 50",
                "getCustomerDetails: avg(latency) > 200");
        assertThat(measure(set.criteria().get(0)).metric()).isEqualTo(ClientMetric.RESPONSE_TIME_MS);
        assertThat(set.serverCriteria()).extracting(ServerMetricCriterion::text).containsExactly(
                "server metric Average(Percentage CPU) GreaterThan 80 on sample-vm",
                "server metric Average(Available Memory) LessThan 20 on sample-vm");
        assertThat(set.serverCriteria().get(0).location().line()).isEqualTo(14);
        assertThat(set.serverCriteria().get(1).location().line()).isEqualTo(20);
    }

    /** The ALT tutorial (AZ-400 lab) replaces an empty list with two criteria; the empty list alone is nothing to judge. */
    @Test
    void emptyFailureCriteriaListIsNothingToJudge() {
        assertThatThrownBy(() -> load("testId: x\nfailureCriteria: []\n"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("no criterion that can be judged locally");
    }

    // ---- cvkit's own additions ----

    @Test
    void warnCriteriaInTheSameGrammar() {
        CriteriaSet set = load("""
                failureCriteria:
                  - p99(response_time_ms) > 2000
                warnCriteria:
                  - p95(response_time_ms) >= 800
                  - Checkout: percentage(error) > 0.5
                  - avg(requests_per_sec) < 10, continue
                """);
        assertThat(set.criteria()).extracting(Criterion::tier)
                .containsExactly(Tier.FAIL, Tier.WARN, Tier.WARN, Tier.WARN);
        assertThat(set.criteria().get(2).scope().label()).isEqualTo("Checkout");
        assertThat(set.criteria().get(3).location().line()).isEqualTo(6);
    }

    @Test
    void warnCriteriaInTheMapFormToo() {
        CriteriaSet set = load("""
                warnCriteria:
                  clientMetrics:
                    - p95(latency) > 100
                """);
        assertThat(set.criteria()).singleElement().satisfies(c -> assertThat(c.tier()).isEqualTo(Tier.WARN));
    }

    @Test
    void quotedCriteriaAndQuotedLabelsWithColons() {
        CriteriaSet set = load("""
                failureCriteria:
                  - "GET /items: p95(response_time_ms) > 300"
                  - 'Checkout: step 2': avg(latency) < 1000
                  - "p99.9(connect_time_ms) <= 50"
                """);
        assertThat(set.criteria()).extracting(c -> c.scope().label())
                .containsExactly("GET /items", "Checkout: step 2", null);
    }

    @Test
    void criteriaOnlyFileWithoutOtherKeys() {
        assertThat(load("failureCriteria:\n- count(requests) < 100\n").criteria()).hasSize(1);
    }

    // ---- Errors: file, line, what was expected, and the grammar ----

    @ParameterizedTest(name = "[{index}] {2}")
    @CsvSource(delimiter = '|', value = {
        "'failureCriteria:\n  - avg(response_time_ms) > 300\n  - avg(response_time_ms) = 300\n' | 3 | operator '='",
        "'failureCriteria:\n  - avg(respons_time_ms) > 300\n'                 | 2 | unknown metric 'respons_time_ms'",
        "'failureCriteria:\n  - [avg(response_time_ms), 300]\n'               | 2 | expected a criterion, found a list",
        "'failureCriteria:\n  - a: avg(latency) > 1\n    b: avg(latency) > 2\n' | 2 | one criterion per list item",
        "'failureCriteria:\n  - Home:\n'                                      | 2 | expected a criterion after 'Home: '",
        "'failureCriteria:\n  -\n'                                            | 2 | empty criterion in failureCriteria",
        "'failureCriteria: avg(response_time_ms) > 300\n'                     | 1 | failureCriteria: expected a list of criteria",
        "'failureCriteria:\n  clientMetric:\n    - avg(latency) > 1\n'         | 2 | unexpected key 'clientMetric' under failureCriteria",
        "'failureCriteria:\n  clientMetrics: avg(latency) > 1\n'              | 2 | failureCriteria.clientMetrics: expected a list",
        "'failureCriteria:\n  serverMetrics:\n    - just text\n'              | 3 | a serverMetrics entry is a map",
        "'failureCriteria:\n  - avg(latency) > 1\nfailureCriteria:\n  - avg(latency) > 2\n' | 3 | failureCriteria: appears twice",
        "'- avg(latency) > 1\n'                                              | 1 | expected a YAML map with failureCriteria:",
        "'testId: x\ntestPlan: a.jmx\n'                                      | 1 | no failureCriteria: or warnCriteria: in this file",
        "''                                                                  | 1 | the criteria file is empty",
        "'failureCriteria:\n  - avg(latency) > 1\n - avg(latency) > 2\n'      | 3 | not valid YAML",
        "'failureCriteria:\n  - avg(latency) > 1\n   - avg(latency) > 2\n'    | 2 | unexpected 'avg(latency) > 1 -' before the aggregate",
        "'warnCriteria: [p95(latency) > 1\n'                                 | 2 | not valid YAML",
        "'failureCriteria:\n  - \"avg(latency) > 1\n'                         | 3 | not valid YAML",
        "'failureCriteria:\n\t- avg(latency) > 1\n'                          | 2 | not valid YAML",
        "'failureCriteria:\n  serverMetrics:\n    - metricName: CPU\n'        | 1 | only serverMetrics, which JMeter results do not carry",
    })
    void badFilesNameTheLineAndTheGrammar(String yaml, int line, String expected) {
        assertThatThrownBy(() -> load(yaml.replace("\\n", "\n").replace("\\t", "\t")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("criteria.yaml:" + line + ": ")
                .hasMessageContaining(expected)
                .hasMessageContaining(CriteriaGrammar.DESCRIPTION);
    }

    // ---- Fault phases, warm-up, windows, recovery ----

    @Test
    void phasesInsideATierAsAListItemOrBesideClientMetrics() {
        CriteriaSet set = load("""
                warmup: 90s
                recovery: {window: 15s, hold: 1m, tolerance: 25%, errorTolerance: 0.5%}
                failureCriteria:
                  - p95(response_time_ms) > 800
                  - phases:
                      before:
                        - p95(response_time_ms) > 300
                      during:
                        - Checkout: percentage(error) > 20 for 30s
                        - "GET /a: p99(latency) > +50%"
                      after:
                        - recovery_time_s(response_time_ms) > 60
                warnCriteria:
                  clientMetrics:
                    - avg(latency) > 200
                  phases:
                    after:
                      - Checkout: recovery_time_s(error) > 30
                """);
        assertThat(set.warmup()).isEqualTo(dev.cvkit.evaluator.phases.Warmup.of(90_000));
        assertThat(set.recovery()).isEqualTo(new dev.cvkit.evaluator.timeline.RecoverySettings(15_000, 60_000, 25, 0.5));
        assertThat(set.criteria()).extracting(c -> c.scope().phase(), c -> c.scope().label(), Criterion::tier,
                c -> c.location().line(), Criterion::windowMillis)
                .containsExactly(
                        org.assertj.core.api.Assertions.tuple("all", null, Tier.FAIL, 4, 0L),
                        org.assertj.core.api.Assertions.tuple("before", null, Tier.FAIL, 7, 0L),
                        org.assertj.core.api.Assertions.tuple("during", "Checkout", Tier.FAIL, 9, 30_000L),
                        org.assertj.core.api.Assertions.tuple("during", "GET /a", Tier.FAIL, 10, 0L),
                        org.assertj.core.api.Assertions.tuple("after", null, Tier.FAIL, 12, 0L),
                        org.assertj.core.api.Assertions.tuple("all", null, Tier.WARN, 15, 0L),
                        org.assertj.core.api.Assertions.tuple("after", "Checkout", Tier.WARN, 18, 0L));
        assertThat(set.criteria().get(3).threshold()).isEqualTo(new RelativeThreshold(50));
        assertThat(set.criteria().get(4).measure()).isEqualTo(new RecoveryMeasure(ClientMetric.RESPONSE_TIME_MS));
        assertThat(set.criteria().get(6).measure()).isEqualTo(new RecoveryMeasure(ClientMetric.ERROR));
        assertThat(set.needsLatencyOverTime()).isFalse();
    }

    @Test
    void warmupAutoAndDefaults() {
        CriteriaSet auto = load("warmup: auto\nfailureCriteria:\n  - recovery_time_s(latency) > 10\n");
        assertThat(auto.warmup().kind()).isEqualTo(dev.cvkit.evaluator.phases.Warmup.Kind.AUTO);
        assertThat(auto.recovery()).isEqualTo(dev.cvkit.evaluator.timeline.RecoverySettings.DEFAULTS);
        assertThat(auto.needsLatencyOverTime()).isTrue();
        assertThat(auto.criteria().get(0).scope().phase()).isEqualTo("after");
        assertThat(load("warmup: none\nfailureCriteria:\n  - avg(latency) > 1\n").warmup())
                .isEqualTo(dev.cvkit.evaluator.phases.Warmup.NONE);
        assertThat(load("failureCriteria:\n  - p95(connect_time_ms) > 5 for 1m\n").needsConnectOverTime()).isTrue();
    }

    @ParameterizedTest(name = "[{index}] {2}")
    @CsvSource(delimiter = '|', value = {
        "'failureCriteria:\n  - avg(latency) > 1\nphases:\n  during:\n    - avg(latency) > 2\n' | 3 | phases: belongs inside failureCriteria: or warnCriteria:",
        "'failureCriteria:\n  - phases:\n      durring:\n        - avg(latency) > 1\n' | 3 | unknown phase 'durring' under phases: expected before, during or after",
        "'failureCriteria:\n  - phases:\n      - during: [avg(latency) > 1]\n' | 3 | failureCriteria.phases: expected a map from before, during or after",
        "'failureCriteria:\n  phases:\n    during: avg(latency) > 1\n'     | 3 | phases: during: expected a list of criteria, found 'avg(latency) > 1'",
        "'failureCriteria:\n  - phases:\n      during:\n        - phases: {after: [avg(latency) > 1]}\n' | 4 | phases do not nest",
        "'failureCriteria:\n  - phases:\n      during: [avg(latency) > 1]\n      during: [avg(latency) > 2]\n' | 4 | during: appears twice",
        "'warmup: soon\nfailureCriteria:\n  - avg(latency) > 1\n'          | 1 | warmup: 'soon' is not a duration such as 30s",
        "'warmup: [30s]\nfailureCriteria:\n  - avg(latency) > 1\n'         | 1 | warmup: expected a duration such as 30s, 2m, 1m30s, 1h or 500ms, auto or none, found a list",
        "'recovery: {hold: forever}\nfailureCriteria:\n  - avg(latency) > 1\n' | 1 | recovery.hold: expected a duration",
        "'recovery: {window: 500ms}\nfailureCriteria:\n  - avg(latency) > 1\n' | 1 | recovery.window: must be at least 1s",
        "'recovery:\n  tolerance: lots\nfailureCriteria:\n  - avg(latency) > 1\n' | 2 | recovery.tolerance: expected a percentage >= 0",
        "'recovery:\n  slack: 5%\nfailureCriteria:\n  - avg(latency) > 1\n' | 2 | unexpected key 'slack' under recovery: expected window, hold, tolerance, errorTolerance",
        "'recovery: 30s\nfailureCriteria:\n  - avg(latency) > 1\n'         | 1 | recovery: expected a map with window, hold, tolerance, errorTolerance",
        "'failureCriteria:\n  - avg(latency) > 1\n  - Checkout: p95(response_time_ms) > 900 for a while\n' | 3 | 'for a while' in 'p95(response_time_ms) > 900 for a while': expected a duration",
        "'failureCriteria:\n  - p95(response_time_ms) > 900 for 500ms\n'   | 2 | the window must be at least 1s",
        "'failureCriteria:\n  - p95(response_time_ms) > +10% for 30s\n'    | 2 | combines a change against the reference run with a 'for' window",
        "'failureCriteria:\n  - phases:\n      during:\n        - recovery_time_s(error) > 5\n' | 4 | is under phases: during: but recovery is measured after the fault ends",
        "'warnCriteria:\n  - recovery_time_s(requests) > 60\n'             | 2 | 'requests' in 'recovery_time_s(requests) > 60': recovery_time_s takes response_time_ms, latency or connect_time_ms",
        "'warnCriteria:\n  - recovery_time_s(error) > 60 for 30s\n'        | 2 | a recovery time takes no 'for' window",
        "'warnCriteria:\n  - recovery_time_s(error) > soon\n'              | 2 | threshold 'soon' in 'recovery_time_s(error) > soon' is not a number of seconds",
        "'warnCriteria:\n  - recovery_time(error) > 60\n'                  | 2 | unknown aggregate 'recovery_time' in 'recovery_time(error) > 60': recovery is written recovery_time_s(<metric>)",
    })
    void badPhaseLanguageNamesTheLineAndTheGrammar(String yaml, int line, String expected) {
        assertThatThrownBy(() -> load(yaml.replace("\\n", "\n")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("criteria.yaml:" + line + ": ")
                .hasMessageContaining(expected)
                .hasMessageContaining(CriteriaGrammar.DESCRIPTION);
    }

    @Test
    void missingFileIsInvalidInput(@TempDir Path dir) {
        assertThatThrownBy(() -> CriteriaFileLoader.load(dir.resolve("nope.yaml"), "nope.yaml"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("nope.yaml: no such criteria file");
    }

    @Test
    void directoryIsInvalidInput(@TempDir Path dir) {
        assertThatThrownBy(() -> CriteriaFileLoader.load(dir, "dir"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("is a directory");
    }

    @Test
    void binaryGarbageIsInvalidInput(@TempDir Path dir) throws IOException {
        Path garbage = dir.resolve("garbage.yaml");
        Files.write(garbage, new byte[] {(byte) 0xff, (byte) 0xfe, 0x00, (byte) 0x80, (byte) 0xc3, 0x28, 0x01});
        assertThatThrownBy(() -> CriteriaFileLoader.load(garbage, "garbage.yaml"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("garbage.yaml");
    }

    @Test
    void readsAFileFromDisk(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("c.yaml");
        Files.writeString(file, "\uFEFFfailureCriteria:\r\n  - p90(response_time_ms) > 5\r\n");
        CriteriaSet set = CriteriaFileLoader.load(file, "c.yaml");
        assertThat(set.source()).isEqualTo("c.yaml");
        assertThat(set.criteria()).singleElement()
                .satisfies(c -> assertThat(c.location()).isEqualTo(new SourceLocation("c.yaml", 2)));
    }
}
