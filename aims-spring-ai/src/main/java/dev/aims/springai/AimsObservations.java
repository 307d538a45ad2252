package dev.aims.springai;

import dev.aims.api.CallObserver;
import dev.aims.api.CallRecord;
import dev.aims.api.CallStart;
import dev.aims.api.ObservedCall;
import dev.aims.api.PolicyDecision;
import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationFilter;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.ObservationView;

/**
 * Puts AIMS's verdict on Spring AI's own {@code ChatClient} observation ({@value #CHAT_CLIENT_CONTEXT}, named
 * {@code spring.ai.chat.client} by default) as two low-cardinality key values, instead of a second span:
 * {@value #OUTCOME} — {@code allowed}, {@code modified} (allowed, but AIMS changed what was sent or returned: a
 * value redacted, a policy's MODIFY, a pseudonym restored into a tool's arguments), {@code denied}, {@code error} —
 * and {@value #DECISIVE_POLICY}, the id of the policy whose decision set the outcome (the first deny, else the last
 * modify; {@value #NONE} when every policy allowed). Both come from the call's record: never user content, the
 * principal or an id of the call, and as many values as the application has policies.
 *
 * <p>Why the chat-client observation and not the model's ({@code gen_ai.client.operation}): the model's observation
 * is the provider client's, inside AIMS's delegate step; it ends when the provider answered, before the POST
 * policies decide, and a call denied before sending never opens one. The chat-client observation encloses the whole
 * governed call — each governed round-trip of its tool loop — and ends after AIMS's record, so its values are the
 * final ones. The enclosing observation is the one current when a call starts (for a stream, the one of the
 * subscriber's Reactor context, which {@link GovernedChatModel} makes current); when several governed calls run in
 * one {@code ChatClient} call, the most severe outcome stays (denied, error, modified, allowed) with its policy.
 * A model called without a {@code ChatClient} has no such observation, and nothing is added.
 *
 * <p>{@link #defaults()} is an {@link ObservationFilter} that gives every chat-client observation the two keys,
 * {@value #NONE} where no governed call ran, because metric registries such as Prometheus want every meter of a
 * name to carry the same tag keys.
 */
final class AimsObservations implements CallObserver {
    /** The outcome of the governed calls in the observation. */
    static final String OUTCOME = "aims.outcome";
    /** The id of the policy whose decision set that outcome; the name aims-otel's span uses. */
    static final String DECISIVE_POLICY = "aims.policy.decisive.id";
    /** The value of both keys where there is nothing to say. */
    static final String NONE = "none";
    /** Spring AI's context class of a {@code ChatClient} call, the same in Spring AI 1.1 and 2. */
    static final String CHAT_CLIENT_CONTEXT = "org.springframework.ai.chat.client.observation."
            + "ChatClientObservationContext";

    private static final String[] SEVERITY = {NONE, "allowed", "modified", "error", "denied"};

    private final ObservationRegistry registry;

    /** @param registry the registry whose current observation encloses the calls */
    AimsObservations(ObservationRegistry registry) {
        this.registry = registry;
    }

    @Override
    public ObservedCall start(CallStart start) {
        Observation chatClient = chatClient(registry.getCurrentObservation());
        if (chatClient == null) {
            return record -> {
            };
        }
        return record -> tag(chatClient, outcome(record), record.decisiveDecision().map(PolicyDecision::policyId)
                .orElse(NONE));
    }

    @Override
    public void onCall(CallRecord record) {
        // Every call goes through start: the record alone does not say which observation enclosed the call.
    }

    /** @return the nearest chat-client observation from {@code current} up its parents, or null */
    static Observation chatClient(ObservationView current) {
        for (ObservationView o = current; o != null; o = o.getContextView().getParentObservation()) {
            if (o instanceof Observation && isChatClient(o.getContextView())) {
                return (Observation) o;
            }
        }
        return null;
    }

    /** Matched by class name: aims-spring-ai does not depend on spring-ai-client-chat, where the class lives. */
    static boolean isChatClient(Observation.ContextView context) {
        for (Class<?> c = context.getClass(); c != null; c = c.getSuperclass()) {
            if (CHAT_CLIENT_CONTEXT.equals(c.getName())) {
                return true;
            }
        }
        return false;
    }

    /** @return the record's outcome in the words of {@value #OUTCOME} */
    static String outcome(CallRecord record) {
        switch (record.outcome()) {
            case DENIED:
                return "denied";
            case ERROR:
                return "error";
            default:
                boolean modified = record.findingTotal() > 0 || !record.restorations().isEmpty()
                        || record.decisiveDecision().filter(d -> d.effect() == PolicyDecision.Effect.MODIFY)
                                .isPresent();
                return modified ? "modified" : "allowed";
        }
    }

    /** Keeps the more severe of the observation's outcome so far and this call's; with it, its policy. */
    private static void tag(Observation observation, String outcome, String policy) {
        Observation.Context context = observation.getContext();
        synchronized (context) {
            KeyValue before = context.getLowCardinalityKeyValue(OUTCOME);
            if (before != null && severity(before.getValue()) >= severity(outcome)) {
                return;
            }
            context.addLowCardinalityKeyValue(KeyValue.of(OUTCOME, outcome));
            context.addLowCardinalityKeyValue(KeyValue.of(DECISIVE_POLICY, policy));
        }
    }

    private static int severity(String outcome) {
        for (int i = 0; i < SEVERITY.length; i++) {
            if (SEVERITY[i].equals(outcome)) {
                return i;
            }
        }
        return 0;
    }

    /** @return a filter giving chat-client observations without a governed call both keys, valued {@value #NONE} */
    static ObservationFilter defaults() {
        return context -> {
            if (isChatClient(context) && context.getLowCardinalityKeyValue(OUTCOME) == null) {
                context.addLowCardinalityKeyValue(KeyValue.of(OUTCOME, NONE));
                context.addLowCardinalityKeyValue(KeyValue.of(DECISIVE_POLICY, NONE));
            }
            return context;
        };
    }

    @Override
    public String toString() {
        return "AimsObservations(" + registry.getClass().getSimpleName() + ")";
    }
}
