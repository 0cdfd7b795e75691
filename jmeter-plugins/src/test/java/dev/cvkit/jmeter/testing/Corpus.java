package dev.cvkit.jmeter.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The shared corpus of real-world files (system property {@code cvkit.corpus}); tests skip without it. */
public final class Corpus {

    private Corpus() {
    }

    /** The corpus folder {@code sub}, or a skipped test saying why. */
    public static Path folder(String sub) {
        String root = System.getProperty("cvkit.corpus");
        assumeTrue(root != null && !root.isBlank(), "system property cvkit.corpus is not set: corpus tests skipped");
        Path folder = Path.of(root, sub);
        assumeTrue(Files.isDirectory(folder), "corpus folder " + folder + " is absent: corpus tests skipped");
        return folder;
    }

    public static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
