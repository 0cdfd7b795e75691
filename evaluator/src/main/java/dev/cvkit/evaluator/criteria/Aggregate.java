package dev.cvkit.evaluator.criteria;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The function a criterion applies to a metric: {@code avg}, {@code min}, {@code max}, {@code count},
 * {@code percentage}, or a nearest-rank percentile.
 *
 * <p>Percentiles are written as in Azure Load Testing, where the digits after the first two are decimals
 * ({@code p999} = 99.9th, {@code p9999} = 99.99th), or with an explicit point beyond ALT
 * ({@code p99.9}, {@code p99.95}); {@code p100} is the maximum. The compact form is only read for
 * percentiles of 90 and above ({@code p975} = 97.5th); {@code p101} is refused rather than read as 10.1.
 *
 * @param kind       which function
 * @param percentile for {@link Kind#PERCENTILE}: the percentile in {@code (0, 100]}; otherwise 0
 */
public record Aggregate(Kind kind, double percentile) {

    /** The functions a criterion can apply. */
    public enum Kind { AVG, MIN, MAX, PERCENTILE, COUNT, PERCENTAGE }

    private static final Pattern PERCENTILE_NAME = Pattern.compile("p(\\d+)(?:\\.(\\d+))?");

    public Aggregate {
        Objects.requireNonNull(kind, "kind");
        if (kind == Kind.PERCENTILE ? !(percentile > 0 && percentile <= 100) : percentile != 0) {
            throw new IllegalArgumentException("percentile " + percentile + " does not fit aggregate " + kind);
        }
    }

    public static Aggregate of(Kind kind) {
        return new Aggregate(kind, 0);
    }

    public static Aggregate percentile(double percentile) {
        return new Aggregate(Kind.PERCENTILE, percentile);
    }

    /**
     * Parses an aggregate name; empty when the name is none of the accepted ones (including a percentile
     * outside {@code (0, 100]}).
     */
    public static Optional<Aggregate> parse(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        switch (n) {
            case "avg":
                return Optional.of(of(Kind.AVG));
            case "min":
                return Optional.of(of(Kind.MIN));
            case "max":
                return Optional.of(of(Kind.MAX));
            case "count":
                return Optional.of(of(Kind.COUNT));
            case "percentage":
                return Optional.of(of(Kind.PERCENTAGE));
            default:
                break;
        }
        Matcher m = PERCENTILE_NAME.matcher(n);
        if (!m.matches()) {
            return Optional.empty();
        }
        String whole = m.group(1);
        String fraction = m.group(2);
        double p;
        if (fraction != null) {
            p = Double.parseDouble(whole + "." + fraction);
        } else if (whole.length() <= 2 || whole.equals("100")) {
            p = Double.parseDouble(whole);
        } else if (whole.startsWith("9")) {
            // ALT's compact form: p999 = 99.9, p9999 = 99.99 (and p975 = 97.5 in the same spirit).
            p = Double.parseDouble(whole.substring(0, 2) + "." + whole.substring(2));
        } else {
            // p101 or p500 would read as 10.1 or 50.0 in the compact form: too surprising to guess.
            return Optional.empty();
        }
        if (!(p > 0 && p <= 100)) {
            return Optional.empty();
        }
        return Optional.of(percentile(p));
    }

    /** The canonical name: {@code avg}, {@code p99}, {@code p99.9} ... */
    public String name() {
        return switch (kind) {
            case AVG -> "avg";
            case MIN -> "min";
            case MAX -> "max";
            case COUNT -> "count";
            case PERCENTAGE -> "percentage";
            case PERCENTILE -> "p" + BigDecimal.valueOf(percentile).stripTrailingZeros().toPlainString();
        };
    }

    @Override
    public String toString() {
        return name();
    }
}
