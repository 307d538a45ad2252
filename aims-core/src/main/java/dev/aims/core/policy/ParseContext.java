package dev.aims.core.policy;

import java.util.Map;
import java.util.Set;

/**
 * What rule parsers need beyond their own fields: the entity types the document may name, and the document's quota
 * store for budgets and rate limits that name none.
 */
final class ParseContext {
    final Set<String> entityTypes;
    /** The document's {@code store}, or null. */
    final StoreRef store;

    ParseContext(Set<String> entityTypes) {
        this(entityTypes, null);
    }

    ParseContext(Set<String> entityTypes, StoreRef store) {
        this.entityTypes = entityTypes;
        this.store = store;
    }

    /**
     * Reads a budget's or rate limit's {@code store}, adding the store in force (its own or the document's) to the
     * canonical form.
     *
     * @return the store in force, null for the loader's default; {@code bad[0]} is set when it had problems
     */
    StoreRef store(Fields f, Map<String, Object> canonical, boolean[] bad) {
        boolean has = f.has("store");
        StoreRef own = StoreRef.parse(f);
        if (has && own == null) {
            bad[0] = true;
            return null;
        }
        StoreRef ref = own != null ? own : store;
        if (ref != null) {
            canonical.put("store", ref.canonical());
        }
        return ref;
    }

    boolean knownType(String type) {
        return entityTypes.contains(type);
    }
}
