package dev.cvkit.jmeter.stock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cvkit.jmeter.testing.Jtl;
import dev.cvkit.jmeter.testing.Plans;
import dev.cvkit.jmeter.testing.StockJMeter;
import dev.cvkit.sandbox.Sandbox;
import dev.cvkit.sandbox.chaos.EmulatorTiming;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The issue's "done when" measurement: with the config element's <b>default</b> settings (poll every 2 s),
 * against the sandbox's shop and its Chaos Studio emulator with realistic timing (seconds of queueing, an
 * injection lag, a removal lag, over HTTPS; tokens from its IMDS), on a stock JMeter home with the packaged
 * jar, on one engine and on three: what share of the fault's failed requests does the real evaluator put in
 * {@code during}?
 *
 * <p>The fault is the sandbox's stamp failure: every pod of the eastus stamp fails, and requests fail until
 * the front door fails over, i.e. right after the fault takes effect, which is where a late window loses
 * them. Prints, per run, the share by the evaluator ({@code cvkit evaluate --json}, phases from the markers)
 * and, for comparison, by the instants the elements saw (the format-1 reading: {@code timeStamp + elapsed}),
 * and writes them to {@code target/fault-window-accuracy/summary.txt}; the JTLs stay beside it.
 */
class FaultWindowAccuracyIT {

    private static final String EXPERIMENT = "contoso-stamp-failure";
    private static final int LOAD_SECONDS = 50;
    private static final Path OUT = Path.of("target", "fault-window-accuracy").toAbsolutePath();

    /**
     * The realistic profile on 1 and 3 engines; and once with a fault that acts 0.2 s after its action starts
     * (shorter than the poll interval) and a queue of 7 s, which is not a multiple of the 2 s poll: there the
     * element sees Running up to a poll after the fault acts, and the instants it saw lose the first errors.
     */
    @ParameterizedTest(name = "{0} on {1} engine(s), emulator timing {2}")
    @CsvSource({"schedule, 1, realistic", "samplers, 1, realistic", "schedule, 3, realistic", "samplers, 3, realistic",
            "schedule, 1, 'realistic,waitingToStart=3s,injectionLag=200ms'"})
    void theFaultsFailedRequestsFallInDuring(String control, int engines, String timingSpec) throws Exception {
        Path root = Path.of(System.getProperty("cvkit.root", ".."));
        Path evaluatorJar = root.resolve("evaluator/target/cvkit-evaluator.jar");
        assumeTrue(Files.isRegularFile(evaluatorJar), "the measurement runs the real evaluator: build "
                + evaluatorJar + " first (mvn -pl evaluator package)");
        EmulatorTiming timing = EmulatorTiming.parse(timingSpec);
        String slug = timingSpec.replaceAll("[^A-Za-z0-9]+", "-");
        Path directory = Files.createDirectories(OUT.resolve(control + "-" + engines + "-" + slug));
        try (var files = Files.list(directory)) {
            for (Path old : files.filter(f -> f.toString().endsWith(".jtl")).toList()) {
                Files.delete(old);
            }
        }
        StockJMeter jmeter = StockJMeter.withPlugin(Files.createTempDirectory("cvkit-accuracy"));

        // Only what a new user must set: where Chaos Studio is and which experiment; every other field default.
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("endpoint", "${__P(chaos.endpoint)}");
        fields.put("experimentResourceId", "${__P(chaos.experiment." + EXPERIMENT + ")}");
        Plans plans = new Plans("accuracy " + control).config(fields)
                .httpLoad(6, LOAD_SECONDS, "${__P(target.url)}/api/catalog", 100);
        if (control.equals("schedule")) {
            plans.schedule("5", "20");
        } else {
            plans.faultControlAfter(5_000, 20_000);
        }
        Path plan = plans.save(directory.resolve("plan.jmx"));

        List<Path> jtls = new ArrayList<>();
        try (Sandbox sandbox = Sandbox.builder().chaosTiming(timing)
                .experimentsDirectory(root.resolve("test-plans/contoso-shoes/experiments")).build()) {
            List<StockJMeter.Run> runs = new ArrayList<>();
            try {
                for (int engine = 1; engine <= engines; engine++) {
                    Map<String, String> properties = new LinkedHashMap<>(sandbox.jmeterProperties());
                    if (engines > 1) {
                        // What ALT does to thread names: the engine's address in front.
                        properties.put("__jm.D_TG", "10.1.0." + (3 + engine));
                    }
                    // Tokens from IMDS, as an Azure Load Testing engine gets them.
                    runs.add(jmeter.start(plan, directory, "engine" + engine, properties,
                            sandbox.chaos().imdsEnvironment()));
                }
                for (StockJMeter.Run run : runs) {
                    assertThat(run.await(Duration.ofSeconds(LOAD_SECONDS + 90))).as(run.consoleText()).isZero();
                    jtls.add(run.jtl());
                }
            } finally {
                runs.forEach(run -> run.process().destroyForcibly());
            }
            assertThat(sandbox.chaos().executions(EXPERIMENT)).as("executions").hasSize(1);
        }

        Measured evaluated = evaluate(evaluatorJar, directory, jtls);
        Measured seen = seenInstants(jtls);
        String line = String.format(java.util.Locale.ROOT, "%-8s %d engine(s), timing %s: %5.1f %% of %d failed"
                + " requests in during (evaluator, window %s); by the seen instants %5.1f %%; markers: %s", control,
                engines, timingSpec, evaluated.percent(), evaluated.failed(), evaluated.window(), seen.percent(),
                markerWindows(jtls));
        System.out.println("cvkit fault-window accuracy: " + line);
        Files.writeString(OUT.resolve("summary.txt"), line + System.lineSeparator(), StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);

        assertThat(evaluated.failed()).as("the fault made requests fail").isGreaterThanOrEqualTo(10);
        assertThat(evaluated.percent()).as(line).isGreaterThanOrEqualTo(95.0);
    }

