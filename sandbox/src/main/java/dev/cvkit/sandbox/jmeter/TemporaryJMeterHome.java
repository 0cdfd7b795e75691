package dev.cvkit.sandbox.jmeter;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A minimal JMeter home for in-process runs: {@code bin/*.properties} (and {@code log4j2.xml}) taken from the
 * {@code ApacheJMeter_config} artifact on the classpath, an empty {@code lib/ext}. Made once per JVM in a temp
 * directory that a shutdown hook deletes.
 */
final class TemporaryJMeterHome {

    /** The files of ApacheJMeter_config's {@code bin/} that JMeter reads when it initialises. */
    static final List<String> BIN_FILES = List.of("jmeter.properties", "saveservice.properties", "upgrade.properties",
            "system.properties", "user.properties", "reportgenerator.properties", "hc.parameters", "log4j2.xml");

    private static Path home;

    private TemporaryJMeterHome() {
    }

    static synchronized Path get() {
        if (home == null) {
            home = create();
        }
        return home;
    }

    private static Path create() {
        try {
            Path dir = Files.createTempDirectory("cvkit-jmeter-home");
            Files.createDirectories(dir.resolve("bin"));
            Files.createDirectories(dir.resolve("lib").resolve("ext"));
            for (String name : BIN_FILES) {
                try (InputStream in = TemporaryJMeterHome.class.getClassLoader().getResourceAsStream("bin/" + name)) {
                    if (in == null) {
                        throw new IllegalStateException("bin/" + name + " is not on the classpath: the ApacheJMeter_config "
                                + "artifact (org.apache.jmeter:ApacheJMeter_config) must be a dependency");
                    }
                    Files.copy(in, dir.resolve("bin").resolve(name), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(dir), "cvkit-jmeter-home-cleanup"));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary JMeter home: " + e.getMessage(), e);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // Best effort at JVM exit.
        }
    }
}
