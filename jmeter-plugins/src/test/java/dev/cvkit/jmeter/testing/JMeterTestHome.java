package dev.cvkit.jmeter.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Enumeration;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.apache.jmeter.util.JMeterUtils;

/**
 * Makes JMeter's static configuration usable in unit tests: unpacks {@code bin/} of the
 * {@code ApacheJMeter_config} artifact (a test dependency) into {@code target/} once and loads its
 * {@code jmeter.properties}, as a JMeter home would. Tests that run whole plans use the sandbox's JMeter runner.
 */
public final class JMeterTestHome {

    private static Path home;

    private JMeterTestHome() {
    }

    public static synchronized Path init() {
        if (home != null) {
            return home;
        }
        try {
            Path target = Path.of("target", "test-jmeter-home").toAbsolutePath();
            URL properties = JMeterTestHome.class.getClassLoader().getResource("bin/jmeter.properties");
            if (properties == null) {
                throw new IllegalStateException("bin/jmeter.properties not on the test classpath: is"
                        + " ApacheJMeter_config a test dependency?");
            }
            JarURLConnection connection = (JarURLConnection) properties.openConnection();
            try (JarFile jar = connection.getJarFile()) {
                for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements();) {
                    JarEntry entry = entries.nextElement();
                    if (!entry.getName().startsWith("bin/") || entry.isDirectory()) {
                        continue;
                    }
                    Path out = target.resolve(entry.getName());
                    Files.createDirectories(out.getParent());
                    try (InputStream in = jar.getInputStream(entry)) {
                        Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
            Files.createDirectories(target.resolve("lib/ext"));
            JMeterUtils.setJMeterHome(target.toString());
            JMeterUtils.loadJMeterProperties(target.resolve("bin/jmeter.properties").toString());
            JMeterUtils.initLocale();
            home = target;
            return home;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
