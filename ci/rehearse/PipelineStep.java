import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Takes one script step out of an Azure Pipelines or GitHub Actions YAML file, exactly as written there, with the
 * pipeline's expressions replaced by the values ci/rehearse.sh gives: the step's script body, its environment and
 * its working directory, for rehearse.sh to run the way the agent would.
 *
 * <pre>
 * java -cp cvkit-evaluator.jar:CLASSES PipelineStep --file F --step ID --out DIR [--var EXPRESSION=VALUE]...
 * </pre>
 *
 * A step is found by its reference name: {@code name:} of an Azure Pipelines {@code bash:}/{@code script:} step,
 * {@code id:} of a GitHub Actions {@code run:} step; exactly one step of the file must have it. Writes
 * {@code DIR/script} (the body), {@code DIR/env} ({@code NAME=value} records, each ended by a NUL byte),
 * {@code DIR/workdir} (empty when the step names none) and {@code DIR/kind} ({@code azure-pipelines} or
 * {@code github-actions}).
 *
 * <p>Replaced: every template expression {@code ${{ EXPRESSION }}} (both systems evaluate them before the step
 * runs), keyed by its trimmed text, e.g. {@code matrix.scenario} or {@code join(' ', parameters.scenarios.*.name)};
 * and Azure Pipelines' macros {@code $(Variable.Name)}. An expression without a value is an error, and so is a macro
 * without a value in the environment or working directory (the agent would pass it on literally, which no script
 * expects); a macro inside a script body without a value is left as it is, as the agent does, since {@code $(cmd)}
 * is also the shell's command substitution. Exit code 0, 2 on a usage error, 3 when the step or a value is missing.
 * snakeyaml comes from the evaluator jar's classpath.
 */
public final class PipelineStep {

    private static final Pattern TEMPLATE_EXPRESSION = Pattern.compile("\\$\\{\\{(.*?)}}");
    private static final Pattern MACRO = Pattern.compile("\\$\\(([A-Za-z_][A-Za-z0-9_.]*)\\)");

    private PipelineStep() {
    }

    public static void main(String[] args) {
        try {
            run(args);
        } catch (Failure e) {
            System.err.println("PipelineStep: " + e.getMessage());
            System.exit(e.exitCode);
        } catch (IOException e) {
            System.err.println("PipelineStep: " + e);
            System.exit(3);
        }
    }

    private static void run(String[] args) throws IOException {
        Path file = null;
        String stepId = null;
        Path out = null;
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (i + 1 >= args.length) {
                throw new Failure(2, option + " needs a value");
            }
            String value = args[++i];
            switch (option) {
                case "--file" -> file = Path.of(value);
                case "--step" -> stepId = value;
                case "--out" -> out = Path.of(value);
                case "--var" -> {
                    int equals = value.indexOf('=');
                    if (equals <= 0) {
                        throw new Failure(2, "--var " + value + ": expected EXPRESSION=VALUE");
                    }
                    values.put(value.substring(0, equals).trim(), value.substring(equals + 1));
                }
                default -> throw new Failure(2, "unknown option " + option);
            }
        }
        if (file == null || stepId == null || out == null) {
            throw new Failure(2, "usage: PipelineStep --file F --step ID --out DIR [--var EXPRESSION=VALUE]...");
        }

        Object document;
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            document = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
        }
        List<Map<?, ?>> found = new ArrayList<>();
        collectSteps(document, stepId, found);
        if (found.size() != 1) {
            throw new Failure(3, file + ": expected exactly one script step named '" + stepId + "' (Azure Pipelines name:,"
                    + " GitHub Actions id:), found " + found.size());
        }
        Map<?, ?> step = found.get(0);
        boolean github = step.containsKey("run");
        String where = file + ", step " + stepId;

        String body = text(step.get(github ? "run" : step.containsKey("bash") ? "bash" : "script"), where + ": script");
        String script = substitute(body, values, !github, false, where + ": script");
        StringBuilder env = new StringBuilder();
        if (step.get("env") instanceof Map<?, ?> variables) {
            for (Map.Entry<?, ?> variable : variables.entrySet()) {
                String name = String.valueOf(variable.getKey());
                String value = substitute(text(variable.getValue(), where + ": env " + name), values, !github, true,
                        where + ": env " + name);
                env.append(name).append('=').append(value).append('\0');
            }
        }
        Object workdir = step.get(github ? "working-directory" : "workingDirectory");
        String workingDirectory = workdir == null ? ""
                : substitute(text(workdir, where + ": working directory"), values, !github, true, where + ": working directory");

        Files.createDirectories(out);
        Files.writeString(out.resolve("script"), script, StandardCharsets.UTF_8);
        Files.writeString(out.resolve("env"), env, StandardCharsets.UTF_8);
        Files.writeString(out.resolve("workdir"), workingDirectory, StandardCharsets.UTF_8);
        Files.writeString(out.resolve("kind"), github ? "github-actions" : "azure-pipelines", StandardCharsets.UTF_8);
    }

    /** Every mapping below {@code node} that is a script step whose reference name is {@code stepId}. */
    private static void collectSteps(Object node, String stepId, List<Map<?, ?>> found) {
        if (node instanceof Map<?, ?> map) {
            boolean adoStep = (map.containsKey("bash") || map.containsKey("script")) && stepId.equals(map.get("name"));
            boolean githubStep = map.containsKey("run") && stepId.equals(map.get("id"));
            if (adoStep || githubStep) {
                found.add(map);
            }
            map.values().forEach(child -> collectSteps(child, stepId, found));
        } else if (node instanceof List<?> list) {
            list.forEach(child -> collectSteps(child, stepId, found));
        }
    }

    private static String text(Object value, String where) {
        if (value == null) {
            throw new Failure(3, where + ": no value");
        }
        if (value instanceof Map<?, ?> || value instanceof List<?>) {
            throw new Failure(3, where + ": expected text, found " + value.getClass().getSimpleName());
        }
        return String.valueOf(value);
    }

    private static String substitute(String text, Map<String, String> values, boolean macros, boolean strictMacros,
            String where) {
        Matcher expressions = TEMPLATE_EXPRESSION.matcher(text);
        StringBuilder replaced = new StringBuilder();
        while (expressions.find()) {
            String expression = expressions.group(1).trim();
            String value = values.get(expression);
            if (value == null) {
                throw new Failure(3, where + ": no rehearsal value for ${{ " + expression + " }} (give it with --var '"
                        + expression + "=VALUE'; known: " + values.keySet() + ")");
            }
            expressions.appendReplacement(replaced, Matcher.quoteReplacement(value));
        }
        expressions.appendTail(replaced);
        if (!macros) {
            return replaced.toString();
        }
        Matcher macro = MACRO.matcher(replaced.toString());
        StringBuilder result = new StringBuilder();
        while (macro.find()) {
            String value = values.get(macro.group(1));
            if (value == null && strictMacros) {
                throw new Failure(3, where + ": no rehearsal value for $(" + macro.group(1) + ") (give it with --var '"
                        + macro.group(1) + "=VALUE'; known: " + values.keySet() + ")");
            }
            macro.appendReplacement(result, Matcher.quoteReplacement(value != null ? value : macro.group()));
        }
        macro.appendTail(result);
        return result.toString();
    }

    /** A problem with a message for the user and the exit code it ends with. */
    private static final class Failure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int exitCode;

        Failure(int exitCode, String message) {
            super(message);
            this.exitCode = exitCode;
        }
    }
}
