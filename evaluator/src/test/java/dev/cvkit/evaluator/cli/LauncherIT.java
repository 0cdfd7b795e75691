package dev.cvkit.evaluator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher as a user runs it: {@code ./cvkit ...} as a separate process from the repository root,
 * with {@code CVKIT_NO_BUILD=1} so that it runs the jar this build has just packaged (and fails rather
 * than rebuilding when that jar is missing or stale).
 */
class LauncherIT {

    private static Path root;
    private static Path fixtures;

    @TempDir
    Path dir;

    private record Run(int exitCode, String out, String err) {
    }

    @BeforeAll
    static void locate() throws URISyntaxException {
        String rootProperty = System.getProperty("cvkit.root");
        assertThat(rootProperty).as("system property cvkit.root (set by the parent POM)").isNotBlank();
        root = Paths.get(rootProperty).toAbsolutePath().normalize();
        assertThat(root.resolve("cvkit")).as("launcher at the repository root").isExecutable();
        assertThat(root.resolve("evaluator/target/cvkit-evaluator.jar")).as("jar packaged by this build").isRegularFile();
        fixtures = Paths.get(LauncherIT.class.getResource("/launcher/results.csv").toURI()).getParent();
    }

    private Run cvkit(String... args) throws IOException, InterruptedException {
        return cvkit(Map.of(), args);
    }

    private Run cvkit(Map<String, String> extraEnv, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add("./cvkit");
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(root.toFile());
        Map<String, String> env = pb.environment();
        env.put("CVKIT_NO_BUILD", "1");
        // The outcome must not depend on the pipeline this test itself runs in.
        env.remove("TF_BUILD");
        env.remove("GITHUB_STEP_SUMMARY");
        env.remove("JAVA_OPTS");
        env.remove("CVKIT_NO_CDS");
        env.putAll(extraEnv);
        Path out = dir.resolve("out-" + System.nanoTime() + ".txt");
        Path err = dir.resolve("err-" + System.nanoTime() + ".txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        try {
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                throw new AssertionError("./cvkit " + String.join(" ", args) + " did not finish within 120 s");
            }
        } finally {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    private static String fixture(String name) {
        return fixtures.resolve(name).toString();
    }

    @Test
    void helpListsTheVerbs() throws Exception {
        Run run = cvkit("--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Usage: ./cvkit <verb>", "evaluate", "stats");
    }

    @Test
    void evaluateHelpShowsTheOptions() throws Exception {
        Run run = cvkit("evaluate", "--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("--criteria=FILE", "--json=FILE", "--junit=FILE", "--markdown=FILE", "RESULTS...");
    }

    @Test
    void passingRunExitsZero() throws Exception {
        Path json = dir.resolve("gate.json");
        Run run = cvkit("evaluate", "--criteria", fixture("pass.yaml"), "--json", json.toString(), fixture("results.csv"));
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Home", "Checkout");
        assertThat(run.out()).containsPattern("PASS\\s+fail\\s+Home: avg\\(response_time_ms\\) > 300\\s+147\\.5 ms\\s+300 ms");
        assertThat(run.out().strip()).endsWith("Verdict: PASS (4 passed)");
        JsonNode report = new ObjectMapper().readTree(json.toFile());
        assertThat(report.get("verdict").asText()).isEqualTo("pass");
        assertThat(report.at("/stats/overall/count").asLong()).isEqualTo(30);
        assertThat(report.at("/stats/labels/Checkout/errors").asLong()).isEqualTo(1);
    }

    @Test
    void failingRunExitsOne() throws Exception {
        Run run = cvkit("evaluate", "--criteria", fixture("fail.yaml"), fixture("results.csv"));
        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(run.out()).containsPattern("FAIL\\s+fail\\s+Checkout: avg\\(response_time_ms\\) > 300\\s+400 ms\\s+300 ms");
        assertThat(run.out().strip()).endsWith("Verdict: FAIL (1 failed, 1 passed)");
    }

    @Test
    void badCriteriaExitThreeWithLineAndNoStackTrace() throws Exception {
        Run run = cvkit("evaluate", "--criteria", fixture("bad.yaml"), fixture("results.csv"));
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).startsWith("cvkit: invalid input: " + fixture("bad.yaml") + ":3: unknown aggregate 'average'");
        assertThat(run.err()).contains("Accepted criteria");
        assertThat(run.err()).doesNotContain("\tat ", "Exception");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void missingResultsFileExitsThree() throws Exception {
        String missing = dir.resolve("no-such-results.jtl").toString();
        Run run = cvkit("evaluate", "--criteria", fixture("pass.yaml"), missing);
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).startsWith("cvkit: invalid input: ").contains("no-such-results.jtl");
        assertThat(run.err()).doesNotContain("\tat ");
        assertThat(run.out()).doesNotContain("Verdict");
    }

    @Test
    void missingCriteriaFileExitsThree() throws Exception {
        String missing = dir.resolve("no-such-criteria.yaml").toString();
        Run run = cvkit("evaluate", "--criteria", missing, fixture("results.csv"));
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).isEqualTo("cvkit: invalid input: " + missing + ": no such criteria file\n");
    }

