package dev.cvkit.acceptance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.cvkit.acceptance.support.Checkout;
import dev.cvkit.acceptance.support.JmxPlan;
import dev.cvkit.sandbox.testutil.VirtualDisplay;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The plans in JMeter 5.6.3's GUI (the stock home the sandbox assembles, the plugin jar on its search path, under
 * Xvfb): each opens, every element's panel shows it without a complaint, and saving it again from the GUI writes
 * the very same file - the plans are what JMeter itself writes. Screenshots in {@code target/gui-plans/}.
 */
class PlansInJMeterGuiIT {

    @Test
    void everyPlanOpensInTheGuiAndSavesUnchanged() throws Exception {
        assumeTrue(VirtualDisplay.installed("Xvfb"), "Xvfb is needed (apt-get install xvfb): GUI test skipped");
        Path out = Checkout.root().resolve("acceptance/target/gui-plans");
        Files.createDirectories(out);
        try (var old = Files.list(out)) {
            for (Path file : old.toList()) {
                Files.delete(file);
            }
        }
        Path script = out.resolve("open-plans.groovy");
        try (InputStream in = getClass().getResourceAsStream("open-plans.groovy")) {
            Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
        }
        String plans = Checkout.SCENARIOS.stream().map(s -> Checkout.plan(s).toString()).collect(Collectors.joining(";"));
        Process jmeter = null;
        try (VirtualDisplay display = VirtualDisplay.start(1400, 1000, out.resolve("xvfb.log"))) {
            try {
                String jar = Checkout.pluginsJar().toString();
                List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                        Checkout.jmeterHome().resolve("bin/ApacheJMeter.jar").toString(),
                        "-Juser.classpath=" + jar, "-Jsearch_paths=" + jar, "-Jjsr223.init.file=" + script,
                        "-Jcvkit.gui.out=" + out, "-Jcvkit.plans=" + plans, "-j", out.resolve("jmeter.log").toString());
                ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.resolve("jmeter.out").toFile());
                jmeter = display.into(builder).start();
                assertThat(jmeter.waitFor(5, TimeUnit.MINUTES)).as("JMeter's GUI went through the plans and exited").isTrue();
            } finally {
                if (jmeter != null) {
                    jmeter.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
                }
            }
        }
        assertThat(out.resolve("done.txt")).as(Files.readString(out.resolve("jmeter.out"))).exists();
        List<String> report = Files.readAllLines(out.resolve("report.txt"));
        assertThat(report).as("every element's panel, without a dialog or error").allMatch(line -> line.endsWith("\tok"));
        String log = Files.readString(out.resolve("jmeter.log"));
        assertThat(log).doesNotContain("CannotResolveClassException").doesNotContain("Could not convert")
                .doesNotContain("Missing jar").doesNotContain(" ERROR ");

        for (String scenario : Checkout.SCENARIOS) {
            Path plan = Checkout.plan(scenario);
            String file = plan.getFileName().toString();
            List<String> lines = new ArrayList<>(report.stream().filter(l -> l.startsWith(file + "\t")).toList());
            assertThat(lines).as("%s: one panel per element", file).hasSize(JmxPlan.read(plan).elements().size());
            assertThat(lines).as("%s: plugin elements shown by JMeter's TestBean GUI", file)
                    .filteredOn(l -> l.contains("\tdev.cvkit.jmeter.")).allMatch(l -> l.contains("\torg.apache.jmeter.testbeans.gui.TestBeanGUI\t"));
            assertThat(out.resolve(file.replace(".jmx", ".png"))).isRegularFile();
            assertThat(Files.readString(out.resolve(file.replace(".jmx", ".saved-by-gui.jmx"))))
                    .as("%s saved again from JMeter's GUI", file).isEqualTo(Files.readString(plan));
        }
    }
}
