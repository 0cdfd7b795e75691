package dev.cvkit.sandbox.chaos.implementation;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Go's {@code time.ParseDuration} syntax, which Chaos Mesh specs use ({@code "200ms"}, {@code "1.5s"},
 * {@code "1m30s"}); units ns, us, µs, ms, s, m, h.
 */
final class GoDuration {

    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)(ns|us|µs|ms|s|m|h)");

    private GoDuration() {
    }

    /** Parses a Go duration; throws {@link IllegalArgumentException} naming the expected syntax. */
    static Duration parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("expected a duration such as \"200ms\" or \"1s\", got nothing");
        }
        if (text.equals("0")) {
            return Duration.ZERO;
        }
        Matcher m = PART.matcher(text);
        int position = 0;
        double nanos = 0;
        while (position < text.length()) {
            if (!m.find(position) || m.start() != position) {
                throw new IllegalArgumentException("expected a duration such as \"200ms\" or \"1m30s\", got \"" + text + "\"");
            }
            double amount = Double.parseDouble(m.group(1));
            nanos += amount * switch (m.group(2)) {
                case "ns" -> 1d;
                case "us", "µs" -> 1e3;
                case "ms" -> 1e6;
                case "s" -> 1e9;
                case "m" -> 60e9;
                default -> 3600e9;
            };
            position = m.end();
        }
        return Duration.ofNanos(Math.round(nanos));
    }
}
