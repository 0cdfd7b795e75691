package dev.cvkit.sandbox.jmeter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cvkit.sandbox.testutil.Jtl;
import dev.cvkit.sandbox.testutil.LoopbackHttpServer;
import dev.cvkit.sandbox.testutil.TestPluginJar;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stock JMeter home assembled at {@code package} time ({@code target/jmeter-home}) works like a real
 * install: {@code java -jar bin/ApacheJMeter.jar -n -t plan.jmx -l out.jtl}, then {@code -g out.jtl -o dir}.
 */
class JMeterHomeIT {

    static final Path HOME = Path.of("target", "jmeter-home").toAbsolutePath();

    @TempDir
    Path dir;

    /** Runs the launcher jar of the home in {@code dir}; returns exit code and output. */
    private String[] jmeter(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-jar", HOME.resolve("bin/ApacheJMeter.jar").toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output;
        try (InputStream in = process.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!process.waitFor(180, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("jmeter did not finish: " + output);
        }
        return new String[] {Integer.toString(process.exitValue()), output};
    }

    @Test
    void theHomeHasAStockLayoutFromJMetersOwnArtifactsOnly() throws IOException {
        assertThat(HOME.resolve("bin/ApacheJMeter.jar")).isRegularFile();
        for (String file : List.of("jmeter.properties", "saveservice.properties", "upgrade.properties", "user.properties",
                "system.properties", "reportgenerator.properties", "log4j2.xml")) {
            assertThat(HOME.resolve("bin").resolve(file)).isRegularFile();
        }
        assertThat(HOME.resolve("bin/report-template/index.html.fmkr")).isRegularFile();
        assertThat(HOME.resolve("lib/junit")).isDirectory();
        assertThat(HOME.resolve("lib/jorphan.jar")).isRegularFile();
        List<String> ext;
        try (Stream<Path> files = Files.list(HOME.resolve("lib/ext"))) {
            ext = files.map(p -> p.getFileName().toString()).toList();
        }
        assertThat(ext).contains("ApacheJMeter_core.jar", "ApacheJMeter_components.jar", "ApacheJMeter_http.jar",
                "ApacheJMeter_functions.jar", "ApacheJMeter_java.jar", "ApacheJMeter_jdbc.jar", "ApacheJMeter_tcp.jar");
        assertThat(ext).allMatch(n -> n.startsWith("ApacheJMeter_"));
        List<String> lib;
        try (Stream<Path> files = Files.list(HOME.resolve("lib"))) {
            lib = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".jar")).toList();
        }
        assertThat(lib).contains("jorphan.jar").anyMatch(n -> n.startsWith("httpclient-")).anyMatch(n -> n.startsWith("groovy-"));
        // The sandbox's own dependencies stay out of JMeter's home.
        assertThat(lib).noneMatch(n -> n.startsWith("bc") || n.startsWith("picocli") || n.startsWith("azure-")
                || n.startsWith("ApacheJMeter") || n.startsWith("cvkit"));
    }

    @Test
    void runsAPlanInNonGuiModeAndBuildsTheHtmlReport() throws Exception {
        Path plan = dir.resolve("plan.jmx");
        try (InputStream in = getClass().getResourceAsStream("/jmeter/two-requests.jmx")) {
            Files.copy(in, plan);
        }
        try (LoopbackHttpServer target = new LoopbackHttpServer()) {
            String[] run = jmeter("-n", "-t", plan.toString(), "-l", "out.jtl", "-j", "jmeter.log",
                    "-Jtarget.port=" + target.port(), "-Jusers=2", "-Jloops=5");
            assertThat(run[0]).as(run[1]).isEqualTo("0");
            assertThat(run[1]).contains("Created the tree successfully").contains("end of run");
            assertThat(target.requests()).isEqualTo(20);
        }
        Jtl jtl = Jtl.read(dir.resolve("out.jtl"));
        assertThat(jtl.header()).containsExactlyElementsOf(EmbeddedJMeterTest.DEFAULT_COLUMNS);
        assertThat(jtl.rows()).hasSize(20);
        assertThat(jtl.rows("GET missing")).allSatisfy(r -> assertThat(r.get("responseCode")).isEqualTo("404"));

        String[] report = jmeter("-g", "out.jtl", "-o", "report", "-j", "report.log");
        assertThat(report[0]).as(report[1]).isEqualTo("0");
        assertThat(dir.resolve("report/index.html")).isRegularFile();
        assertThat(Files.readString(dir.resolve("report/statistics.json"))).contains("\"GET ok\"").contains("\"GET missing\"");
    }

    @Test
    void loadsAPluginJarGivenOnTheCommandLine() throws Exception {
        Path jar = TestPluginJar.build(dir.resolve("plugin"));
        Path plan = Files.writeString(dir.resolve("plugin.jmx"), TestPluginJar.plan(4));
        String[] run = jmeter("-n", "-t", plan.toString(), "-l", "plugin.jtl", "-j", "plugin.log",
                "-Juser.classpath=" + jar, "-Jsearch_paths=" + jar);
        assertThat(run[0]).as(run[1]).isEqualTo("0");
        assertThat(Jtl.read(dir.resolve("plugin.jtl")).rows("echo sample")).hasSize(4);
    }
}
