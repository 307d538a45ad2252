package dev.aims.bench.redis;

import dev.aims.api.AiRequest;
import dev.aims.api.AiResponse;
import dev.aims.api.CallContext;
import dev.aims.api.FinishReason;
import dev.aims.api.Message;
import dev.aims.api.PolicySet;
import dev.aims.api.Redactor;
import dev.aims.api.Usage;
import dev.aims.core.GovernedClient;
import dev.aims.core.policy.PolicyFile;
import dev.aims.core.policy.PolicyLoader;
import dev.aims.core.policy.QuotaStore;

/**
 * A daily token budget and a per-minute rate limit (requests and tokens) counting in a given store — three counters
 * a call — and two governed clients under them: one whose provider reports exactly the estimated tokens (no
 * correction after the call), one whose provider reports fewer (the reservations refunded after the call).
 */
final class QuotaRules {
    /** A limit no run can reach, so that every call is allowed. */
    private static final String HUGE = "1000000000000000";
    /** "What are your opening hours on Saturdays?" is 41 characters, 11 tokens; with maxTokens 100, 111. */
    static final AiRequest REQUEST = AiRequest.builder().model("gpt-4o-mini")
            .message(Message.user("What are your opening hours on Saturdays?")).maxTokens(100).build();
    static final Usage EXACT = Usage.of(11, 100);
    static final Usage SHORT = Usage.of(11, 60);
    static final CallContext CONTEXT = CallContext.builder().principal("u-1").tenant("acme").systemId("helpdesk")
            .build();

    final GovernedClient exact;
    final GovernedClient corrected;

    QuotaRules(QuotaStore store) {
        String doc = "{\"schema\": \"aims-policy/v1\", \"version\": \"bench\", \"rules\": ["
                + "{\"id\": \"user-day\", \"type\": \"token-budget\", \"per\": \"principal\", \"window\": \"day\","
                + " \"limit\": " + HUGE + ", \"store\": \"shared\"},"
                + "{\"id\": \"user-rate\", \"type\": \"rate-limit\", \"per\": \"principal\", \"window\": \"PT1M\","
                + " \"requests\": " + HUGE + ", \"tokens\": " + HUGE + ", \"store\": \"shared\"}]}";
        PolicySet set = PolicyLoader.builder().quotaStore("shared", store).build()
                .load(PolicyFile.parse(doc, "bench.json"));
        exact = client(set, EXACT);
        corrected = client(set, SHORT);
    }

    private static GovernedClient client(PolicySet set, Usage usage) {
        AiResponse answer = AiResponse.builder().message(Message.assistant("9 to 5.")).usage(usage)
                .finishReason(FinishReason.STOP).build();
        return GovernedClient.builder().delegate(r -> answer).provider("openai").redactor(Redactor.none())
                .policySource(() -> set).build();
    }
}
