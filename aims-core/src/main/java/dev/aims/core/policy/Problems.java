package dev.aims.core.policy;

import java.util.ArrayList;
import java.util.List;

/** Collects the problems of one policy document, so that all of them are reported at once. */
final class Problems {
    private final List<PolicyValidationException.Problem> list = new ArrayList<>();

    void add(String path, String message) {
        list.add(new PolicyValidationException.Problem(path, message));
    }

    boolean isEmpty() {
        return list.isEmpty();
    }

    int size() {
        return list.size();
    }

    /** @throws PolicyValidationException if any problem was added */
    void throwIfAny(String origin) {
        if (!list.isEmpty()) {
            throw new PolicyValidationException(origin, list);
        }
    }
}
