package dev.cvkit.jmeter.marker;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLStreamHandler;

/**
 * Puts a bare Azure resource ID ({@code /subscriptions/...}) into a sample's URL column. JMeter stores a
 * {@link URL} and writes {@code URL.toExternalForm()}, which a resource ID has no form for; this handler
 * writes the path alone. The protocol is {@code file}, so that a result serialized to another JVM (JMeter's
 * distributed mode) still deserializes there; {@link ResourceIdSampleResult} then makes the URL again with
 * this handler.
 */
final class ResourceIdUrl extends URLStreamHandler {

    private static final ResourceIdUrl HANDLER = new ResourceIdUrl();

    private ResourceIdUrl() {
    }

    /** A URL whose external form is exactly {@code resourceId}. */
    static URL of(String resourceId) {
        try {
            return new URL("file", "", -1, resourceId, HANDLER);
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("not usable as a URL path: " + resourceId, e);
        }
    }

    @Override
    protected String toExternalForm(URL url) {
        return url.getFile();
    }

    @Override
    protected URLConnection openConnection(URL url) throws IOException {
        throw new IOException("a resource ID is not something to open: " + url.getFile());
    }
}
