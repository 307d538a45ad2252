package dev.aims.core.policy;

import java.util.Set;

/** What rule parsers need beyond their own fields: the entity types the document may name. */
final class ParseContext {
    final Set<String> entityTypes;

    ParseContext(Set<String> entityTypes) {
        this.entityTypes = entityTypes;
    }

    boolean knownType(String type) {
        return entityTypes.contains(type);
    }
}
