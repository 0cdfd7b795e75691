package dev.cvkit.sandbox.chaos.fault;

import java.util.Locale;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Chaos Mesh's {@code mode} / {@code value} pair: how many of a target's pods a fault hits.
 *
 * @param mode  the Chaos Mesh mode
 * @param value the mode's value: a count for {@link Mode#FIXED}, a percentage (0..100) for
 *              {@link Mode#FIXED_PERCENT} and {@link Mode#RANDOM_MAX_PERCENT}, ignored (0) otherwise
 */
public record PodSelection(Mode mode, int value) {

    /** Chaos Mesh selection modes, with their spelling in a {@code jsonSpec}. */
    public enum Mode {
        ONE("one"), ALL("all"), FIXED("fixed"), FIXED_PERCENT("fixed-percent"), RANDOM_MAX_PERCENT("random-max-percent");

        private final String chaosMeshName;

        Mode(String chaosMeshName) {
            this.chaosMeshName = chaosMeshName;
        }

        /** The mode as written in a Chaos Mesh spec, e.g. {@code fixed-percent}. */
        public String chaosMeshName() {
            return chaosMeshName;
        }

        /** Parses a Chaos Mesh mode name; null when unknown. */
        public static Mode fromChaosMeshName(String name) {
            for (Mode mode : values()) {
                if (mode.chaosMeshName.equals(name.toLowerCase(Locale.ROOT))) {
                    return mode;
                }
            }
            return null;
        }
    }

    /** Every pod. */
    public static final PodSelection ALL_PODS = new PodSelection(Mode.ALL, 0);

    public PodSelection {
        Objects.requireNonNull(mode, "mode");
        if (value < 0) {
            throw new IllegalArgumentException("value must not be negative, got " + value);
        }
        if ((mode == Mode.FIXED_PERCENT || mode == Mode.RANDOM_MAX_PERCENT) && value > 100) {
            throw new IllegalArgumentException(mode.chaosMeshName() + " takes a percentage 0..100, got " + value);
        }
    }

    /**
     * How many of {@code podCount} pods are hit, rounding percentages down the way Chaos Mesh does but never
     * below one pod when the percentage is positive.
     */
    public int podsHit(int podCount, RandomGenerator random) {
        if (podCount <= 0) {
            return 0;
        }
        return switch (mode) {
            case ONE -> 1;
            case ALL -> podCount;
            case FIXED -> Math.min(value, podCount);
            case FIXED_PERCENT -> percentOf(podCount, value);
            case RANDOM_MAX_PERCENT -> percentOf(podCount, random.nextInt(value + 1));
        };
    }

    private static int percentOf(int podCount, int percent) {
        if (percent == 0) {
            return 0;
        }
        return Math.max(1, podCount * percent / 100);
    }
}
