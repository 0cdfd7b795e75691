package dev.cvkit.jmeter.fault;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The fault sessions of the running test, by the name of the Chaos Studio Experiment element that opened
 * them: how samplers, the schedule and the guard find their experiment (none of them holds a reference to
 * the config element, which may sit anywhere in the plan). A config element that could not open a session
 * registers the reason instead, and everything that refers to it fails with that reason.
 *
 * <p>Per JVM; a test run registers at its start and unregisters at its end. Thread-safe.
 */
public final class FaultSessions {

    private static final Map<String, Object> BY_NAME = new TreeMap<>();

    private FaultSessions() {
    }

    /**
     * Registers a session under {@code name}.
     *
     * @throws FaultConfigurationException when another element of this test has the same name
     */
    public static synchronized void register(String name, FaultSession session) {
        put(name, session);
    }

    /** Registers why the element named {@code name} has no session. */
    public static synchronized void registerBroken(String name, String reason) {
        put(name, new FaultConfigurationException(reason));
    }

    private static void put(String name, Object entry) {
        if (BY_NAME.containsKey(name)) {
            throw new FaultConfigurationException("two Chaos Studio Experiment elements are named '" + name
                    + "': give each a unique name, the samplers and the schedule refer to them by name");
        }
        BY_NAME.put(name, entry);
        FaultSessions.class.notifyAll();
    }

    /** Removes the entry of {@code name}. */
    public static synchronized void unregister(String name) {
        BY_NAME.remove(name);
    }

    /** Removes every entry (a new test run begins and the previous one did not end cleanly). */
    public static synchronized void clear() {
        BY_NAME.clear();
    }

    /**
     * The session of the element named {@code name}; with a blank name, the only one of the test.
     *
     * @throws FaultConfigurationException saying what is missing or ambiguous, or why that element has no session
     */
    public static synchronized FaultSession find(String name) {
        Object entry = entry(name);
        if (entry instanceof FaultConfigurationException) {
            FaultConfigurationException broken = (FaultConfigurationException) entry;
            throw new FaultConfigurationException(broken.getMessage(), broken);
        }
        return (FaultSession) entry;
    }

    /**
     * Like {@link #find}, but waits up to {@code timeout} for the element to open its session (test-start
     * listeners start in plan order; the schedule's timer may fire before the config element ran).
     */
    public static synchronized FaultSession await(String name, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                return find(name);
            } catch (FaultConfigurationException notYet) {
                long left = deadline - System.nanoTime();
                if (!isMissing(name) || left <= 0) {
                    throw notYet;
                }
                TimeUnit.NANOSECONDS.timedWait(FaultSessions.class, left);
            }
        }
    }

    private static boolean isMissing(String name) {
        String key = name == null ? "" : name.trim();
        return key.isEmpty() ? BY_NAME.isEmpty() : !BY_NAME.containsKey(key);
    }

    private static Object entry(String name) {
        String key = name == null ? "" : name.trim();
        if (key.isEmpty()) {
            if (BY_NAME.size() == 1) {
                return BY_NAME.values().iterator().next();
            }
            if (BY_NAME.isEmpty()) {
                throw new FaultConfigurationException("the plan has no enabled Chaos Studio Experiment element");
            }
            throw new FaultConfigurationException("the plan has " + BY_NAME.size() + " Chaos Studio Experiment"
                    + " elements (" + String.join(", ", BY_NAME.keySet()) + "): name the one to use");
        }
        Object entry = BY_NAME.get(key);
        if (entry == null) {
            throw new FaultConfigurationException("no enabled Chaos Studio Experiment element is named '" + key + "'"
                    + (BY_NAME.isEmpty() ? "" : " (there are: " + BY_NAME.keySet().stream()
                            .map(n -> "'" + n + "'").collect(Collectors.joining(", ")) + ")"));
        }
        return entry;
    }
}
