package dev.cvkit.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cvkit.acceptance.support.Checkout;
import dev.cvkit.acceptance.support.JmxPlan;
import dev.cvkit.evaluator.alt.AltConfigValidator;
import dev.cvkit.evaluator.alt.ConfigFinding;
import dev.cvkit.evaluator.criteria.CriteriaFileLoader;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.Yaml;

/**
 * Every scenario's Azure Load Testing configuration is one ALT would accept (cvkit's validator of ALT's keys and
 * rules, with the files it names checked: the packaged plugin jar among them, hence an IT), and it fits its plan.
 */
class AltConfigsIT {

    static List<String> scenarios() {
        return Checkout.SCENARIOS;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> yaml(Path file) throws IOException {
        try (Reader in = Files.newBufferedReader(file)) {
            return (Map<String, Object>) new Yaml().load(in);
        }
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void altWouldAcceptIt(String scenario) throws IOException {
        List<ConfigFinding> findings = new AltConfigValidator(true).validate(Checkout.altConfig(scenario));
        assertThat(findings).as("findings for %s", scenario).isEmpty();
        // Its failureCriteria are ALT's syntax, which cvkit evaluate reads as they are.
        assertThat(CriteriaFileLoader.load(Checkout.altConfig(scenario), scenario).criteria()).isNotEmpty();
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void itUploadsThePlanItsDataAndForChaosThePluginsAndAnEngineIdentity(String scenario) throws IOException {
        Path config = Checkout.altConfig(scenario);
        Map<String, Object> yaml = yaml(config);
        assertThat(yaml.get("testPlan")).isEqualTo(scenario + ".jmx");
        @SuppressWarnings("unchecked")
        List<String> files = (List<String>) yaml.get("configurationFiles");
        for (var csv : JmxPlan.read(Checkout.plan(scenario)).ofClass("CSVDataSet")) {
            assertThat(files).contains(csv.properties().get("filename"));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> properties = (Map<String, Object>) yaml.get("properties");
        Path userProperties = config.getParent().resolve((String) properties.get("userPropertyFile"));
        Properties azure = new Properties();
        try (Reader in = Files.newBufferedReader(userProperties)) {
            azure.load(in);
        }
        assertThat(azure.getProperty("target.url")).startsWith("https://");
        JmxPlan.read(Checkout.plan(scenario)).propertiesRead().forEach((name, hasDefault) -> {
            if (!hasDefault) {
                assertThat(azure.getProperty(name)).as("%s sets %s, which the plan needs", userProperties.getFileName(), name)
                        .isNotBlank();
            }
        });

        boolean chaos = Checkout.CHAOS_SCENARIOS.contains(scenario);
        boolean listsPluginJar = files.stream().anyMatch(f -> config.getParent().resolve(f).normalize()
                .equals(Checkout.pluginsJar().toAbsolutePath().normalize()));
        assertThat(listsPluginJar).as("%s uploads the packaged plugin jar", scenario).isEqualTo(chaos);
        if (chaos) {
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> identities = (List<Map<String, Object>>) yaml.get("referenceIdentities");
            assertThat(identities).anySatisfy(identity -> {
                assertThat(identity.get("kind")).isEqualTo("Engine");
                assertThat(identity.get("type")).isEqualTo("UserAssigned");
            });
            assertThat(azure.getProperty("chaos.identityClientId")).isNotBlank();
            assertThat(yaml.get("autoStop")).isEqualTo("disable");
            // ... and the file says why, right above.
            String text = Files.readString(config);
            assertThat(text.substring(0, text.indexOf("autoStop:"))).containsIgnoringCase("disabled on purpose");
        } else {
            assertThat(yaml.get("autoStop")).isInstanceOf(Map.class);
        }
    }
}
