package dev.cvkit.evaluator.stats;

/**
 * Makes the sinks a reader fills (one per input part) and merges them into one. This is the seam where
 * per-phase or per-time-window accumulators plug in: a factory whose sinks keep one accumulator per label
 * per phase, for instance, is read exactly like the default {@link LabelStatsSink}.
 *
 * @param <S> the sink type
 */
public interface SampleSinkFactory<S extends SampleSink> {

    /** A new, empty sink whose label ids are those of {@code labels}. */
    S create(LabelNames labels);

    /**
     * Adds everything {@code source} received to {@code target}, matching labels by name (each sink has its
     * own ids). The reader merges in input order, so labels keep their order of first appearance, and
     * drops {@code source} afterwards: take its storage over rather than copy it.
     */
    void merge(S target, S source);

    /**
     * The factory for the sinks of {@code parts} parts that are read at the same time and held until they are
     * merged: sinks that bound their memory give each part its share, so that the parts together hold no more
     * than one sink would. This factory (every part the whole) by default.
     */
    default SampleSinkFactory<S> forParts(int parts) {
        return this;
    }
}
