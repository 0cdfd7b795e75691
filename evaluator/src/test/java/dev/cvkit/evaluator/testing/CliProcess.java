package dev.cvkit.evaluator.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The evaluator's real entry point ({@code CvkitMain.main}) in a JVM of its own, from this build's classes: its exit
 * code is the process's, its stdout and stderr are the bytes it wrote, and the environment is exactly the one given
 * (no {@code TF_BUILD} or {@code GITHUB_*} of the machine the test runs on).
 */
public final class CliProcess {

    /** What one run printed and returned. */
    public record Result(int exitCode, String out, String err) {

        /** Both streams split into lines as the pipeline agents split them: at LF, CR LF and a lone CR. */
        public List<String> lines() {
            List<String> lines = new ArrayList<>();
            for (String stream : new String[] {out, err}) {
                lines.addAll(List.of(stream.split("\r\n|\r|\n", -1)));
            }
            return lines;
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    private CliProcess() {
    }

    /** Runs {@code java [jvmOptions] dev.cvkit.evaluator.cli.CvkitMain args} with only {@code env} set (and PATH). */
    public static Result run(Path dir, List<String> jvmOptions, Map<String, String> env, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
        command.add("dev.cvkit.evaluator.cli.CvkitMain");
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        String path = pb.environment().get("PATH");
        pb.environment().clear();
        if (path != null) {
            pb.environment().put("PATH", path);
        }
        pb.environment().putAll(env);
        Path out = Files.createTempFile(dir, "cli", ".out");
        Path err = Files.createTempFile(dir, "cli", ".err");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.PIPE).start();
        p.getOutputStream().close();
        try {
            if (!p.waitFor(180, TimeUnit.SECONDS)) {
                throw new AssertionError("the evaluator did not finish within 180 s: " + String.join(" ", args));
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            p.destroyForcibly();
        }
    }
}
