package dev.cvkit.jmeter.chaos;

import java.time.Duration;
import java.util.Optional;

/**
 * One action of an experiment branch: a fault ({@code continuous} with an ISO-8601 duration, or
 * {@code discrete}, applied once) or a {@code delay}.
 *
 * @param name the fault's URN, e.g. {@code urn:csci:microsoft:virtualMachine:shutdown/1.0}
 * @param type {@code continuous}, {@code discrete}, {@code delay} (as the service gave it)
 * @param rawDuration the {@code duration} text as given, or null
 */
public record ExperimentAction(String name, String type, String rawDuration) {

    /** The parsed {@code duration}, empty when absent or not an ISO-8601 duration {@link Duration} can read. */
    public Optional<Duration> duration() {
        if (rawDuration == null || rawDuration.isBlank()) {
            return Optional.empty();
        }
        try {
            Duration parsed = Duration.parse(rawDuration.trim());
            return parsed.isNegative() ? Optional.empty() : Optional.of(parsed);
        } catch (java.time.format.DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
