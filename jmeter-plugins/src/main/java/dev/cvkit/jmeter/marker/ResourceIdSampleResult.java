package dev.cvkit.jmeter.marker;

import java.net.URL;
import org.apache.jmeter.samplers.SampleResult;

/**
 * A marker row whose URL column is the experiment's bare resource ID wherever the row is written. A
 * {@link URL} travels by Java serialization without its handler: in JMeter's distributed mode the controller
 * would rebuild it with the JDK's {@code file:} handler and write {@code file:/subscriptions/...}. This row
 * keeps the resource ID as text and makes its URL from it again on whichever JVM writes it (the class is in
 * the plugin jar, which every JMeter of a distributed test has in {@code lib/ext} to load the plan).
 */
final class ResourceIdSampleResult extends SampleResult {

    private static final long serialVersionUID = 1L;

    private final String resourceId;

    ResourceIdSampleResult(String resourceId) {
        this.resourceId = resourceId;
        setURL(ResourceIdUrl.of(resourceId));
    }

    @Override
    public URL getURL() {
        return ResourceIdUrl.of(resourceId);
    }

    @Override
    public String getUrlAsString() {
        return resourceId;
    }
}
