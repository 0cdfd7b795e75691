package dev.cvkit.evaluator.timeline;

import java.util.Arrays;

/**
 * The time cells of one accumulator, keyed by series and cell index, in one open-addressing table: memory
 * follows the cells that hold rows, never the time span (a label seen once an hour costs one cell per
 * hour, not an array over the hours).
 */
final class CellTable {

    private long[] keys;
    private TimeCell[] cells;
    private int size;
    private int mask;

    /** @param capacity cells the table should hold without growing */
    CellTable(int capacity) {
        int n = slotsFor(capacity);
        keys = new long[n];
        cells = new TimeCell[n];
        mask = n - 1;
    }

    /** Slots for {@code cells} cells: a power of two, at most half full. */
    private static int slotsFor(int cells) {
        return Integer.highestOneBit(Math.max(16, cells * 2) - 1) << 1;
    }

    static long key(int series, long cellIndex) {
        return ((long) series << 32) | (cellIndex & 0xFFFF_FFFFL);
    }

    static int series(long key) {
        return (int) (key >>> 32);
    }

    static long cellIndex(long key) {
        return key & 0xFFFF_FFFFL;
    }

    int size() {
        return size;
    }

    /** About how many bytes the table and its cells hold (counted cell by cell). */
    long footprint() {
        return arrayBytes() + cellBytes();
    }

    /** Bytes of the table's own arrays. */
    long arrayBytes() {
        return 12L * keys.length;
    }

    /** About how many bytes the cells hold, counted cell by cell. */
    long cellBytes() {
        long bytes = 0;
        for (TimeCell c : cells) {
            if (c != null) {
                bytes += c.footprint();
            }
        }
        return bytes;
    }

    /** Grows the table at once to hold {@code cells} cells (rather than doubling step by step as they come). */
    void reserve(int cells) {
        int n = slotsFor(cells);
        if (n > keys.length) {
            rehash(n);
        }
    }

    /** The cell of {@code key}, made when absent. */
    TimeCell getOrCreate(long key) {
        int i = slot(key);
        while (true) {
            TimeCell c = cells[i];
            if (c == null) {
                c = new TimeCell();
                keys[i] = key;
                cells[i] = c;
                if (++size * 2 > keys.length) {
                    rehash(keys.length * 2);
                }
                return c;
            }
            if (keys[i] == key) {
                return c;
            }
            i = (i + 1) & mask;
        }
    }

    /**
     * Adds {@code cell} into the cell of {@code key} (taking it over when absent).
     *
     * @return how many bytes the cells held change by, {@code cell}'s own counted as held before (0 when it is
     *         taken over; when added, the growth of the cell it joins less {@code cell}'s footprint)
     */
    long merge(long key, TimeCell cell) {
        int i = slot(key);
        while (true) {
            TimeCell c = cells[i];
            if (c == null) {
                keys[i] = key;
                cells[i] = cell;
                if (++size * 2 > keys.length) {
                    rehash(keys.length * 2);
                }
                return 0;
            }
            if (keys[i] == key) {
                long before = c.footprint() + cell.footprint();
                c.addCell(cell);
                return c.footprint() - before;
            }
            i = (i + 1) & mask;
        }
    }

    /** Calls {@code action} with every key and cell, in no particular order. */
    void forEach(Entry action) {
        for (int i = 0; i < keys.length; i++) {
            if (cells[i] != null) {
                action.accept(keys[i], cells[i]);
            }
        }
    }

    /** Receives one entry. */
    @FunctionalInterface
    interface Entry {
        void accept(long key, TimeCell cell);
    }

    private int slot(long key) {
        return (int) mix(key) & mask;
    }

    /** A 64-bit finaliser (MurmurHash3's): neighbouring keys land far apart. */
    static long mix(long key) {
        long h = key;
        h ^= h >>> 33;
        h *= 0xff51_afd7_ed55_8ccdL;
        h ^= h >>> 33;
        h *= 0xc4ce_b9fe_1a85_ec53L;
        return h ^ (h >>> 33);
    }

    private void rehash(int capacity) {
        long[] oldKeys = keys;
        TimeCell[] oldCells = cells;
        keys = new long[capacity];
        cells = new TimeCell[capacity];
        mask = capacity - 1;
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldCells[i] != null) {
                merge(oldKeys[i], oldCells[i]);
            }
        }
    }

    void clear() {
        Arrays.fill(cells, null);
        size = 0;
    }
}
