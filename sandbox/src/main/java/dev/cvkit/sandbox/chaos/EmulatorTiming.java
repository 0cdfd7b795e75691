package dev.cvkit.sandbox.chaos;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How long the emulated Chaos Studio takes for each part of an execution.
 *
 * <pre>
 * start accepted ─ preProcessingQueued ─ waitingToStart ─ Running: action starts ─ injectionLag ─ fault acts
 *   ─ duration ─ removalLag ─ fault removed, action ends
 * cancel accepted (Cancelling) ─ removalLag ─ faults removed, actions end
 *   ─ cancelLatency after the cancel: Cancelled
 * </pre>
 *
 * Chaos Studio takes tens of seconds to start an execution and some seconds for Chaos Mesh or an agent to apply
 * and remove a fault; {@link #REALISTIC} keeps that shape with seconds small enough for a two-minute demo,
 * {@link #FAST} is for unit tests that need the protocol, not the waiting.
 *
 * @param preProcessingQueued time in {@code PreProcessingQueued} after the start is accepted
 * @param waitingToStart      then in {@code WaitingToStart}, before {@code Running}
 * @param injectionLag        from an action's start (its {@code startTime}) until its fault acts
 * @param removalLag          from the end of an action's duration, or an accepted cancel, until its fault is gone
 *                            (the action's {@code endTime})
 * @param cancelLatency       from an accepted cancel to {@code Cancelled}; never before the faults are removed
 */
public record EmulatorTiming(Duration preProcessingQueued, Duration waitingToStart, Duration injectionLag,
        Duration removalLag, Duration cancelLatency) {

    /** Seconds like Azure's, short enough for {@code ./cvkit demo}: the default of the emulator and the sandbox. */
    public static final EmulatorTiming REALISTIC = new EmulatorTiming(Duration.ofSeconds(4), Duration.ofSeconds(4),
            Duration.ofSeconds(3), Duration.ofSeconds(2), Duration.ofSeconds(5));

    /** For unit tests: 0.4 s to {@code Running}, faults applied when their action starts and removed at once. */
    public static final EmulatorTiming FAST = new EmulatorTiming(Duration.ofMillis(200), Duration.ofMillis(200),
            Duration.ZERO, Duration.ZERO, Duration.ofMillis(200));

    private static final Pattern SETTING = Pattern.compile("([A-Za-z]+)=(.+)");

    public EmulatorTiming {
        notNegative(preProcessingQueued, "preProcessingQueued");
        notNegative(waitingToStart, "waitingToStart");
        notNegative(injectionLag, "injectionLag");
        notNegative(removalLag, "removalLag");
        notNegative(cancelLatency, "cancelLatency");
    }

    /** Time from an accepted start to {@code Running}. */
    public Duration startupLatency() {
        return preProcessingQueued.plus(waitingToStart);
    }

    /** This timing with {@code startupLatency} spent in the queued statuses, half in each. */
    public EmulatorTiming withStartupLatency(Duration startupLatency) {
        Duration half = notNegative(startupLatency, "startupLatency").dividedBy(2);
        return new EmulatorTiming(half, startupLatency.minus(half), injectionLag, removalLag, cancelLatency);
    }

    public EmulatorTiming withPreProcessingQueued(Duration time) {
        return new EmulatorTiming(time, waitingToStart, injectionLag, removalLag, cancelLatency);
    }

    public EmulatorTiming withWaitingToStart(Duration time) {
        return new EmulatorTiming(preProcessingQueued, time, injectionLag, removalLag, cancelLatency);
    }

    public EmulatorTiming withInjectionLag(Duration lag) {
        return new EmulatorTiming(preProcessingQueued, waitingToStart, lag, removalLag, cancelLatency);
    }

    public EmulatorTiming withRemovalLag(Duration lag) {
        return new EmulatorTiming(preProcessingQueued, waitingToStart, injectionLag, lag, cancelLatency);
    }

    public EmulatorTiming withCancelLatency(Duration latency) {
        return new EmulatorTiming(preProcessingQueued, waitingToStart, injectionLag, removalLag, latency);
    }

    /**
     * Reads a timing as the command line gives it: a profile name ({@code realistic} or {@code fast}), optionally
     * followed by {@code ,name=duration} overrides, e.g. {@code realistic,injectionLag=5s,waitingToStart=PT20S}.
     * Names are this record's components; durations are ISO-8601 ({@code PT5S}) or a number with {@code ms} or
     * {@code s}.
     *
     * @throws IllegalArgumentException naming what was expected
     */
    public static EmulatorTiming parse(String spec) {
        Objects.requireNonNull(spec, "spec");
        String[] parts = spec.trim().split(",");
        EmulatorTiming timing = switch (parts[0].trim().toLowerCase(Locale.ROOT)) {
            case "realistic" -> REALISTIC;
            case "fast" -> FAST;
            default -> throw new IllegalArgumentException("unknown timing profile '" + parts[0].trim()
                    + "': expected realistic or fast, optionally followed by ,name=duration (e.g. realistic,injectionLag=5s)");
        };
        for (int i = 1; i < parts.length; i++) {
            Matcher setting = SETTING.matcher(parts[i].trim());
            if (!setting.matches()) {
                throw new IllegalArgumentException("timing setting '" + parts[i].trim()
                        + "': expected name=duration, e.g. injectionLag=5s");
            }
            Duration value = parseDuration(setting.group(1), setting.group(2).trim());
            timing = switch (setting.group(1)) {
                case "preProcessingQueued" -> timing.withPreProcessingQueued(value);
                case "waitingToStart" -> timing.withWaitingToStart(value);
                case "injectionLag" -> timing.withInjectionLag(value);
                case "removalLag" -> timing.withRemovalLag(value);
                case "cancelLatency" -> timing.withCancelLatency(value);
                default -> throw new IllegalArgumentException("unknown timing setting '" + setting.group(1)
                        + "': expected preProcessingQueued, waitingToStart, injectionLag, removalLag or cancelLatency");
            };
        }
        return timing;
    }

    private static Duration parseDuration(String name, String text) {
        try {
            String lower = text.toLowerCase(Locale.ROOT);
            if (lower.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(lower.substring(0, lower.length() - 2)));
            }
            if (lower.endsWith("s") && !lower.startsWith("p")) {
                return Duration.ofMillis(Math.round(Double.parseDouble(lower.substring(0, lower.length() - 1)) * 1000));
            }
            Duration duration = Duration.parse(text.toUpperCase(Locale.ROOT));
            return notNegative(duration, name);
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new IllegalArgumentException("timing setting " + name + ": '" + text
                    + "' is not a duration (expected e.g. 5s, 500ms or PT5S)", e);
        }
    }

    private static Duration notNegative(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative, got " + duration);
        }
        return duration;
    }

    @Override
    public String toString() {
        return "preProcessingQueued=" + preProcessingQueued + ", waitingToStart=" + waitingToStart + ", injectionLag="
                + injectionLag + ", removalLag=" + removalLag + ", cancelLatency=" + cancelLatency;
    }
}
