package dev.cvkit.evaluator.ci;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The environment variables cvkit reacts to ({@code TF_BUILD}, {@code GITHUB_STEP_SUMMARY}), behind an
 * interface so that tests never depend on the real environment.
 */
@FunctionalInterface
public interface CiEnvironment {

    /** The raw value of a variable, or null when it is not set. */
    String raw(String name);

    /** The value of a variable, empty when unset or blank. */
    default Optional<String> get(String name) {
        String value = raw(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }

    /** Azure Pipelines sets {@code TF_BUILD=True} in every job. */
    default boolean azurePipelines() {
        return get("TF_BUILD").isPresent();
    }

    /** The file GitHub Actions renders as the job summary, when running there. */
    default Optional<String> githubStepSummary() {
        return get("GITHUB_STEP_SUMMARY");
    }

    /** The process environment. */
    static CiEnvironment system() {
        return System::getenv;
    }

    /** A fixed environment, for tests. */
    static CiEnvironment of(Map<String, String> variables) {
        Map<String, String> copy = Map.copyOf(variables);
        return name -> copy.get(Objects.requireNonNull(name));
    }
}
