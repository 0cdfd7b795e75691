package dev.cvkit.evaluator.jtl;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/** One results file to read: a file on disk, or an entry of a zip archive read in place. */
interface ResultSource {

    /** How the user knows it: the path, or {@code archive.zip!/entry.csv}; used in every message. */
    String name();

    /** Size in bytes, or -1 when unknown. */
    long size();

    /** A new stream from the first byte. */
    InputStream open() throws IOException;

    /** The file, when it is one on disk (then it can be read in parallel parts); else null. */
    Path file();

    /** The file on disk (the source, or its archive) as it was when reading began; null for data in memory. */
    FileStamp stamp();

    /** A file on disk. */
    record OnDisk(Path path, String name, long size, FileStamp stamp) implements ResultSource {
        static OnDisk of(Path path) throws IOException {
            FileStamp stamp = FileStamp.of(path);
            return new OnDisk(path, path.toString(), stamp.size(), stamp);
        }

        @Override
        public InputStream open() throws IOException {
            return Files.newInputStream(path);
        }

        @Override
        public Path file() {
            return path;
        }
    }

    /** An entry of a zip archive (ALT's results.zip holds one CSV per engine). */
    record InArchive(ZipFile archive, ZipEntry entry, String name, FileStamp stamp) implements ResultSource {
        @Override
        public long size() {
            return entry.getSize();
        }

        @Override
        public InputStream open() throws IOException {
            return archive.getInputStream(entry);
        }

        @Override
        public Path file() {
            return null;
        }
    }
}
