package dev.cvkit.evaluator.reference;

import dev.cvkit.evaluator.InvalidInputException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * A reference run file: where it came from and what it holds.
 *
 * @param source the file as the user named it, for messages and reports
 * @param run    what it holds
 */
public record ReferenceFile(String source, ReferenceRun run) {

    /**
     * Files up to this size are read whole (a reference of a run with a hundred labels is a few megabytes); a
     * larger one, most likely a results file given by mistake, is streamed so that it fails at its first
     * characters without being held in memory.
     */
    static final long WHOLE_READ_LIMIT_BYTES = 32L << 20;

    public ReferenceFile {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(run, "run");
    }

    /**
     * Reads and checks a reference file.
     *
     * @param source the name used in messages
     * @throws InvalidInputException naming the file and what was expected, when it is missing, unreadable,
     *                               not a reference run, of another format version, or out of shape
     */
    public static ReferenceFile read(Path path, String source) {
        requireFile(path, source);
        try {
            if (Files.size(path) > WHOLE_READ_LIMIT_BYTES) {
                try (Reader reader = new InputStreamReader(Files.newInputStream(path), strictUtf8())) {
                    return new ReferenceFile(source, ReferenceJsonReader.read(reader, source));
                }
            }
            // Parsed from one array: the parser then takes each long bucket string in one piece instead of character
            // by character across its buffer's ends (a third of the reading's time), and nothing is decoded twice.
            byte[] bytes = Files.readAllBytes(path);
            try {
                return new ReferenceFile(source, ReferenceJsonReader.read(bytes, source));
            } catch (InvalidInputException e) {
                // Bytes that are not UTF-8 (a binary file, another encoding) say more than what the parser or the
                // checks stumbled on; checked only here: a file that reads needs no second pass over its bytes.
                strictUtf8().decode(ByteBuffer.wrap(bytes));
                throw e;
            }
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(source, 0, NO_SUCH_FILE);
        } catch (CharacterCodingException e) {
            throw new InvalidInputException(source, 0, "not a UTF-8 text file: expected a reference run file (JSON)");
        } catch (IOException e) {
            throw new InvalidInputException(source, 0, "cannot read the reference file: " + e.getMessage(), e);
        }
    }

    /**
     * Fails as {@link #read} would when there is no file to read at {@code path}: a command can tell at once,
     * before reading its results, instead of after.
     *
     * @throws InvalidInputException when {@code path} is a directory, does not exist or is not a regular file
     */
    public static void requireFile(Path path, String source) {
        if (Files.isDirectory(path)) {
            throw new InvalidInputException(source, 0, "is a directory, expected a reference run file (JSON)");
        }
        if (!Files.exists(path)) {
            throw new InvalidInputException(source, 0, NO_SUCH_FILE);
        }
        if (!Files.isRegularFile(path)) {
            // A FIFO or a device would be read until its writer stops, or forever: never wait on one.
            throw new InvalidInputException(source, 0, "is not a regular file (a FIFO, device or socket), expected a"
                    + " reference run file (JSON)");
        }
    }

    private static final String NO_SUCH_FILE = "no such reference file (record one with ./cvkit baseline record)";

    private static CharsetDecoder strictUtf8() {
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    /**
     * Writes {@code run} to {@code path}, creating its directory: first to a temporary file beside it, then
     * moved into place, so that a failed write never leaves half a reference behind.
     */
    public static void write(ReferenceRun run, Path path) throws IOException {
        Path target = path.toAbsolutePath();
        Path directory = target.getParent();
        Files.createDirectories(directory);
        // Not Files.createTempFile: its owner-only permissions would stay on a file meant to be committed.
        Path temporary = directory.resolve("." + target.getFileName() + "." + ProcessHandle.current().pid() + "-"
                + System.nanoTime() + ".tmp");
        try {
            Files.writeString(temporary, ReferenceJson.toJson(run), StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE);
            try {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