    @Test
    void recordedReferenceJudgesRelativeCriteria() throws Exception {
        Path reference = dir.resolve("baselines/normal/reference.json");
        Run record = cvkit("baseline", "record", "--results", fixture("results.csv"), "--out", reference.toString());
        assertThat(record.exitCode()).as(record.err()).isZero();
        assertThat(record.out()).startsWith("Recorded reference run " + reference);
        assertThat(Files.readString(reference)).contains("\"format\": \"cvkit-reference-run\"");

        Path criteria = dir.resolve("relative.yaml");
        Files.writeString(criteria, "failureCriteria:\n  - avg(response_time_ms) > +10%\n"
                + "  - Home: p95(response_time_ms) > +10%\n");
        Run run = cvkit("evaluate", "--criteria", criteria.toString(), "--reference", reference.toString(),
                fixture("results.csv"));
        // The same results: no change; but 20 rows of Home are too few for a relative p95, which fails.
        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(run.out()).contains("Reference run: " + reference);
        assertThat(run.out()).containsPattern("PASS\\s+fail\\s+avg\\(response_time_ms\\) > \\+10%\\s+[\\d.]+ ms\\s+\\+10%"
                + "\\s+[\\d.]+ ms\\s+\\+0%\\s+[\\d.]+");
        assertThat(run.out()).contains("not enough samples: the reference run has 20, the results 20");

        Files.writeString(reference, "{\"format\": \"cvkit-reference-run\", \"version\": 3}");
        Run bad = cvkit("evaluate", "--criteria", criteria.toString(), "--reference", reference.toString(),
                fixture("results.csv"));
        assertThat(bad.exitCode()).isEqualTo(3);
        assertThat(bad.err()).startsWith("cvkit: invalid input: " + reference + ": version: format version 3");
        assertThat(bad.err()).doesNotContain("\tat ");
    }

    /**
     * The JVM keeps no class older than Java 6 (class file version 50) in the launcher's archive: such a class is
     * parsed and verified afresh by every run. picocli and commons-math3 ship Java 5 binaries, so the build
     * compiles both from their sources; a dependency added (or a build step lost) that brings old classes back
     * fails here.
     */
    @Test
    void everyClassInTheJarCanJoinTheClassArchive() throws Exception {
        Map<String, Integer> oldest = new java.util.TreeMap<>();
        int classes = 0;
        java.io.File jarFile = root.resolve("evaluator/target/cvkit-evaluator.jar").toFile();
        try (java.util.zip.ZipFile jar = new java.util.zip.ZipFile(jarFile)) {
            for (var entries = jar.entries(); entries.hasMoreElements(); ) {
                java.util.zip.ZipEntry entry = entries.nextElement();
                if (!entry.getName().endsWith(".class")) {
                    continue;
                }
                classes++;
                try (var in = new java.io.DataInputStream(jar.getInputStream(entry))) {
                    assertThat(in.readInt()).as(entry.getName()).isEqualTo(0xCAFEBABE);
                    in.readUnsignedShort(); // minor version
                    int major = in.readUnsignedShort();
                    if (major < 50) {
                        oldest.merge(entry.getName().replaceAll("/[^/]*$", ""), major, Math::min);
                    }
                }
            }
        }
        assertThat(classes).as("classes in the jar").isGreaterThan(1000);
        assertThat(oldest).as("packages with classes older than Java 6 (package -> oldest class file version)")
                .isEmpty();
    }

    @Test
    void classArchiveIsWrittenOncePerBuildAndChangesNothingButTheStart() throws Exception {
        Path jar = root.resolve("evaluator/target/cvkit-evaluator.jar");
        Path archive = root.resolve("evaluator/target/cvkit-evaluator.jsa");
        Files.deleteIfExists(archive);

        Run without = cvkit(Map.of("CVKIT_NO_CDS", "1"), "stats", fixture("results.csv"));
        assertThat(archive).as("CVKIT_NO_CDS=1 writes no archive").doesNotExist();
        Run first = cvkit("stats", fixture("results.csv"));
        assertThat(archive).as("written by the first run after a build").isRegularFile();
        assertThat(Files.getLastModifiedTime(archive)).isGreaterThan(Files.getLastModifiedTime(jar));
        long written = Files.getLastModifiedTime(archive).toMillis();
        Run second = cvkit("stats", fixture("results.csv"));
        assertThat(Files.getLastModifiedTime(archive).toMillis()).as("kept while the jar is unchanged").isEqualTo(written);
        try (var leftovers = Files.list(archive.getParent())) {
            assertThat(leftovers.map(p -> p.getFileName().toString())).noneMatch(name -> name.endsWith(".tmp"));
        }

        for (Run run : List.of(without, first, second)) {
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.err()).isEmpty();
            assertThat(run.out()).isEqualTo(without.out()).contains("Checkout");
        }

        // A damaged archive (a disk error, a JDK update) costs the faster start, never the result.
        Files.delete(archive); // the JVM writes it read-only
        Files.write(archive, new byte[] {1, 2, 3, 4});
        Run damaged = cvkit("stats", fixture("results.csv"));
        assertThat(damaged.exitCode()).as(damaged.err()).isZero();
        assertThat(damaged.err()).isEmpty();
        assertThat(damaged.out()).isEqualTo(without.out());

        // A JVM that cannot write an archive (sharing off) tries once per build, not on every run.
        Files.delete(archive);
        Map<String, String> noSharing = Map.of("CVKIT_EVALUATOR_JAVA_OPTS", "-XX:+UseParallelGC -Xmx256m -Xshare:off");
        Run attempted = cvkit(noSharing, "stats", fixture("results.csv"));
        assertThat(archive).as("the attempt is recorded").isEmptyFile();
        long attemptedAt = Files.getLastModifiedTime(archive).toMillis();
        Run after = cvkit(noSharing, "stats", fixture("results.csv"));
        assertThat(Files.getLastModifiedTime(archive).toMillis()).as("not attempted again").isEqualTo(attemptedAt);
        for (Run run : List.of(attempted, after)) {
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out()).isEqualTo(without.out());
        }
        Files.delete(archive);
    }

    @Test
    void unknownOptionExitsTwo() throws Exception {
        Run run = cvkit("evaluate", "--criteria", fixture("pass.yaml"), "--htm", "r.html", fixture("results.csv"));
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Unknown option: '--htm'");
    }
}
