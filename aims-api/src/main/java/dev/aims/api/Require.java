package dev.aims.api;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Argument checks whose messages name the field and the value, shared by the builders of this package. */
final class Require {
    private Require() {
    }

    static <T> T nonNull(T value, String field) {
        if (value == null) {
            throw new IllegalArgumentException(field + " must not be null");
        }
        return value;
    }

    static String nonBlank(String value, String field) {
        if (value == null) {
            throw new IllegalArgumentException(field + " must not be null");
        }
        if (value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank, but was '" + value + "'");
        }
        return value;
    }

    /** Like {@link #nonBlank} but for values that may be sensitive: the message never repeats the value. */
    static String nonBlankQuiet(String value, String field) {
        if (value == null) {
            throw new IllegalArgumentException(field + " must not be null");
        }
        if (value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank");
        }
        return value;
    }

    static <T> List<T> listOf(Collection<? extends T> values, String field) {
        nonNull(values, field);
        List<T> copy = new ArrayList<>(values.size());
        int i = 0;
        for (T value : values) {
            if (value == null) {
                throw new IllegalArgumentException(field + "[" + i + "] must not be null");
            }
            copy.add(value);
            i++;
        }
        return Collections.unmodifiableList(copy);
    }

    /** The classes of the JDK's immutable maps ({@code Map.of}, {@code Map.copyOf}), which hold no null. */
    private static final Class<?> IMMUTABLE_MAP_0_OR_N = Map.of().getClass();
    private static final Class<?> IMMUTABLE_MAP_1 = Map.of("k", "v").getClass();
    private static final Class<?> IMMUTABLE_MAP_N = Map.of("k", "v", "l", "w").getClass();

    /**
     * @return an unmodifiable copy of {@code values}, in their order; a map from {@code Map.of} or {@code Map.copyOf}
     *         is already unmodifiable and free of nulls, so it is returned as it is (as {@code Map.copyOf} would)
     */
    static Map<String, String> mapOf(Map<String, String> values, String field) {
        nonNull(values, field);
        Class<?> type = values.getClass();
        if (type == IMMUTABLE_MAP_1 || type == IMMUTABLE_MAP_N || type == IMMUTABLE_MAP_0_OR_N) {
            return values;
        }
        Map<String, String> copy = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : values.entrySet()) {
            if (e.getKey() == null) {
                throw new IllegalArgumentException(field + " must not contain a null key");
            }
            copy.put(e.getKey(), Objects.requireNonNull(e.getValue(),
                    () -> field + "['" + e.getKey() + "'] must not be null"));
        }
        return Collections.unmodifiableMap(copy);
    }
}
