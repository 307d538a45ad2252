package dev.aims.core;

import dev.aims.api.AiSystemRegistry;
import dev.aims.api.Policy;
import dev.aims.api.PolicyDecision;
import dev.aims.api.PolicyInput;
import dev.aims.api.PolicyStage;
import java.util.Optional;

/** The first PRE policy when an inventory is configured: a strict inventory refuses unregistered systems. */
final class InventoryPolicy implements Policy {
    static final String ID = "aims.inventory";

    private final AiSystemRegistry inventory;

    InventoryPolicy(AiSystemRegistry inventory) {
        this.inventory = inventory;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public PolicyDecision evaluate(PolicyInput input) {
        Optional<String> systemId = input.context().systemId();
        if (systemId.isPresent() && inventory.find(systemId.get()).isPresent()) {
            return PolicyDecision.allow(this, PolicyStage.PRE);
        }
        if (!inventory.strict()) {
            return PolicyDecision.builder(this, PolicyStage.PRE).effect(PolicyDecision.Effect.ALLOW)
                    .reasonCode(systemId.isPresent() ? "system_not_registered" : "system_not_declared")
                    .message("inventory is not strict; the call proceeds").build();
        }
        if (systemId.isEmpty()) {
            return PolicyDecision.deny(this, PolicyStage.PRE, "system_not_declared",
                    "the inventory is strict and the call names no AI system id");
        }
        // The unregistered id is the caller's free text: not echoed into records and exception messages.
        return PolicyDecision.deny(this, PolicyStage.PRE, "system_not_registered",
                "the AI system the call names is not registered in the inventory");
    }
}
