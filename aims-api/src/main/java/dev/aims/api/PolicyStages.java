package dev.aims.api;

import java.util.Set;

/** Shared stage sets, so that {@link Policy#stages()} allocates nothing on the hot path. */
final class PolicyStages {
    static final Set<PolicyStage> PRE_ONLY = Set.of(PolicyStage.PRE);

    private PolicyStages() {
    }
}
