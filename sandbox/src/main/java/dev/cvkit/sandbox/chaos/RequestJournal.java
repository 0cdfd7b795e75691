package dev.cvkit.sandbox.chaos;

import java.util.ArrayList;
import java.util.List;

/**
 * Every request the emulator answered, in arrival order (bounded: the oldest entries are dropped beyond
 * {@value #CAPACITY}). Thread-safe.
 */
public final class RequestJournal {

    /** Entries kept at most. */
    public static final int CAPACITY = 100_000;

    private final List<JournalEntry> entries = new ArrayList<>();

    RequestJournal() {
    }

    synchronized void record(JournalEntry entry) {
        if (entries.size() >= CAPACITY) {
            entries.remove(0);
        }
        entries.add(entry);
    }

    /** A copy of all entries. */
    public synchronized List<JournalEntry> entries() {
        return List.copyOf(entries);
    }

    /** A copy of the entries of one operation. */
    public synchronized List<JournalEntry> entries(ArmOperation operation) {
        return entries.stream().filter(e -> e.operation() == operation).toList();
    }

    /** Forgets every entry. */
    public synchronized void clear() {
        entries.clear();
    }
}
