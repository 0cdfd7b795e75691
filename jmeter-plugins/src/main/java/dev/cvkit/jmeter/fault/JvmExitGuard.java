package dev.cvkit.jmeter.fault;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fault guard's last line: a JVM shutdown hook, present while a test with cvkit elements runs, that
 * cancels every fault this engine started or joined and did not see end, when the JVM exits before the
 * test ended (SIGTERM, SIGINT, {@code System.exit} after a forced stop). It sends the cancels and does not
 * wait for the faults to end: the JVM is going away. Each cancel is bounded by its session's guard timeout.
 *
 * <p>It writes what it did to the log and to standard error (the logging system may already be shutting
 * down in its own hook). Registered at test start, removed at test end.
 */
public final class JvmExitGuard {

    private static final Logger LOG = LoggerFactory.getLogger(JvmExitGuard.class);

    private static final Set<FaultSession> SESSIONS = new LinkedHashSet<>();
    private static Thread hook;

    private JvmExitGuard() {
    }

    /** Guards {@code session} until {@link #release}; installs the hook with the first session. */
    public static synchronized void guard(FaultSession session) {
        SESSIONS.add(session);
        if (hook == null) {
            hook = new Thread(JvmExitGuard::run, "cvkit-fault-guard-jvm-exit");
            try {
                Runtime.getRuntime().addShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                hook = null;
                LOG.warn("cvkit fault guard: the JVM is already shutting down; no exit guard installed");
            }
        }
    }

    /** Stops guarding {@code session}; removes the hook with the last one. */
    public static synchronized void release(FaultSession session) {
        SESSIONS.remove(session);
        if (SESSIONS.isEmpty() && hook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // The hook is running or about to: it does its job.
            }
            hook = null;
        }
    }

    /** True while the hook is installed (for tests and the log). */
    public static synchronized boolean installed() {
        return hook != null;
    }

    private static void run() {
        List<FaultSession> sessions;
        synchronized (JvmExitGuard.class) {
            sessions = new ArrayList<>(SESSIONS);
        }
        for (FaultSession session : sessions) {
            Optional<String> done;
            try {
                done = session.cancelForShutdown();
            } catch (RuntimeException e) {
                done = Optional.of("cancel of " + session.experiment().name() + " FAILED: " + e);
            }
            done.ifPresent(JvmExitGuard::report);
        }
    }

    private static void report(String what) {
        String line = "cvkit fault guard (JVM exit): " + what;
        System.err.println(line);
        try {
            LOG.warn(line);
        } catch (RuntimeException loggingGone) {
            // The logging system was shut down by its own hook; standard error has the line.
        }
    }
}
