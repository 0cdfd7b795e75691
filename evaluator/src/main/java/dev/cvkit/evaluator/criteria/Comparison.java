package dev.cvkit.evaluator.criteria;

import java.util.Optional;

/** The operator of a criterion: the condition {@code actual <op> threshold} that makes it hold. */
public enum Comparison {
    GREATER(">"),
    LESS("<"),
    GREATER_OR_EQUAL(">="),
    LESS_OR_EQUAL("<=");

    private final String symbol;

    Comparison(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }

    /** Whether {@code actual <op> threshold}; false when {@code actual} is NaN. */
    public boolean holds(double actual, double threshold) {
        return switch (this) {
            case GREATER -> actual > threshold;
            case LESS -> actual < threshold;
            case GREATER_OR_EQUAL -> actual >= threshold;
            case LESS_OR_EQUAL -> actual <= threshold;
        };
    }

    public static Optional<Comparison> bySymbol(String symbol) {
        for (Comparison c : values()) {
            if (c.symbol.equals(symbol)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
