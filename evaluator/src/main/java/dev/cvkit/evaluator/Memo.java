package dev.cvkit.evaluator;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;

/**
 * Values made once per key and shared between threads: the first caller for a key makes the value, a caller
 * that comes while it is being made waits for it. Unlike {@link ConcurrentMap#computeIfAbsent}, nothing is
 * made while holding a lock of the map, so a long computation for one key never holds up callers of keys
 * that only share a bin with it.
 *
 * @param <K> keys (with {@code equals} and {@code hashCode}; null allowed inside a key list, not as a key)
 * @param <V> values
 */
public final class Memo<K, V> {

    private final ConcurrentMap<K, CompletableFuture<V>> made = new ConcurrentHashMap<>();

    /**
     * The value of {@code key}, made with {@code make} by the first caller. What {@code make} throws is thrown
     * to that caller and to every caller waiting for the same key (as it was, see {@link Futures#joined}).
     */
    public V get(K key, Function<K, V> make) {
        CompletableFuture<V> known = made.get(key);
        if (known == null) {
            CompletableFuture<V> mine = new CompletableFuture<>();
            known = made.putIfAbsent(key, mine);
            if (known == null) {
                try {
                    V value = make.apply(key);
                    mine.complete(value);
                    return value;
                } catch (RuntimeException | Error e) {
                    mine.completeExceptionally(e);
                    throw e;
                }
            }
        }
        return Futures.joined(known);
    }
}
