package dev.aims.otel;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Metric attribute sets, built once per distinct key instead of once per call. Bounded: past {@code capacity} keys
 * a value is built and not kept, so that an unexpected flood of distinct values (a model name per request, say)
 * costs time, never memory. Thread-safe.
 */
final class AttributesCache<K, V> {
    private final Map<K, V> values = new ConcurrentHashMap<>();
    private final int capacity;
    private final Function<K, V> build;

    AttributesCache(int capacity, Function<K, V> build) {
        this.capacity = capacity;
        this.build = build;
    }

    V get(K key) {
        V v = values.get(key);
        if (v != null) {
            return v;
        }
        v = build.apply(key);
        if (values.size() < capacity) {
            V raced = values.putIfAbsent(key, v);
            if (raced != null) {
                return raced;
            }
        }
        return v;
    }

    int size() {
        return values.size();
    }
}
