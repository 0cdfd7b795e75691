package dev.cvkit.evaluator.criteria;

import java.util.Objects;

/**
 * What a relative criterion compared, for the reports. Any figure may be null when it could not be
 * computed (no reference, a label or metric the reference lacks).
 *
 * @param referenceValue  the measure on the reference run, in the criterion's unit
 * @param changePct       {@code 100 * (current - reference) / reference}; infinite when the reference is 0
 * @param pValue          one-sided p-value of the change in the criterion's direction
 * @param test            the significance test used, in words
 * @param referenceSource the reference file, as named on the command line (null when none was given)
 */
public record RelativeFigures(Double referenceValue, Double changePct, Double pValue, String test,
        String referenceSource) {
    public RelativeFigures {
        Objects.requireNonNull(test, "test");
    }
}
