package dev.cvkit.sandbox.chaos.implementation;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * ARM's timestamp format as Chaos Studio writes it: UTC, seven fractional digits (.NET ticks), e.g.
 * {@code 2020-12-14T21:52:52.2552574Z}.
 */
public final class ArmTime {

    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSS'Z'").withZone(ZoneOffset.UTC);

    private ArmTime() {
    }

    public static String format(Instant instant) {
        return FORMAT.format(instant);
    }

    /** Now, truncated to the 100 ns the format can show, so that a formatted time parses back equal. */
    public static Instant now() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return now.minusNanos(now.getNano() % 100);
    }
}
