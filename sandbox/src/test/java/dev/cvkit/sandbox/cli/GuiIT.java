package dev.cvkit.sandbox.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.cvkit.sandbox.testutil.TestPluginJar;
import dev.cvkit.sandbox.testutil.VirtualDisplay;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./cvkit gui plan.jmx} for real, under Xvfb: JMeter 5.6.3's GUI from the assembled home opens a plan
 * whose element comes from a plugin jar outside JMeter's home; killing the cvkit process takes JMeter down.
 */
class GuiIT {

    @TempDir
    Path dir;

    private static String windows(String display) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("xwininfo", "-root", "-tree").redirectErrorStream(true);
        builder.environment().put("DISPLAY", display);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor(10, TimeUnit.SECONDS);
        return output;
    }

    @Test
    void theGuiOpensAPlanWithAPluginElement() throws Exception {
        assumeTrue(VirtualDisplay.installed("Xvfb") && VirtualDisplay.installed("xwininfo"),
                "Xvfb and xwininfo are needed (apt-get install xvfb x11-utils): GUI test skipped");
        Path jar = TestPluginJar.build(dir.resolve("plugin"));
        Path plan = Files.writeString(dir.resolve("plugin-plan.jmx"), TestPluginJar.plan(1));
        Path log = dir.resolve("jmeter-gui.log");
        Process cvkit = null;
        List<ProcessHandle> started = new ArrayList<>();
        try (VirtualDisplay display = VirtualDisplay.start(1280, 1024, dir.resolve("xvfb.log"))) {
            try {
                List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Dcvkit.root=" + System.getProperty("cvkit.root"), "-Dcvkit.plugins.jar=" + jar,
                        "-cp", System.getProperty("java.class.path"), SandboxMain.class.getName(),
                        "gui", "--no-sandbox", "--log", log.toString(), plan.toString());
                ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("cvkit.out").toFile());
                cvkit = display.into(builder).start();

                String windows = "";
                long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
                while (System.nanoTime() < deadline && cvkit.isAlive()) {
                    windows = windows(display.name());
                    if (windows.contains("plugin-plan.jmx")) {
                        break;
                    }
                    Thread.sleep(500);
                }
                cvkit.descendants().forEach(started::add);
                String jmeterLog = Files.exists(log) ? Files.readString(log) : "(no log)";
                assertThat(cvkit.isAlive()).as(Files.readString(dir.resolve("cvkit.out")) + jmeterLog).isTrue();
                assertThat(windows).as("JMeter's main window shows the plan").contains("plugin-plan.jmx").contains("Apache JMeter");
                // The window appears when the plan is loaded; a plugin class JMeter could not resolve would be logged.
                assertThat(jmeterLog).contains("Loading file: " + plan)
                        .doesNotContain("CannotResolveClassException").doesNotContain("Could not convert").doesNotContain("Missing jar");
                assertThat(started).as("JMeter runs as a child of ./cvkit gui").isNotEmpty();
            } finally {
                if (cvkit != null) {
                    cvkit.destroy();
                    cvkit.waitFor(30, TimeUnit.SECONDS);
                    cvkit.destroyForcibly();
                }
                for (ProcessHandle child : started) {
                    child.onExit().get(30, TimeUnit.SECONDS);
                }
            }
        }
        assertThat(started).as("killing ./cvkit gui stops JMeter").noneMatch(ProcessHandle::isAlive);
    }
}
