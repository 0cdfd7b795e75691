package dev.cvkit.evaluator.criteria;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.cvkit.evaluator.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs the criteria loader over every ALT file of the shared corpus ({@code ../shared/corpus/alt}) and
 * asserts what each yields: ALT configs are accepted as criteria files as they are; files without
 * criteria are refused because a gate without criteria would pass anything.
 */
class AltCorpusCriteriaTest {

    private static Path altDir;

    /** Files that carry no failureCriteria: the loader must refuse them with this message. */
    private static final List<String> WITHOUT_CRITERIA = List.of(
            "azlt_app-components-test.yaml",
            "azlt_autostop-test.yaml",
            "azlt_basic-test-locust.yaml",
            "azlt_basic-test-url.yaml",
            "azlt_multi-region-test.yaml",
            "azlt_pr_check_load_test.workflow.yml",
            "azlt_userproperties-test.yaml",
            "azsamples_cli_config.yaml",
            "bottleneck_SampleApp.yaml",
            "bottleneck_azure-pipelines.yml",
            "bottleneck_github_workflow.yml",
            "mco_stages-loadtest-azure.yaml",
            // ALT's REST passFailMetrics JSON is not the YAML grammar; JSON parses as YAML and has no failureCriteria.
            "mco_loadtest-baseline-chaos.json",
            "mco_loadtest-baseline-normal.json");

    /** Files with criteria: name -> the criteria texts in order. */
    private static final Map<String, List<String>> WITH_CRITERIA = Map.of(
            "azlt_csv-test.yaml", List.of("percentage(error) > 0"),
            "azlt_secret-uami-test.yaml", List.of("percentage(error) > 0"),
            "azlt_pf-criteria-test.yaml", List.of(
                    "max(latency) < 0", "count(requests) < 0", "avg(requests_per_sec) < 1.25", "percentage(error) > 90",
                    "min(response_time_ms) < 0", "p50(response_time_ms) < 0", "p75(response_time_ms) < 0",
                    "p90(response_time_ms) < 0", "p95(response_time_ms) < 0", "p96(response_time_ms) < 0",
                    "p97(response_time_ms) < 0", "p98(response_time_ms) < 0", "p99(response_time_ms) < 0",
                    "p999(response_time_ms) < 0", "p9999(response_time_ms) < 0"));

    @BeforeAll
    static void findCorpus() {
        String corpus = System.getProperty("cvkit.corpus", "../../shared/corpus");
        altDir = Paths.get(corpus, "alt");
        assumeTrue(Files.isDirectory(altDir), "shared corpus not found at " + altDir.toAbsolutePath()
                + " (set -Dcvkit.corpus): skipping the ALT corpus criteria test");
    }

    @Test
    void everyCorpusFileHasAnExpectation() throws IOException {
        try (Stream<Path> files = Files.list(altDir)) {
            List<String> names = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".yaml") || n.endsWith(".yml") || n.endsWith(".json")).sorted().toList();
            assertThat(names).isNotEmpty();
            for (String name : names) {
                assertThat(WITHOUT_CRITERIA.contains(name) || WITH_CRITERIA.containsKey(name))
                        .as("corpus file %s has no expectation in this test: add one", name).isTrue();
            }
        }
    }

    @Test
    void filesWithoutCriteriaAreRefusedClearly() {
        for (String name : WITHOUT_CRITERIA) {
            Path file = altDir.resolve(name);
            assumeTrue(Files.isRegularFile(file), name + " missing from the corpus");
            assertThatThrownBy(() -> CriteriaFileLoader.load(file, name))
                    .as(name)
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageStartingWith(name + ":1: no failureCriteria: or warnCriteria: in this file");
        }
    }

    @Test
    void filesWithCriteriaYieldThemInOrder() {
        for (Map.Entry<String, List<String>> e : WITH_CRITERIA.entrySet()) {
            Path file = altDir.resolve(e.getKey());
            assumeTrue(Files.isRegularFile(file), e.getKey() + " missing from the corpus");
            CriteriaSet set = CriteriaFileLoader.load(file, e.getKey());
            assertThat(set.criteria()).as(e.getKey()).extracting(Criterion::text).containsExactlyElementsOf(e.getValue());
            assertThat(set.criteria()).allSatisfy(c -> {
                assertThat(c.tier()).isEqualTo(Tier.FAIL);
                assertThat(c.scope().overall()).isTrue();
            });
        }
    }

    @Test
    void pfCriteriaServerMetricsAreKeptNotDropped() {
        Path file = altDir.resolve("azlt_pf-criteria-test.yaml");
        assumeTrue(Files.isRegularFile(file));
        CriteriaSet set = CriteriaFileLoader.load(file, "pf.yaml");
        assertThat(set.serverCriteria()).extracting(ServerMetricCriterion::text).containsExactly(
                "server metric Average(CpuPercentage) GreaterThan 0 on cnt-integration-tests-server",
                "server metric Average(MemoryPercentage) GreaterThan 100 on cnt-integration-tests-server");
        // Every aggregate ALT accepts for response_time_ms is in this file; check the percentiles it denotes.
        assertThat(set.criteria().subList(5, 15)).extracting(c -> ((ClientMeasure) c.measure()).aggregate().percentile())
                .containsExactly(50.0, 75.0, 90.0, 95.0, 96.0, 97.0, 98.0, 99.0, 99.9, 99.99);
        assertThat(set.criteria().get(0).location().line()).isEqualTo(12);
    }
}
