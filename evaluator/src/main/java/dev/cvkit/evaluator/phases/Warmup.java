package dev.cvkit.evaluator.phases;

import java.util.Objects;

/**
 * The start of a run left out of every figure a criterion judges ({@code warmup:} in a criteria file).
 *
 * @param kind   none, a fixed duration, or automatic
 * @param millis for {@link Kind#DURATION}: how long after the first sample the warm-up lasts; else 0
 */
public record Warmup(Kind kind, long millis) {

    /** How the end of the warm-up is found. */
    public enum Kind {
        /** No warm-up: every row counts. */
        NONE,
        /** A fixed time after the first sample (the earliest {@code timeStamp} of every row). */
        DURATION,
        /**
         * Until the number of active threads reaches its plateau: per results file (one per engine), the
         * plateau is the largest {@code allThreads} of its rows ({@code grpThreads} when the file has no
         * {@code allThreads} column) less 5% (at least one thread), and the warm-up lasts until the first row
         * with at least that many; over several files, until the latest of these instants. See
         * {@code stats.ThreadPlateau}.
         */
        AUTO
    }

    public static final Warmup NONE = new Warmup(Kind.NONE, 0);

    public Warmup {
        Objects.requireNonNull(kind, "kind");
        if (kind == Kind.DURATION ? millis < 0 : millis != 0) {
            throw new IllegalArgumentException("warm-up " + kind + " with " + millis + " ms");
        }
    }

    public static Warmup of(long millis) {
        return new Warmup(Kind.DURATION, millis);
    }

    public static Warmup auto() {
        return new Warmup(Kind.AUTO, 0);
    }

    /** {@code none}, {@code 60s}, {@code auto}: as a criteria file writes it. */
    @Override
    public String toString() {
        return switch (kind) {
            case NONE -> "none";
            case DURATION -> DurationText.format(millis);
            case AUTO -> "auto";
        };
    }
}
