package dev.cvkit.evaluator.criteria;

/**
 * What a {@code ... for 30s} criterion found, for the reports: {@code actual} of its result is the sustained
 * level (see {@code timeline.SustainedLevel}); these say how long the condition held.
 *
 * @param windowMillis     the criterion's window
 * @param stepMillis       the length of one step (one time cell: 1 s unless the run is long)
 * @param longestMillis    the longest stretch during which the condition held; 0 when it never did
 * @param longestStartMillis start of that stretch, epoch ms (0 when none)
 * @param longestEndMillis end of that stretch, epoch ms (0 when none)
 */
public record SustainedFigures(long windowMillis, long stepMillis, long longestMillis, long longestStartMillis,
        long longestEndMillis) {
}
