package dev.aims.api;

import java.util.Collection;
import java.util.Optional;

/**
 * The AI-system inventory as the pipeline consults it. When {@link #strict()}, a governed call naming a system id
 * that is not registered — or naming none — is denied.
 */
public interface AiSystemRegistry {
    /** @param id a system id @return the registered system */
    Optional<AiSystem> find(String id);

    /** @return every registered system */
    Collection<AiSystem> all();

    /** @return whether calls for unregistered systems are refused */
    boolean strict();
}
