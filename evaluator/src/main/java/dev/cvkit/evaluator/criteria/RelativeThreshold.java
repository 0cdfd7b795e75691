package dev.cvkit.evaluator.criteria;

/**
 * A change relative to a recorded reference run, in percent of the reference's value: {@code +10} in
 * {@code p95(response_time_ms) > +10%}, {@code -10} in {@code avg(requests_per_sec) < -10%}. Its sign
 * agrees with the criterion's operator ({@code >}/{@code >=} look for a rise, {@code <}/{@code <=} for a
 * fall).
 */
public record RelativeThreshold(double percent) implements Threshold {
    public RelativeThreshold {
        if (!Double.isFinite(percent)) {
            throw new IllegalArgumentException("relative threshold must be a finite percentage, got " + percent);
        }
        percent += 0.0; // -0% and +0% are one threshold

    }
}
