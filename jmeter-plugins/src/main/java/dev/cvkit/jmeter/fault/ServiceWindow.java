package dev.cvkit.jmeter.fault;

import dev.cvkit.jmeter.chaos.ExecutionDetails;
import dev.cvkit.jmeter.chaos.ExecutionDetails.ActionStatus;
import dev.cvkit.jmeter.chaos.ExecutionStatus;
import dev.cvkit.jmeter.chaos.Experiment;
import dev.cvkit.jmeter.chaos.ExperimentAction;
import dev.cvkit.jmeter.chaos.ExperimentBranch;
import dev.cvkit.jmeter.chaos.ServiceClock;
import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.Optional;

/**
 * The fault window as Chaos Studio ran it, from its record of the execution ({@code getExecutionDetails}):
 * from the earliest start of a fault action to the latest end of one, on this engine's clock.
 *
 * <ul>
 *   <li>Delay actions are not faults: a delay before the first fault action is not part of the window.</li>
 *   <li>A continuous fault ends at its action's {@code endTime} (or its targets' last completion, if later);
 *       a discrete fault's effect outlasts its action (a VM shut down stays down), so it lasts until the
 *       execution stopped ({@code stoppedAt}).</li>
 *   <li>Service instants become engine instants through the {@link ServiceClock}'s bounds, widening the
 *       window: the start with the largest offset, the end with the smallest.</li>
 * </ul>
 * Whatever is missing (no readable {@code Date} yet, a started fault action without an end) gives no service
 * window; the caller then uses its conservative fallback.
 */
final class ServiceWindow {

    /** The URN Chaos Studio gives delay actions, for runs whose experiment definition is not known. */
    private static final String DELAY_URN_PART = "chaosstudio:timeddelay/";

    private ServiceWindow() {
    }

    /**
     * The start as the service recorded it, read once the execution is {@code Running}: empty while no fault
     * action has started (queued, or in a delay action) or the clock offset is unknown.
     *
     * @param definition the experiment as read for the safety limits, or null
     */
    static Optional<WindowInstants> atStart(ExecutionDetails details, Experiment definition, ServiceClock clock) {
        Optional<ServiceClock.Offset> offset = clock.offset();
        OffsetDateTime from = earliestFaultStart(details, definition);
        if (offset.isEmpty() || from == null) {
            return Optional.empty();
        }
        return Optional.of(WindowInstants.service(offset.get().earliestEngineMillis(millis(from)), null,
                offset.get()));
    }

    /**
     * The whole window as the service recorded it, read once the execution is in a terminal status: empty
     * when the record is incomplete or the clock offset is unknown; {@link WindowInstants#noFaultRan} when no
     * fault action ever started.
     */
    static Optional<WindowInstants> atEnd(ExecutionDetails details, Experiment definition, ServiceClock clock) {
        Optional<ServiceClock.Offset> offset = clock.offset();
        if (offset.isEmpty() || !ExecutionStatus.isTerminal(details.execution().status())) {
            return Optional.empty();
        }
        OffsetDateTime from = earliestFaultStart(details, definition);
        if (from == null) {
            return Optional.of(WindowInstants.noFaultRan(offset.get()));
        }
        OffsetDateTime stoppedAt = details.execution().stoppedAt();
        OffsetDateTime to = null;
        for (ActionStatus action : details.actions()) {
            Kind kind = kind(action, definition);
            if (action.startTime() == null || kind == Kind.DELAY) {
                continue;
            }
            OffsetDateTime end = kind == Kind.DISCRETE && stoppedAt != null ? stoppedAt
                    : action.endTime() != null ? action.endTime() : stoppedAt;
            if (end == null) {
                return Optional.empty();
            }
            to = later(later(to, end), action.lastTargetTime());
        }
        // The bounds read once above: the marker's clockOffset is the one these instants were converted with,
        // even when another thread's answer narrows the clock meanwhile.
        long fromMillis = offset.get().earliestEngineMillis(millis(from));
        long toMillis = offset.get().latestEngineMillis(millisUp(to));
        return Optional.of(WindowInstants.service(fromMillis, Math.max(toMillis, fromMillis + 1), offset.get()));
    }

    private static OffsetDateTime earliestFaultStart(ExecutionDetails details, Experiment definition) {
        OffsetDateTime from = null;
        for (ActionStatus action : details.actions()) {
            OffsetDateTime start = action.startTime();
            if (start != null && kind(action, definition) != Kind.DELAY && (from == null || start.isBefore(from))) {
                from = start;
            }
        }
        return from;
    }

    private enum Kind { DELAY, DISCRETE, CONTINUOUS }

    /**
     * What kind of action the run information's entry is. The details do not say; the definition does, at the
     * same step, branch and position (the run information follows the experiment's order). Without a
     * matching definition the action's URN decides: Chaos Studio names its delay {@code ...:TimedDelay/1.0}.
     */
    private static Kind kind(ActionStatus action, Experiment definition) {
        ExperimentAction defined = defined(action, definition);
        String type = defined == null ? null : defined.type();
        if (type != null && type.equalsIgnoreCase("delay")) {
            return Kind.DELAY;
        }
        if (type != null && type.equalsIgnoreCase("discrete")) {
            return Kind.DISCRETE;
        }
        if (type == null && action.actionName() != null
                && action.actionName().toLowerCase(Locale.ROOT).contains(DELAY_URN_PART)) {
            return Kind.DELAY;
        }
        return Kind.CONTINUOUS;
    }

    private static ExperimentAction defined(ActionStatus action, Experiment definition) {
        if (definition == null || action.step() < 0 || action.step() >= definition.steps().size()) {
            return null;
        }
        var branches = definition.steps().get(action.step()).branches();
        if (action.branch() < 0 || action.branch() >= branches.size()) {
            return null;
        }
        ExperimentBranch branch = branches.get(action.branch());
        if (action.index() < 0 || action.index() >= branch.actions().size()) {
            return null;
        }
        ExperimentAction defined = branch.actions().get(action.index());
        // A definition changed since the run: trust it only where the names agree.
        return defined.name() != null && defined.name().equalsIgnoreCase(action.actionName()) ? defined : null;
    }

    private static OffsetDateTime later(OffsetDateTime a, OffsetDateTime b) {
        if (a == null) {
            return b;
        }
        return b == null || !b.isAfter(a) ? a : b;
    }

    private static long millis(OffsetDateTime time) {
        return time.toInstant().toEpochMilli();
    }

    /** An end rounded up to the next millisecond, so that it is never early. */
    private static long millisUp(OffsetDateTime time) {
        return millis(time) + (time.getNano() % 1_000_000 == 0 ? 0 : 1);
    }
}
