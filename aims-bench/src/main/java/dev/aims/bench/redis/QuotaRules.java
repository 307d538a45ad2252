package dev.aims.bench.redis;

import dev.aims.api.AiRequest;
import dev.aims.api.AiResponse;
import dev.aims.api.CallContext;
import dev.aims.api.CallRecord;
import dev.aims.api.FinishReason;
import dev.aims.api.Message;
import dev.aims.api.Policy;
import dev.aims.api.PolicyDecision;
import dev.aims.api.PolicyInput;
import dev.aims.api.PolicySet;
import dev.aims.api.PolicyStage;
import dev.aims.api.Redactor;
import dev.aims.api.Usage;
import dev.aims.core.GovernedClient;
import dev.aims.core.policy.PolicyFile;
import dev.aims.core.policy.PolicyLoader;
import dev.aims.core.policy.QuotaStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A daily token budget and a per-minute rate limit (requests and tokens) counting in a given store, with what it
 * takes to run their decisions alone: a prepared PRE input, and records of a finished call whose usage matches the
 * estimate (no correction after the call) or falls short of it (a refund after the call).
 */
final class QuotaRules {
    /** A limit no run can reach, so that every decision stays on the allow path. */
    private static final String HUGE = "1000000000000000";
    /** "What are your opening hours on Saturdays?" is 41 characters, 11 tokens; with maxTokens 100, 111. */
    static final AiRequest REQUEST = AiRequest.builder().model("gpt-4o-mini")
            .message(Message.user("What are your opening hours on Saturdays?")).maxTokens(100).build();
    static final Usage EXACT = Usage.of(11, 100);
    static final Usage SHORT = Usage.of(11, 60);

    final Policy budget;
    final Policy rate;
    final PolicyInput pre;
    final CallRecord exact;
    final CallRecord corrected;
    final GovernedClient client;

    QuotaRules(QuotaStore store) {
        String doc = "{\"schema\": \"aims-policy/v1\", \"version\": \"bench\", \"rules\": ["
                + "{\"id\": \"user-day\", \"type\": \"token-budget\", \"per\": \"principal\", \"window\": \"day\","
                + " \"limit\": " + HUGE + ", \"store\": \"shared\"},"
                + "{\"id\": \"user-rate\", \"type\": \"rate-limit\", \"per\": \"principal\", \"window\": \"PT1M\","
                + " \"requests\": " + HUGE + ", \"tokens\": " + HUGE + ", \"store\": \"shared\"}]}";
        PolicySet set = PolicyLoader.builder().quotaStore("shared", store).build()
                .load(PolicyFile.parse(doc, "bench.json"));
        budget = set.policies().get(0);
        rate = set.policies().get(1);
        CallContext ctx = CallContext.builder().principal("u-1").tenant("acme").systemId("helpdesk").build();
        pre = new PolicyInput(PolicyStage.PRE, "call-1", REQUEST, ctx, List.of(), null, List.of(),
                Redactor.none().open(), Instant.now());
        client = client(set, EXACT, null);
        exact = record(set, EXACT, ctx);
        corrected = record(set, SHORT, ctx);
    }

    private static GovernedClient client(PolicySet set, Usage usage, List<CallRecord> records) {
        AiResponse answer = AiResponse.builder().message(Message.assistant("9 to 5.")).usage(usage)
                .finishReason(FinishReason.STOP).build();
        GovernedClient.Builder b = GovernedClient.builder().delegate(r -> answer).provider("openai")
                .redactor(Redactor.none()).policySource(() -> set);
        if (records != null) {
            b.observer(records::add);
        }
        return b.build();
    }

    private static CallRecord record(PolicySet set, Usage usage, CallContext ctx) {
        List<CallRecord> records = new ArrayList<>();
        client(set, usage, records).call(REQUEST, ctx);
        CallRecord r = records.get(0);
        for (PolicyDecision d : r.decisions()) {
            if (d.isDeny() || d.obligations().containsKey("quota.degraded")) {
                throw new IllegalStateException("the benchmark's call must be allowed from the store, but got " + d);
            }
        }
        return r;
    }

    CallContext context() {
        return pre.context();
    }
}
