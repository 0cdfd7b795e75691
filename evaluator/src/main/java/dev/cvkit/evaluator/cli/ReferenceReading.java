package dev.cvkit.evaluator.cli;

import dev.cvkit.evaluator.Futures;
import dev.cvkit.evaluator.reference.ReferenceFile;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The {@code --reference} file, read on a thread of its own once started: when the results' rows are read
 * (while the main thread makes the run's figures from them, a core is free), or at the latest when the
 * reference is asked for. Started during the reading it would only slow the reading down: both cores read.
 */
final class ReferenceReading {

    private final Path file;
    private final CompletableFuture<ReferenceFile> read = new CompletableFuture<>();
    private final AtomicBoolean started = new AtomicBoolean();

    /** @throws dev.cvkit.evaluator.InvalidInputException at once when there is no file to read */
    ReferenceReading(Path file) {
        ReferenceFile.requireFile(file, file.toString());
        this.file = file;
    }

    /** Starts the read, once; later calls do nothing. */
    void start() {
        if (started.compareAndSet(false, true)) {
            Futures.startDaemon("cvkit-reference", () -> {
                try {
                    read.complete(ReferenceFile.read(file, file.toString()));
                } catch (Throwable e) {
                    read.completeExceptionally(e);
                }
            });
        }
    }

    /** The reference run, read if it was not started yet; its errors thrown as they are. */
    ReferenceFile get() {
        start();
        return Futures.joined(read);
    }
}
