package dev.cvkit.acceptance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.cvkit.acceptance.support.Checkout;
import dev.cvkit.acceptance.support.JmxPlan;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
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

    private static boolean onPath(String program) {
        for (String entry : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(entry, program))) {
                return true;
            }
        }
        return false;
    }

    private static int freeDisplay() {
        for (int display = 140; display < 200; display++) {
            if (!Files.exists(Path.of("/tmp/.X11-unix/X" + display)) && !Files.exists(Path.of("/tmp/.X" + display + "-lock"))) {
                return display;
            }
        }
        throw new IllegalStateException("no free X display number in :140..:199");
    }

    @Test
    void everyPlanOpensInTheGuiAndSavesUnchanged() throws Exception {
        assumeTrue(onPath("Xvfb"), "Xvfb is needed (apt-get install xvfb): GUI test skipped");
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
        String display = ":" + freeDisplay();
        Process xvfb = new ProcessBuilder("Xvfb", display, "-screen", "0", "1400x1000x24", "-nolisten", "tcp")
                .redirectErrorStream(true).redirectOutput(out.resolve("xvfb.log").toFile()).start();
        Process jmeter = null;
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (!Files.exists(Path.of("/tmp/.X11-unix/X" + display.substring(1))) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            String jar = Checkout.pluginsJar().toString();
            List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                    Checkout.jmeterHome().resolve("bin/ApacheJMeter.jar").toString(),
                    "-Juser.classpath=" + jar, "-Jsearch_paths=" + jar, "-Jjsr223.init.file=" + script,
                    "-Jcvkit.gui.out=" + out, "-Jcvkit.plans=" + plans, "-j", out.resolve("jmeter.log").toString());
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.resolve("jmeter.out").toFile());
            builder.environment().put("DISPLAY", display);
            jmeter = builder.start();
            assertThat(jmeter.waitFor(5, TimeUnit.MINUTES)).as("JMeter's GUI went through the plans and exited").isTrue();
        } finally {
            if (jmeter != null) {
                jmeter.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
            xvfb.destroy();
            xvfb.waitFor(10, TimeUnit.SECONDS);
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
