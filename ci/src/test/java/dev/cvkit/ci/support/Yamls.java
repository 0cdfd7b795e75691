package dev.cvkit.ci.support;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** Reading the pipeline files and walking their trees. */
public final class Yamls {

    private Yamls() {
    }

    /** The Azure Pipelines files (pipeline and templates) and the GitHub Actions workflows in ci/. */
    public static List<Path> pipelineFiles() throws IOException {
        List<Path> files = new ArrayList<>();
        for (String folder : List.of("ci/azure-pipelines", "ci/github")) {
            try (Stream<Path> walk = Files.walk(Checkout.path(folder))) {
                walk.filter(p -> p.toString().endsWith(".yml") || p.toString().endsWith(".yaml")).sorted().forEach(files::add);
            }
        }
        return files;
    }

    public static boolean isGithubWorkflow(Path file) {
        return file.startsWith(Checkout.path("ci/github"));
    }

    /** Parses with snakeyaml's safe constructor, as YAML 1.1 (so a workflow's {@code on:} key is Boolean.TRUE). */
    public static Object load(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
        }
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> loadMap(Path file) throws IOException {
        Object document = load(file);
        if (!(document instanceof Map<?, ?>)) {
            throw new IllegalStateException(file + ": expected a mapping at the top, found " + document);
        }
        return (Map<String, Object>) document;
    }

    /** Calls {@code visitor} for every mapping in the tree, depth first. */
    public static void eachMap(Object node, Consumer<Map<?, ?>> visitor) {
        if (node instanceof Map<?, ?> map) {
            visitor.accept(map);
            map.values().forEach(child -> eachMap(child, visitor));
        } else if (node instanceof List<?> list) {
            list.forEach(child -> eachMap(child, visitor));
        }
    }

    /** Every text value in the tree (keys included), depth first. */
    public static void eachText(Object node, Consumer<String> visitor) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> {
                eachText(key, visitor);
                eachText(value, visitor);
            });
        } else if (node instanceof List<?> list) {
            list.forEach(child -> eachText(child, visitor));
        } else if (node instanceof String text) {
            visitor.accept(text);
        }
    }
}
