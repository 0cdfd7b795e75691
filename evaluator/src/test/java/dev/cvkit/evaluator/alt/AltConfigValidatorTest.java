package dev.cvkit.evaluator.alt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AltConfigValidatorTest {

    @TempDir
    Path dir;

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(AltConfigValidatorTest.class.getResource("/alt/" + name).toURI());
    }

    private List<String> check(String yaml) throws IOException {
        Path file = dir.resolve("config.yaml");
        Files.writeString(file, yaml);
        return new AltConfigValidator(false).validate(file).stream().map(ConfigFinding::toString).toList();
    }

    @Test
    void acceptsAFullChaosConfigurationWhoseFilesExist() throws Exception {
        assertThat(new AltConfigValidator(true).validate(resource("valid/chaos-config.yaml"))).isEmpty();
    }

    @Test
    void reportsEveryMistakeWithItsLine() throws Exception {
        List<ConfigFinding> findings = new AltConfigValidator(true).validate(resource("invalid/many-mistakes.yaml"));
        assertThat(findings).allMatch(ConfigFinding::isError);
        assertThat(findings).extracting(f -> f.line() + ": " + f.message()).containsExactly(
                "1: version must be v0.1 (the only version ALT supports), found 'v0.2'",
                "1: the required key testId is missing (2 to 50 characters of [a-zA-Z0-9_-])",
                "2: unknown key 'testID' (did you mean 'testId'?); ALT accepts: " + String.join(", ",
                        AltConfigValidator.KEYS.stream().sorted(String.CASE_INSENSITIVE_ORDER).toList()),
                "3: displayName must be 2 to 50 characters long, found 1",
                "4: testPlan 'plan.jmx' does not exist (paths are relative to the configuration file's folder)",
                "5: testType 'JMeter' is not valid: use JMX, URL or Locust",
                "6: engineInstances must be an integer from 1 to 400, found '401'",
                "7: splitAllCSVs must be true or false, found 'maybe'",
                "9: autoStop.errorPercentage must be a number from 0 to 100",
                "10: autoStop.timeWindow must be a whole number of seconds greater than 0",
                "14: a SystemAssigned reference identity takes no value",
                "15: kind of a reference identity must be Metrics, KeyVault or Engine, found 'Storage'",
                // engineInstances is invalid, so the regions' sum is not compared with it a second time.
                "17: a multi-region test needs at least 2 regions in regionalLoadTestConfig");
    }

    @Test
    void regionsMustAddUpToTheEngineCount() throws IOException {
        assertThat(check("""
                testId: multi
                testPlan: p.jmx
                engineInstances: 3
                regionalLoadTestConfig:
                  - region: eastus
                    engineInstances: 1
                  - region: westeurope
                    engineInstances: 1
                """)).containsExactly(dir.resolve("config.yaml")
                + ":4: error: the regions' engineInstances add up to 2 but engineInstances is 3: they must be equal");
    }

    @Test
    void identityRulesFollowAlt() throws IOException {
        assertThat(check("""
                testId: ids
                testPlan: p.jmx
                keyVaultReferenceIdentityType: UserAssigned
                referenceIdentities:
                  - kind: Metrics
                  - kind: Metrics
                    type: SystemAssigned
                  - kind: KeyVault
                    type: UserAssigned
                """)).extracting(s -> s.substring(s.indexOf(": error: ") + 9)).containsExactlyInAnyOrder(
                "keyVaultReferenceIdentityType: UserAssigned needs keyVaultReferenceIdentity (the identity's resource ID)",
                "a UserAssigned reference identity needs value: the identity's resource ID",
                "two Key Vault identities: use either keyVaultReferenceIdentity or a KeyVault reference identity",
                "only one Metrics reference identity is allowed");
    }

    @Test
    void planExtensionFollowsTestTypeAndDeprecatedTestNameWarns() throws IOException {
        assertThat(check("""
                testName: old-style
                testType: URL
                testPlan: requests.jmx
                autoStop: off
                publicIPDisabled: true
                """)).extracting(s -> s.substring(s.indexOf(": ", s.indexOf(".yaml:")) + 2)).containsExactly(
                "warning: testName is deprecated: use testId",
                "error: testPlan of a URL test must be a .json file, found 'requests.jmx'",
                "error: autoStop must be 'disable' or a mapping {errorPercentage, timeWindow}",
                "error: publicIPDisabled: true needs a subnetId (it applies only to tests of private endpoints)");
    }

    @Test
    void syntaxErrorsAndEmptyFilesAreReportedNotThrown() throws IOException {
        assertThat(check("testId: [unclosed\n")).singleElement().asString().contains(":2: error: not valid YAML");
        assertThat(check("")).singleElement().asString().endsWith("the file is empty");
        assertThat(check("testId: ab\ntestId: cd\ntestPlan: p.jmx\n")).singleElement().asString()
                .endsWith(":2: error: key 'testId' appears twice (first on line 1)");
    }

    /** Every ALT configuration in the shared corpus is one ALT accepted; files it names live elsewhere. */
    @Test
    void everyCorpusConfigurationIsAccepted() throws IOException {
        String corpus = System.getProperty("cvkit.corpus", "");
        Path alt = Path.of(corpus, "alt");
        assumeTrue(!corpus.isEmpty() && Files.isDirectory(alt), "shared corpus not found at '" + corpus + "': skipped");
        Map<String, List<String>> expectedWarnings = Map.of(
                "azlt_app-components-test.yaml", List.of("warning: testName is deprecated: use testId"),
                "azlt_basic-test-locust.yaml", List.of("warning: testName is deprecated: use testId"),
                "azlt_basic-test-url.yaml", List.of("warning: testName is deprecated: use testId"));
        List<Path> configs;
        try (Stream<Path> files = Files.list(alt)) {
            configs = files.filter(p -> p.getFileName().toString().endsWith(".yaml"))
                    .filter(p -> !p.getFileName().toString().startsWith("mco_"))
                    .sorted().toList();
        }
        assertThat(configs).hasSizeGreaterThanOrEqualTo(11);
        for (Path config : configs) {
            List<String> findings = new AltConfigValidator(false).validate(config).stream()
                    .map(f -> f.severity().name().toLowerCase() + ": " + f.message()).toList();
            assertThat(findings).as(config.getFileName().toString())
                    .isEqualTo(expectedWarnings.getOrDefault(config.getFileName().toString(), List.of()));
        }
    }
}
