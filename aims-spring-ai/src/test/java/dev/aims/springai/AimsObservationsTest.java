package dev.aims.springai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aims.api.AiPolicyViolationException;
import dev.aims.api.Policy;
import dev.aims.api.PolicyDecision;
import dev.aims.api.PolicyInput;
import dev.aims.api.PolicyStage;
import dev.aims.testkit.LoopbackOpenAiServer;
import dev.aims.testkit.Seeds;
import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationFilter;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.client.ChatClientRequest;
import org.springframework.ai.chat.client.observation.ChatClientObservationContext;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * AIMS's verdict on Spring AI's own {@code ChatClient} observation, through the auto-configuration, a real
 * {@code ChatClient} and a real observation registry: the outcome and the deciding policy for allowed, redacted,
 * modified and denied calls, blocking and streamed, and nothing of the prompt in any key value.
 */
class AimsObservationsTest {
    static final String CHAT_CLIENT = "spring.ai.chat.client";

    final TestObservationRegistry registry = TestObservationRegistry.create();
    /**
     * Every observation started, read when asserting: a stream's observations stop after the subscriber got its
     * last element, so waiting for their stop would race, while AIMS's key values are set before that element.
     */
    final List<Observation.Context> observed = new CopyOnWriteArrayList<>();

    final EchoChatModel provider = new EchoChatModel();
    final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(AimsAutoConfiguration.class))
            .withBean("model", ChatModel.class, () -> provider)
            .withBean(ObservationRegistry.class, () -> registry);

    /** Runs with the filter applied to the registry, as Boot applies ObservationFilter beans to its own. */
    void run(ApplicationContextRunner r, Consumer<AssertableApplicationContext> test) {
        r.run(ctx -> {
            assertThat(ctx).hasNotFailed();
            ctx.getBeanProvider(ObservationFilter.class).forEach(f -> registry.observationConfig()
                    .observationFilter(f));
            registry.observationConfig().observationHandler(new ObservationHandler<>() {
                @Override
                public boolean supportsContext(Observation.Context context) {
                    return true;
                }

                @Override
                public void onStart(Observation.Context context) {
                    observed.add(context);
                }
            });
            test.accept(ctx);
        });
    }

    ChatClient chat(AssertableApplicationContext ctx) {
        return ChatClient.create(ctx.getBean(ChatModel.class), registry);
    }

    TestObservationRegistryAssert.TestObservationRegistryAssertReturningObservationContextAssert
            chatClientObservation() {
        return TestObservationRegistryAssert.assertThat(registry).hasNumberOfObservationsWithNameEqualTo(
                CHAT_CLIENT, 1).hasObservationWithNameEqualTo(CHAT_CLIENT).that();
    }

    @Test
    void anAllowedCallIsAllowedWithNoDecisivePolicy() {
        run(runner.withPropertyValues("aims.enabled=true", "aims.models.allow=gpt-4o*"), ctx -> {
            assertThat(chat(ctx).prompt().user("hello").call().content()).isEqualTo("You said: hello");
            chatClientObservation().hasLowCardinalityKeyValue("aims.outcome", "allowed")
                    .hasLowCardinalityKeyValue("aims.policy.decisive.id", "none");
        });
    }

    @Test
    void aRedactedCallIsModifiedAndNoSeededValueReachesAnyKeyValue() {
        run(runner.withPropertyValues("aims.enabled=true"), ctx -> {
            String answer = chat(ctx).prompt().user(Seeds.all()).call().content();
            // The provider got placeholders; the answer came back restored, so the call was modified.
            assertThat(Seeds.foundIn("provider", provider.received.toString())).isEmpty();
            assertThat(answer).contains(Seeds.values().get(0));
            chatClientObservation().hasLowCardinalityKeyValue("aims.outcome", "modified")
                    .hasLowCardinalityKeyValue("aims.policy.decisive.id", "none");
            assertNoSeedInAnyKeyValue();
        });
    }

    @Test
    void aPolicyThatModifiesTheAnswerIsTheDecisivePolicy() {
        run(runner.withPropertyValues("aims.enabled=true").withBean(Policy.class, Disclaimer::new), ctx -> {
            assertThat(chat(ctx).prompt().user("hello").call().content()).endsWith("(AI)");
            chatClientObservation().hasLowCardinalityKeyValue("aims.outcome", "modified")
                    .hasLowCardinalityKeyValue("aims.policy.decisive.id", "disclaimer");
        });
    }

    @Test
    void aDeniedCallIsDeniedWithTheDenyingPolicyAndNoSeededValue() {
        run(runner.withPropertyValues("aims.enabled=true", "aims.models.allow=claude-*"), ctx -> {
            assertThatThrownBy(() -> chat(ctx).prompt().user(Seeds.all()).call().content())
                    .isInstanceOf(AiPolicyViolationException.class);
            chatClientObservation().hasLowCardinalityKeyValue("aims.outcome", "denied")
                    .hasLowCardinalityKeyValue("aims.policy.decisive.id", "model-allow-list").hasError();
            assertNoSeedInAnyKeyValue();
        });
    }

    @Test
    void aStreamedCallTagsTheSubscribersChatClientObservation() {
        run(runner.withPropertyValues("aims.enabled=true"), ctx -> {
            List<String> chunks = chat(ctx).prompt().user(Seeds.all()).stream().content().collectList().block();
            assertThat(String.join("", chunks)).contains(Seeds.values().get(0));
            chatClientObservation().hasLowCardinalityKeyValue("aims.outcome", "modified");
            assertNoSeedInAnyKeyValue();
        });
    }

    @Test
    void aStreamedProvidersOwnObservationNestsUnderTheChatClientsAsWithoutAims() throws Exception {
        try (LoopbackOpenAiServer server = new LoopbackOpenAiServer(2)) {
            run(new ApplicationContextRunner()
                    .withConfiguration(AutoConfigurations.of(LineFixtures.openAiAutoConfigurations()))
                    .withConfiguration(AutoConfigurations.of(AimsAutoConfiguration.class))
                    .withBean(ObservationRegistry.class, () -> registry)
                    .withPropertyValues("aims.enabled=true", "spring.ai.openai.base-url=" + server.baseUrl(),
                            "spring.ai.openai.api-key=test-key", "spring.ai.openai.chat.model=gpt-4o-mini")
                    .withPropertyValues(LineFixtures.noRetries()), ctx -> {
                        chat(ctx).prompt().user("hello").stream().content().collectList()
                                .block(Duration.ofSeconds(10));
                        TestObservationRegistryAssert.assertThat(registry)
                                .hasObservationWithNameEqualTo("gen_ai.client.operation").that()
                                .hasParentObservationContextMatching(parent -> AimsObservations.isChatClient(parent)
                                        || AimsObservations.chatClient(parent.getParentObservation()) != null);
                        chatClientObservation().hasLowCardinalityKeyValue("aims.outcome", "allowed");
                    });
        }
    }

    @Test
    void ofSeveralGovernedCallsInOneChatClientCallTheMostSevereOutcomeStays() {
        run(runner.withPropertyValues("aims.enabled=true", "aims.models.allow=gpt-4o*"), ctx -> {
            ChatModel model = ctx.getBean(ChatModel.class);
            Observation client = Observation.createNotStarted(CHAT_CLIENT, () -> ChatClientObservationContext
                    .builder().request(ChatClientRequest.builder().prompt(new Prompt("tools")).build()).build(),
                    registry);
            client.observe(() -> {
                model.call("mail " + Seeds.values().get(0));
                model.call("hello");
            });
            chatClientObservation().hasLowCardinalityKeyValue("aims.outcome", "modified");
        });
    }

    @Test
    void aChatClientCallThatGovernedNothingCarriesTheSameKeysValuedNone() {
        run(runner.withPropertyValues("aims.enabled=true"), ctx -> {
            ChatClient.create(new EchoChatModel(), registry).prompt().user("hello").call().content();
            chatClientObservation().hasLowCardinalityKeyValue("aims.outcome", "none")
                    .hasLowCardinalityKeyValue("aims.policy.decisive.id", "none");
        });
    }

    @Test
    void withMicrometerOffNothingIsAdded() {
        run(runner.withPropertyValues("aims.enabled=true", "aims.micrometer.enabled=false"), ctx -> {
            assertThat(ctx).doesNotHaveBean(AimsObservations.class);
            chat(ctx).prompt().user("hello").call().content();
            chatClientObservation().doesNotHaveLowCardinalityKeyValueWithKey("aims.outcome");
        });
    }

    @Test
    void anObservationThatIsNotAChatClientsIsLeftAlone() {
        run(runner.withPropertyValues("aims.enabled=true"), ctx -> {
            Observation.createNotStarted("http.server.requests", registry).observe(() -> {
                assertThat(ctx.getBean(ChatModel.class).call("hello")).isEqualTo("You said: hello");
            });
            TestObservationRegistryAssert.assertThat(registry).hasObservationWithNameEqualTo("http.server.requests")
                    .that().doesNotHaveLowCardinalityKeyValueWithKey("aims.outcome");
        });
    }

    /** Every key value of every observation, Spring AI's included, searched for every seeded value. */
    void assertNoSeedInAnyKeyValue() {
        assertThat(observed).isNotEmpty();
        StringBuilder all = new StringBuilder();
        for (Observation.Context c : observed) {
            for (KeyValue kv : c.getAllKeyValues()) {
                all.append(c.getName()).append(' ').append(kv.getKey()).append('=').append(kv.getValue())
                        .append('\n');
            }
        }
        assertThat(all).contains("aims.outcome=");
        assertThat(Seeds.foundIn("observation key values", all.toString())).isEmpty();
    }

    /** A POST policy that appends a disclaimer to every answer. */
    static final class Disclaimer implements Policy {
        @Override
        public String id() {
            return "disclaimer";
        }

        @Override
        public Set<PolicyStage> stages() {
            return EnumSet.of(PolicyStage.POST);
        }

        @Override
        public PolicyDecision evaluate(PolicyInput input) {
            return PolicyDecision.modify(this, input.stage(), "disclaimer_added", "a disclaimer was appended",
                    input.response().orElseThrow().mapText(t -> t + " (AI)"));
        }
    }
}
