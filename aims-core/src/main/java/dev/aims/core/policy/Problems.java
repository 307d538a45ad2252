package dev.aims.core.policy;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects the problems of one policy document, so that all of them are reported at once, each with the line and
 * column its path starts at in the document.
 */
final class Problems {
    private final List<PolicyValidationException.Problem> list = new ArrayList<>();
    private final Locations locations;

    Problems() {
        this(Locations.NONE);
    }

    Problems(Locations locations) {
        this.locations = locations;
    }

    void add(String path, String message) {
        add(path, locations.find(path), message);
    }

    /** Adds a problem at a position known otherwise (a syntax error, the second of two equal names). */
    void add(String path, long at, String message) {
        list.add(new PolicyValidationException.Problem(path, Locations.line(at), Locations.column(at), message));
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
