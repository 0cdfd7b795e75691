package dev.cvkit.jmeter.chaos;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Azure resource ID of a Chaos Studio experiment:
 * {@code /subscriptions/{subscriptionId}/resourceGroups/{resourceGroup}/providers/Microsoft.Chaos/experiments/{name}}.
 *
 * <p>Segment names are matched without regard to case, as Azure Resource Manager does; the values keep the
 * case they were given in. Instances are immutable.
 */
public final class ExperimentId {

    /** The form a resource ID must have, for error messages. */
    public static final String FORM =
            "/subscriptions/<subscription id>/resourceGroups/<resource group>/providers/Microsoft.Chaos/experiments/<name>";

    private static final Pattern RESOURCE_ID = Pattern.compile(
            "/subscriptions/([^/]+)/resourceGroups/([^/]+)/providers/Microsoft\\.Chaos/experiments/([^/]+)/?",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern SEGMENT = Pattern.compile("[^/?#\\s]+");

    private final String subscriptionId;
    private final String resourceGroup;
    private final String name;

    private ExperimentId(String subscriptionId, String resourceGroup, String name) {
        this.subscriptionId = subscriptionId;
        this.resourceGroup = resourceGroup;
        this.name = name;
    }

    /**
     * Parses a resource ID.
     *
     * @param resourceId e.g. {@code /subscriptions/6b05.../resourceGroups/rg/providers/Microsoft.Chaos/experiments/x}
     * @return the experiment ID
     * @throws IllegalArgumentException naming the expected form when {@code resourceId} does not have it
     */
    public static ExperimentId parse(String resourceId) {
        String text = resourceId == null ? "" : resourceId.trim();
        Matcher matcher = RESOURCE_ID.matcher(text);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("experiment resource ID '" + text + "' is not of the form " + FORM);
        }
        return new ExperimentId(matcher.group(1), matcher.group(2), matcher.group(3));
    }

    /**
     * Builds an ID from its parts.
     *
     * @throws IllegalArgumentException naming the part that is empty or contains '/', '?', '#' or blanks
     */
    public static ExperimentId of(String subscriptionId, String resourceGroup, String experimentName) {
        return new ExperimentId(
                segment("subscription id", subscriptionId),
                segment("resource group", resourceGroup),
                segment("experiment name", experimentName));
    }

    private static String segment(String what, String value) {
        String text = value == null ? "" : value.trim();
        if (!SEGMENT.matcher(text).matches()) {
            throw new IllegalArgumentException(what + " '" + text + "' must be one non-empty path segment"
                    + " (no '/', '?', '#' or blanks)");
        }
        return text;
    }

    public String subscriptionId() {
        return subscriptionId;
    }

    public String resourceGroup() {
        return resourceGroup;
    }

    /** The experiment's name: the last segment of its resource ID (what fault-marker labels carry). */
    public String name() {
        return name;
    }

    /** The canonical resource ID, with the segment names cased as Azure documents them. */
    public String resourceId() {
        return "/subscriptions/" + subscriptionId + "/resourceGroups/" + resourceGroup
                + "/providers/Microsoft.Chaos/experiments/" + name;
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof ExperimentId)) {
            return false;
        }
        ExperimentId that = (ExperimentId) other;
        // ARM resource IDs compare without regard to case.
        return resourceId().toLowerCase(Locale.ROOT).equals(that.resourceId().toLowerCase(Locale.ROOT));
    }

    @Override
    public int hashCode() {
        return Objects.hash(resourceId().toLowerCase(Locale.ROOT));
    }

    @Override
    public String toString() {
        return resourceId();
    }
}
