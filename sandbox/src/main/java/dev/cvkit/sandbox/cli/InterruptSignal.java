package dev.cvkit.sandbox.cli;

import java.util.concurrent.atomic.AtomicBoolean;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C for a command that must end things in order. By default SIGINT starts the JVM's shutdown at once, and
 * every shutdown hook runs concurrently: the demo's (stop JMeter) would race the cvkit plugins' own JVM-exit
 * guard, which then cancels the fault without writing its end marker. With this handler the first SIGINT runs an
 * action instead (the demo stops JMeter; the plugins' guard ends the fault and writes the end marker as at any test
 * end; the demo then stops the sandbox and exits with 130), and a second SIGINT exits at once (130, with the
 * shutdown hooks). Where the handler cannot be installed (a signal the parent ignores, as for a background job of
 * a script), nothing changes.
 */
final class InterruptSignal implements AutoCloseable {

    private static final Signal INT = new Signal("INT");

    private final SignalHandler previous;

    private InterruptSignal(SignalHandler previous) {
        this.previous = previous;
    }

    /** Handles SIGINT until {@link #close()}: {@code action} on the first, exit 130 on the next. */
    static InterruptSignal onFirst(Runnable action, int exitCode) {
        AtomicBoolean seen = new AtomicBoolean();
        SignalHandler handler = signal -> {
            if (seen.compareAndSet(false, true)) {
                action.run();
            } else {
                // Exit from another thread: System.exit waits for the shutdown hooks, which may need this one.
                Thread exit = new Thread(() -> System.exit(exitCode), "cvkit-second-interrupt");
                exit.start();
            }
        };
        try {
            return new InterruptSignal(Signal.handle(INT, handler));
        } catch (IllegalArgumentException cannotHandle) {
            return new InterruptSignal(null);
        }
    }

    /** Restores what handled SIGINT before. */
    @Override
    public void close() {
        if (previous != null) {
            try {
                Signal.handle(INT, previous);
            } catch (IllegalArgumentException ignored) {
                // Nothing was installed over it.
            }
        }
    }
}
