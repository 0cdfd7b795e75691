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
    private int[] keyHashes = new int[16];
    private int[] keyIds = new int[16];
    private int keyCount;

    private String[] names = new String[16];
    private String[] baseNames = new String[16];
    private int[] baseIds = new int[16];
    private int[] baseCheckedAt = new int[16];
    private boolean[] reserved = new boolean[16];
    private int size;
    private final Map<String, Integer> idsByName = new HashMap<>();

    /** Hash of {@code len} bytes at {@code off}, eight bytes at a time. */
    static int hash(byte[] buf, int off, int len) {
        long h = len;
        int i = off;
        int end = off + len;
        for (; i + 8 <= end; i += 8) {
            h = (h ^ (long) LONGS.get(buf, i)) * 0x9E3779B97F4A7C15L;
            h ^= h >>> 29;
        }
        for (; i < end; i++) {
            h = (h ^ buf[i]) * 0x9E3779B97F4A7C15L;
        }
        h ^= h >>> 32;
        return (int) (h ^ (h >>> 16));
    }

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /** The id of the name whose UTF-8 bytes are {@code buf[off, off+len)}. */
    int id(byte[] buf, int off, int len, int hash) {
        int mask = slots.length - 1;
        for (int i = hash & mask; ; i = (i + 1) & mask) {
            int slot = slots[i];
            if (slot == 0) {
                return addKey(Arrays.copyOfRange(buf, off, off + len), hash, i);
            }
            int k = slot - 1;
            if (keyHashes[k] == hash && Arrays.equals(keys[k], 0, keys[k].length, buf, off, off + len)) {
                return keyIds[k];
            }
        }
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

    private int addKey(byte[] key, int hash, int slot) {
        int id = intern(new String(key, StandardCharsets.UTF_8));
        if (keyCount == keys.length) {
            keys = Arrays.copyOf(keys, keyCount * 2);
            keyHashes = Arrays.copyOf(keyHashes, keyCount * 2);
            keyIds = Arrays.copyOf(keyIds, keyCount * 2);
        }
        keys[keyCount] = key;
        keyHashes[keyCount] = hash;
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
            int i = keyHashes[k] & mask;
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
