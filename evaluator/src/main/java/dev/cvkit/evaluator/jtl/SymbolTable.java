package dev.cvkit.evaluator.jtl;

import dev.cvkit.evaluator.markers.FaultMarker;
import dev.cvkit.evaluator.stats.LabelNames;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Numbers the labels (or thread names) of one input part, in order of first appearance, so that rows
 * carry ints instead of strings. Looked up by the raw UTF-8 bytes of a field (the fast reader, no
 * allocation once a name is known) or by {@link String} (the reference reader); both end in the same id,
 * because a new byte key is decoded and matched by name before it gets a new id.
 *
 * <p>For labels it also answers the two questions the sub-result rule asks: does a label look like
 * {@code <parent>-<n>}, and which known label is that parent.
 */
final class SymbolTable implements LabelNames {

    private int[] slots = new int[64];
    private byte[][] keys = new byte[16][];
    private long[] keyHeads = new long[16];
    private long[] keyTails = new long[16];
    private int[] keyIds = new int[16];
    private int keyCount;

    private String[] names = new String[16];
    private String[] baseNames = new String[16];
    private int[] baseIds = new int[16];
    private int[] baseCheckedAt = new int[16];
    private boolean[] reserved = new boolean[16];
    private int size;
    private final Map<String, Integer> idsByName = new HashMap<>();

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /**
     * The id of the name whose UTF-8 bytes are {@code buf[off, off+len)}.
     *
     * <p>Called for two fields of every row, so it looks at as few bytes as it can: a key is found by its
     * first and last eight bytes and its length (which are the whole key up to 16 bytes), and only a longer
     * key's middle is compared, eight bytes at a time.
     */
    int id(byte[] buf, int off, int len) {
        long head = head(buf, off, len);
        long tail = len > 8 ? (long) LONGS.get(buf, off + len - 8) : len;
        int mask = slots.length - 1;
        for (int i = hash(head, tail) & mask; ; i = (i + 1) & mask) {
            int slot = slots[i];
            if (slot == 0) {
                return addKey(Arrays.copyOfRange(buf, off, off + len), head, tail, i);
            }
            int k = slot - 1;
            if (keyHeads[k] == head && keyTails[k] == tail && keys[k].length == len
                    && (len <= 16 || middleEquals(keys[k], buf, off))) {
                return keyIds[k];
            }
        }
    }

    /** The first eight bytes of a key as a little-endian long; a shorter key's bytes, zero-padded. */
    private static long head(byte[] buf, int off, int len) {
        if (len >= 8) {
            return (long) LONGS.get(buf, off);
        }
        if (off + 8 <= buf.length) {
            // The bytes after the key are in the array: read a whole word, keep the key's bytes.
            return (long) LONGS.get(buf, off) & ((1L << (len << 3)) - 1);
        }
        long v = 0;
        for (int i = len - 1; i >= 0; i--) {
            v = (v << 8) | (buf[off + i] & 0xFF);
        }
        return v;
    }

    private static int hash(long head, long tail) {
        long h = (head * 0x9E3779B97F4A7C15L) ^ (tail * 0xC2B2AE3D27D4EB4FL);
        h ^= h >>> 32;
        return (int) (h ^ (h >>> 16));
    }

    /** Bytes 8 to {@code length - 8} of a key longer than 16 bytes (its head and tail are already equal). */
    private static boolean middleEquals(byte[] key, byte[] buf, int off) {
        int last = key.length - 8;
        for (int i = 8; i < last; i += 8) {
            if ((long) LONGS.get(key, i) != (long) LONGS.get(buf, off + i)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int intern(String name) {
        Integer id = idsByName.get(name);
        return id != null ? id : register(name);
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public String name(int id) {
        return names[id];
    }

    /** True for labels with cvkit's reserved prefix {@code cvkit:}. */
    boolean isReserved(int id) {
        return reserved[id];
    }

    /** True when the label has the form {@code <parent>-<digits>}, i.e. could be a sub-result's label. */
    boolean looksLikeSubResult(int id) {
        return baseNames[id] != null;
    }

    /**
     * The id of the label this label would be a sub-result of ({@code <parent>} of {@code <parent>-<n>}),
     * or -1 when the label has no such form or that parent label has not been seen (yet).
     */
    int subResultParent(int id) {
        int base = baseIds[id];
        if (base >= 0 || baseNames[id] == null || baseCheckedAt[id] == size) {
            return base;
        }
        baseCheckedAt[id] = size;
        Integer found = idsByName.get(baseNames[id]);
        if (found != null) {
            baseIds[id] = found;
            return found;
        }
        return -1;
    }

    private int addKey(byte[] key, long head, long tail, int slot) {
        int id = intern(new String(key, StandardCharsets.UTF_8));
        if (keyCount == keys.length) {
            keys = Arrays.copyOf(keys, keyCount * 2);
            keyHeads = Arrays.copyOf(keyHeads, keyCount * 2);
            keyTails = Arrays.copyOf(keyTails, keyCount * 2);
            keyIds = Arrays.copyOf(keyIds, keyCount * 2);
        }
        keys[keyCount] = key;
        keyHeads[keyCount] = head;
        keyTails[keyCount] = tail;
        keyIds[keyCount] = id;
        keyCount++;
        slots[slot] = keyCount;
        if (keyCount * 2 > slots.length) {
            rehash();
        }
        return id;
    }

    private void rehash() {
        int[] grown = new int[slots.length * 2];
        int mask = grown.length - 1;
        for (int k = 0; k < keyCount; k++) {
            int i = hash(keyHeads[k], keyTails[k]) & mask;
            while (grown[i] != 0) {
                i = (i + 1) & mask;
            }
            grown[i] = k + 1;
        }
        slots = grown;
    }

    private int register(String name) {
        if (size == names.length) {
            int n = size * 2;
            names = Arrays.copyOf(names, n);
            baseNames = Arrays.copyOf(baseNames, n);
            baseIds = Arrays.copyOf(baseIds, n);
            baseCheckedAt = Arrays.copyOf(baseCheckedAt, n);
            reserved = Arrays.copyOf(reserved, n);
        }
        int id = size++;
        names[id] = name;
        baseNames[id] = subResultBase(name);
        baseIds[id] = -1;
        baseCheckedAt[id] = -1;
        reserved[id] = FaultMarker.isReservedLabel(name);
        idsByName.put(name, id);
        return id;
    }

    /** {@code <parent>} when {@code name} is {@code <parent>-<digits>} with a non-empty parent; else null. */
    static String subResultBase(String name) {
        int dash = name.lastIndexOf('-');
        if (dash <= 0 || dash == name.length() - 1) {
            return null;
        }
        for (int i = dash + 1; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < '0' || c > '9') {
                return null;
            }
        }
        return name.substring(0, dash);
    }
}
