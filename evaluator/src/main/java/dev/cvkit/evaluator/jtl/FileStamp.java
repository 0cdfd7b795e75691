package dev.cvkit.evaluator.jtl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;

/**
 * A file's size and modification time when reading began, to tell afterwards whether it changed meanwhile: a
 * file that shrinks, grows or is rewritten while it is read yields rows of neither version, so its figures
 * must not judge anything.
 *
 * @param path     the file on disk
 * @param size     its size in bytes then
 * @param modified its modification time then
 */
record FileStamp(Path path, long size, FileTime modified) {

    static FileStamp of(Path path) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
        return new FileStamp(path, attributes.size(), attributes.lastModifiedTime());
    }

    /** What changed since the stamp was taken, or null when the file is as it was. */
    String change() {
        FileStamp now;
        try {
            now = of(path);
        } catch (NoSuchFileException e) {
            return "was deleted while it was read";
        } catch (IOException e) {
            return "cannot be looked at again after reading: " + e.getMessage();
        }
        if (now.size != size) {
            return "changed while it was read: its size went from " + size + " to " + now.size + " bytes"
                    + (now.size < size ? " (it was truncated or replaced)" : " (a writer is still appending to it)")
                    + "; evaluate it once its writer has finished";
        }
        if (!now.modified.equals(modified)) {
            return "changed while it was read: it was modified at " + now.modified + " (reading began after "
                    + modified + "); evaluate it once its writer has finished";
        }
        return null;
    }
}
