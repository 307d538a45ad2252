package dev.aims.core.policy;

import dev.aims.api.AiRequest;
import dev.aims.api.AiResponse;
import dev.aims.api.CallContext;
import dev.aims.api.CallRecord;
import dev.aims.api.Finding;
import dev.aims.api.FinishReason;
import dev.aims.api.Message;
import dev.aims.api.Policy;
import dev.aims.api.PolicyDecision;
import dev.aims.api.PolicyInput;
import dev.aims.api.PolicySet;
import dev.aims.api.PolicyStage;
import dev.aims.api.RedactionSession;
import dev.aims.api.Redactor;
import dev.aims.api.Usage;
import dev.aims.core.GovernedClient;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Builds policy documents, inputs and governed clients for the tests of this package. */
final class Fixtures {
    static final Instant NOW = Instant.parse("2025-06-15T10:00:00Z");
    static final CallContext SUPPORT = CallContext.builder().principal("u-1").tenant("acme").systemId("support-bot")
            .purpose("customer-support").build();

    private Fixtures() {
    }

    /** @return a policy document holding the given rules (each a JSON object) */
    static String doc(String... rules) {
        return "{\"schema\": \"aims-policy/v1\", \"version\": \"7\", \"entityTypes\": [\"PROJECT_CODE\"],"
                + " \"rules\": [" + String.join(",", rules) + "]}";
    }

    static PolicySet load(String... rules) {
        return loader().load(PolicyFile.parse(doc(rules), "test.json"));
    }

    static PolicyLoader loader() {
        return PolicyLoader.builder().redactor(Redactor.none()).build();
    }

    static Policy only(PolicySet set, String id) {
        for (Policy p : set.policies()) {
            if (p.id().equals(id)) {
                return p;
            }
        }
        throw new AssertionError("no policy " + id + " in " + set);
    }

    static PolicyInput pre(AiRequest request, CallContext ctx) {
        return input(PolicyStage.PRE, request, ctx, List.of(), null, Redactor.none().open());
    }

    static PolicyInput input(PolicyStage stage, AiRequest request, CallContext ctx, List<Finding> findings,
            AiResponse response, RedactionSession session) {
        return new PolicyInput(stage, "call-1", request, ctx, findings, response, List.of(), session, NOW);
    }

    static PolicyDecision decide(PolicySet set, String id, PolicyInput input) {
        return only(set, id).evaluate(input);
    }

    /** A governed client over a delegate that answers with the given usage and records every call's record. */
    static final class Harness {
        final List<CallRecord> records = new CopyOnWriteArrayList<>();
        final List<AiRequest> sent = new CopyOnWriteArrayList<>();
        final GovernedClient client;
        volatile Usage usage = Usage.of(10, 20);
        volatile String answer = "fine";

        Harness(PolicySet set, MutableClock clock, Redactor redactor) {
            client = GovernedClient.builder()
                    .delegate(this::answer)
                    .policySource(() -> set)
                    .redactor(redactor)
                    .clock(clock)
                    .observer(records::add)
                    .build();
        }

        private AiResponse answer(AiRequest request) {
            sent.add(request);
            return AiResponse.builder().message(Message.assistant(answer)).usage(usage)
                    .finishReason(FinishReason.STOP).build();
        }

        CallRecord last() {
            return records.get(records.size() - 1);
        }

        PolicyDecision decisionOf(String policyId, PolicyStage stage) {
            for (PolicyDecision d : last().decisions()) {
                if (d.policyId().equals(policyId) && d.stage() == stage) {
                    return d;
                }
            }
            throw new AssertionError("no decision of " + policyId + " at " + stage + " in " + last().decisions());
        }
    }
}