    /** The share of failed requests in {@code during}, and the total, as the real evaluator reports them. */
    record Measured(double percent, long failed, String window) {
    }

    private static Measured evaluate(Path evaluatorJar, Path directory, List<Path> jtls) throws Exception {
        Path criteria = Files.writeString(directory.resolve("criteria.yaml"),
                "failureCriteria:\n  - avg(response_time_ms) > 600000\n", StandardCharsets.UTF_8);
        Path json = directory.resolve("report.json");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-jar", evaluatorJar.toString(), "evaluate",
                "--criteria", criteria.toString(), "--json", json.toString()));
        jtls.forEach(jtl -> command.add(jtl.toString()));
        Path console = directory.resolve("evaluate.txt");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(console.toFile())
                .start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("the evaluator finished").isTrue();
        assertThat(process.exitValue()).as(Files.readString(console)).isBetween(0, 1);
        JsonNode report = new ObjectMapper().readTree(json.toFile());
        long total = report.path("stats").path("overall").path("errors").asLong();
        long during = 0;
        for (JsonNode phase : report.path("phases")) {
            if (phase.path("name").asText().equals("during")) {
                during += phase.path("stats").path("overall").path("errors").asLong();
            }
        }
        JsonNode windows = report.path("faultWindows");
        String window = windows.size() != 1 ? windows.size() + " windows"
                : windows.get(0).path("start").asLong() + ".." + windows.get(0).path("end").asLong();
        return new Measured(total == 0 ? 0 : 100.0 * during / total, total, window);
    }

    /** The format-1 reading, for comparison: from the earliest seen Running to the latest seen end. */
    private static Measured seenInstants(List<Path> jtls) {
        long start = Long.MAX_VALUE;
        long end = Long.MIN_VALUE;
        List<Jtl.Row> rows = new ArrayList<>();
        for (Path jtl : jtls) {
            rows.addAll(Jtl.read(jtl));
        }
        for (Jtl.Row row : rows) {
            if (row.label().startsWith("cvkit:fault-") && row.success()) {
                long instant = Long.parseLong(row.get("timeStamp")) + Long.parseLong(row.get("elapsed"));
                if (row.label().startsWith("cvkit:fault-start:")) {
                    start = Math.min(start, instant);
                } else {
                    end = Math.max(end, instant);
                }
            }
        }
        long failed = 0;
        long inside = 0;
        for (Jtl.Row row : rows) {
            if (!row.label().startsWith("cvkit:") && !row.success()) {
                failed++;
                long timeStamp = Long.parseLong(row.get("timeStamp"));
                if (timeStamp >= start && timeStamp < end) {
                    inside++;
                }
            }
        }
        return new Measured(failed == 0 ? 0 : 100.0 * inside / failed, failed, start + ".." + end);
    }

    private static String markerWindows(List<Path> jtls) throws IOException {
        List<String> found = new ArrayList<>();
        for (Path jtl : jtls) {
            for (Jtl.Row row : Jtl.labelled(Jtl.read(jtl), "cvkit:fault-")) {
                Map<String, String> pairs = Jtl.messagePairs(row);
                found.add(row.label().substring("cvkit:fault-".length(), row.label().indexOf(':', 12)) + " "
                        + pairs.get("window") + " " + pairs.getOrDefault("faultFrom", "-") + ".."
                        + pairs.getOrDefault("faultTo", "-"));
            }
        }
        return String.join(", ", found);
    }
}
