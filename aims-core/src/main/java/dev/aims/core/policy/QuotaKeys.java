package dev.aims.core.policy;

import java.util.concurrent.ConcurrentHashMap;

/**
 * The store keys of one rule's counters, {@code prefix + subject}, kept per subject so that a call by a subject seen
 * before builds no string. Bounded: past {@link #MAX_CACHED} subjects a new subject's key is built on each call, which
 * costs a little garbage but never memory without end.
 */
final class QuotaKeys {
    static final int MAX_CACHED = 4096;

    private final String prefix;
    private final ConcurrentHashMap<String, String> bySubject = new ConcurrentHashMap<>();

    QuotaKeys(String prefix) {
        this.prefix = prefix;
    }

    /** @return {@code prefix + subject} */
    String of(String subject) {
        String key = bySubject.get(subject);
        if (key != null) {
            return key;
        }
        key = prefix.concat(subject);
        if (bySubject.size() < MAX_CACHED) {
            String raced = bySubject.putIfAbsent(subject, key);
            return raced == null ? key : raced;
        }
        return key;
    }

    /** @return how many subjects' keys are kept; for tests */
    int cached() {
        return bySubject.size();
    }
}
