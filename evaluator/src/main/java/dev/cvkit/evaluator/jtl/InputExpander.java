package dev.cvkit.evaluator.jtl;

import dev.cvkit.evaluator.InvalidInputException;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Turns the user's inputs into the results files to read: a file as it is; a directory as every
 * {@code *.jtl} and {@code *.csv} below it (sorted by path); a zip archive (recognised by its content, so
 * also when it is not called {@code .zip}) as every {@code *.jtl} and {@code *.csv} entry in it, read in
 * place. Keeps the archives open until {@link #close()}.
 *
 * <p>Each file is read once however often it is named: a path given twice, a file and a directory that holds
 * it, or two names of one file (links) are one input, never counted twice. A zip archive with two results
 * entries of the same name is refused: tools disagree on which of them is "the" file (and {@link ZipFile}
 * reads only one of them), so such an archive is either broken or made to show a reviewer one file and the
 * gate another.
 */
final class InputExpander implements Closeable {

    private final List<ZipFile> archives = new ArrayList<>();
    /** What identifies each file already taken (its file key, or its real path), so that none is read twice. */
    private final Set<Object> taken = new HashSet<>();

    /** The files to read, in the order given (directory and archive members sorted by name). */
    List<ResultSource> expand(List<String> inputs) {
        if (inputs == null || inputs.isEmpty()) {
            throw new IllegalArgumentException("inputs: at least one results file, directory or archive is needed");
        }
        List<ResultSource> sources = new ArrayList<>();
        for (String input : inputs) {
            Path path = Path.of(input);
            try {
                if (Files.isDirectory(path)) {
                    sources.addAll(directory(path, input));
                } else if (Files.isRegularFile(path)) {
                    sources.addAll(file(path));
                } else {
                    throw new InvalidInputException(input, 0, Files.exists(path)
                            ? "not a regular file, directory or zip archive"
                            : "no such file or directory");
                }
            } catch (IOException e) {
                throw new InvalidInputException(input, 0, "cannot be read: " + e.getMessage(), e);
            }
        }
        return sources;
    }

    private List<ResultSource> directory(Path dir, String input) throws IOException {
        List<Path> files;
        // A link below the directory to a file is one more name of that file: take() counts the file once.
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(Files::isRegularFile).filter(p -> isResultsName(p.getFileName().toString()))
                    .sorted(Comparator.comparing(Path::toString)).toList();
        }
        if (files.isEmpty()) {
            throw new InvalidInputException(input, 0, "no *.jtl or *.csv file in this directory");
        }
        List<ResultSource> sources = new ArrayList<>();
        for (Path file : files) {
            if (take(file)) {
                sources.add(ResultSource.OnDisk.of(file));
            }
        }
        return sources;
    }

    private List<ResultSource> file(Path path) throws IOException {
        if (!take(path)) {
            return List.of();
        }
        if (!isZip(path)) {
            return List.of(ResultSource.OnDisk.of(path));
        }
        FileStamp stamp = FileStamp.of(path);
        ZipFile zip;
        try {
            zip = new ZipFile(path.toFile());
        } catch (ZipException e) {
            throw new InvalidInputException(path, 0, "starts like a zip archive but cannot be opened as one: " + e.getMessage());
        }
        archives.add(zip);
        List<ZipEntry> entries = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (ZipEntry entry : Collections.list(zip.entries())) {
            if (!entry.isDirectory() && isResultsName(entry.getName())) {
                if (!names.add(entry.getName())) {
                    throw new InvalidInputException(path, 0, "holds two entries named '" + entry.getName()
                            + "': only one of them could be read (tools disagree on which), so the archive is refused;"
                            + " rebuild it with distinct names");
                }
                entries.add(entry);
            }
        }
        if (entries.isEmpty()) {
            throw new InvalidInputException(path, 0, "no *.jtl or *.csv entry in this zip archive");
        }
        entries.sort(Comparator.comparing(ZipEntry::getName));
        List<ResultSource> sources = new ArrayList<>();
        for (ZipEntry entry : entries) {
            sources.add(new ResultSource.InArchive(zip, entry, path + "!/" + entry.getName(), stamp));
        }
        return sources;
    }

    /**
     * Whether {@code path} is a file not taken yet (and takes it): the same file under another name (a link, a
     * path with {@code ..}) counts as taken.
     */
    private boolean take(Path path) throws IOException {
        Object key = Files.readAttributes(path, BasicFileAttributes.class).fileKey();
        return taken.add(key != null ? key : path.toRealPath());
    }

    static boolean isResultsName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".jtl") || lower.endsWith(".csv");
    }

    private static boolean isZip(Path path) throws IOException {
        byte[] magic = new byte[4];
        try (InputStream in = Files.newInputStream(path)) {
            int n = in.readNBytes(magic, 0, 4);
            return n == 4 && magic[0] == 'P' && magic[1] == 'K' && (magic[2] == 3 && magic[3] == 4 || magic[2] == 5 && magic[3] == 6);
        }
    }

    @Override
    public void close() {
        for (ZipFile zip : archives) {
            try {
                zip.close();
            } catch (IOException ignored) {
                // Reading is over; nothing is lost when an archive fails to close.
            }
        }
        archives.clear();
    }
}
