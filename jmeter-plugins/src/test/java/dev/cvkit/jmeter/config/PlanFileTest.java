package dev.cvkit.jmeter.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cvkit.jmeter.testing.JMeterTestHome;
import dev.cvkit.jmeter.testing.Plans;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.jmeter.save.SaveService;
import org.apache.jmeter.testelement.TestElement;
import org.apache.jorphan.collections.HashTree;
import org.apache.jorphan.collections.SearchByClass;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A plan saved and loaded by JMeter's SaveService keeps choices as their keys and expressions as written. */
class PlanFileTest {

    @TempDir
    Path directory;

    @Test
    void choicesAreSavedAsKeysAndExpressionsAsWritten() throws Exception {
        JMeterTestHome.init();
        Path jmx = new Plans("keys").config(Map.of("credential", "credential.managedIdentity",
                "experimentResourceId", "${__P(experiment)}", "managedIdentityClientId", "${__env(AZURE_CLIENT_ID)}",
                "dryRun", "${__P(dryRun,false)}")).save(directory.resolve("keys.jmx"));

        String xml = Files.readString(jmx);
        assertThat(xml).contains("<stringProp name=\"credential\">credential.managedIdentity</stringProp>")
                .contains("<stringProp name=\"experimentResourceId\">${__P(experiment)}</stringProp>")
                .contains("<stringProp name=\"managedIdentityClientId\">${__env(AZURE_CLIENT_ID)}</stringProp>")
                .contains("guiclass=\"TestBeanGUI\" testclass=\"dev.cvkit.jmeter.config.ChaosExperimentConfig\"");

        HashTree loaded = SaveService.loadTree(jmx.toFile());
        SearchByClass<ChaosExperimentConfig> search = new SearchByClass<>(ChaosExperimentConfig.class);
        loaded.traverse(search);
        TestElement config = search.getSearchResults().iterator().next();
        assertThat(config.getPropertyAsString("credential")).isEqualTo("credential.managedIdentity");
        assertThat(config.getPropertyAsString("dryRun")).isEqualTo("${__P(dryRun,false)}");
    }
}
