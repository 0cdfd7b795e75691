package dev.cvkit.jmeter.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/** Looks for credentials in files the plugins wrote or made JMeter write (logs, results). */
public final class Leaks {

    /** The shape of the emulator's access tokens ({@code cvkit.} + 32 random bytes, base64url). */
    private static final Pattern EMULATOR_TOKEN = Pattern.compile("cvkit\\.[A-Za-z0-9_-]{40,}");

    private Leaks() {
    }

    /** Asserts that no file holds an access token, a bearer header, or any of {@code secrets}. */
    public static void assertNoneIn(Iterable<Path> files, String... secrets) throws IOException {
        for (Path file : files) {
            if (!Files.exists(file)) {
                continue;
            }
            String text = Files.readString(file);
            assertThat(EMULATOR_TOKEN.matcher(text).find()).as("an access token in " + file).isFalse();
            assertThat(text).as("a bearer header in " + file).doesNotContainIgnoringCase("Bearer cvkit");
            assertThat(text).as("an Authorization header in " + file).doesNotContainIgnoringCase("Authorization:");
            for (String secret : secrets) {
                assertThat(text).as("a secret in " + file).doesNotContain(secret);
            }
        }
    }
}
