package dev.aims.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aims.api.AiPolicyViolationException;
import dev.aims.api.AiRequest;
import dev.aims.api.AiResponse;
import dev.aims.api.CallContext;
import dev.aims.api.ModelClient;
import dev.aims.api.PolicySet;
import dev.aims.api.Redactor;
import dev.aims.core.policy.PolicyFile;
import dev.aims.core.policy.PolicyLoader;
import dev.aims.redact.AimsRedactor;
import dev.aims.testkit.FakeRedactor;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** What a user who configures nothing gets: redaction, one redactor for policies and client, a record. */
class SecureDefaultsTest {
    static final String CARD = "4111 1111 1111 1111";
    static final String EMAIL = "jane.doe@corp.example";
    static final Path EXAMPLE = Path.of("../examples/aims-policy.json");
    static final String DENY_CARDS = "{\"schema\": \"aims-policy/v1\", \"version\": \"1\", \"rules\": [{\"id\":"
            + " \"cards\", \"type\": \"sensitive-data\", \"entities\": {\"CREDIT_CARD\": \"deny\"}}]}";

    final List<AiRequest> sent = new CopyOnWriteArrayList<>();
    final ModelClient provider = r -> {
        sent.add(r);
        return AiResponse.of("fine");
    };
    final RecordingObserver observer = new RecordingObserver();

    static PolicySet load(PolicyLoader loader, String json) {
        return loader.load(PolicyFile.parse(json, "test.json"));
    }

    @Test
    void aClientBuiltWithOnlyADelegateRedactsWithTheBuiltInRedactor() {
        GovernedClient client = GovernedClient.builder().delegate(provider).observer(observer).build();

        client.call(AiRequest.of("gpt-4o", "card " + CARD + ", mail " + EMAIL), CallContext.EMPTY);

        assertThat(sent.get(0).messages().get(0).text()).doesNotContain(CARD).doesNotContain(EMAIL)
                .contains("<CREDIT_CARD_1>").contains("<EMAIL_ADDRESS_1>");
        assertThat(observer.only().redactionEnabled()).isTrue();
        assertThat(observer.only().findingCounts()).containsEntry("CREDIT_CARD", 1).containsEntry("EMAIL_ADDRESS", 1);
        assertThat(client.toString()).contains("redaction=on");
    }

    @Test
    void turningRedactionOffIsOneExplicitCallAndEveryRecordSaysSo() {
        GovernedClient client = GovernedClient.builder().delegate(provider).redactor(Redactor.none())
                .observer(observer).build();

        client.call(AiRequest.of("gpt-4o", "card " + CARD), CallContext.EMPTY);

        assertThat(sent.get(0).messages().get(0).text()).contains(CARD);
        assertThat(observer.only().redactionEnabled()).isFalse();
        assertThat(observer.only().toString()).contains("redactionEnabled=false");
        assertThat(client.toString()).contains("redaction=OFF");
    }

    @Test
    void thePolicyFileOneLinerDecidesOnTheFindingsOfTheRedactorThatRedacts() {
        GovernedClient client = GovernedClient.builder().delegate(provider).policyFile(EXAMPLE).observer(observer)
                .build();
        CallContext support = CallContext.builder().principal("u-42").systemId("support-bot")
                .purpose("customer-support").build();

        assertThatThrownBy(() -> client.call(AiRequest.of("gpt-4o-mini", "my card is " + CARD), support))
                .isInstanceOf(AiPolicyViolationException.class)
                .satisfies(e -> assertThat(((AiPolicyViolationException) e).decision().policyId())
                        .isEqualTo("data-default"))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(CARD));
        assertThat(sent).isEmpty();

        client.call(AiRequest.of("gpt-4o-mini", "write to " + EMAIL), support);
        assertThat(sent.get(0).messages().get(0).text()).doesNotContain(EMAIL).contains("<EMAIL_ADDRESS_1>");
        client.close();
    }

    @Test
    void aPolicyFileThatCannotBeReadFailsTheBuildNamingIt() {
        assertThatThrownBy(() -> GovernedClient.builder().delegate(provider).policyFile(Path.of("no-such.json"))
                .build()).isInstanceOf(UncheckedIOException.class).hasMessageContaining("no-such.json");
    }

    @Test
    void policyFile_twice() {
        assertThatThrownBy(() -> GovernedClient.builder().policyFile(EXAMPLE).policyFile(EXAMPLE))
                .isInstanceOf(IllegalStateException.class).hasMessage("policyFile was already set");
    }

    @Test
    void policiesLoadedWithoutARedactorFailTheBuildNamingTheRules() {
        PolicySet set = load(PolicyLoader.builder().build(), DENY_CARDS);

        assertThatThrownBy(() -> GovernedClient.builder().delegate(provider).policies(set.policies()).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("[cards]")
                .hasMessageContaining("loaded without a redactor");
    }

    @Test
    void policiesLoadedWithAnotherRedactorThanTheClientsFailTheBuild() {
        PolicySet set = load(PolicyLoader.builder().redactor(AimsRedactor.create()).build(), DENY_CARDS);

        assertThatThrownBy(() -> GovernedClient.builder().delegate(provider).redactor(AimsRedactor.create())
                .policies(set.policies()).build()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("[cards]").hasMessageContaining("another redactor");
    }

    @Test
    void rulesThatReadFindingsCannotRunWithRedactionOff() {
        AimsRedactor redactor = AimsRedactor.create();
        PolicySet set = load(PolicyLoader.builder().redactor(redactor).build(), DENY_CARDS);

        assertThatThrownBy(() -> GovernedClient.builder().delegate(provider).redactor(Redactor.none())
                .policies(set.policies()).build()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("[cards]").hasMessageContaining("redaction is off");
    }

    @Test
    void policiesMadeWithTwoRedactorsFailTheBuild() {
        PolicySet a = load(PolicyLoader.builder().redactor(AimsRedactor.create()).build(), DENY_CARDS);
        PolicySet b = load(PolicyLoader.builder().redactor(AimsRedactor.create()).build(), DENY_CARDS
                .replace("\"cards\"", "\"cards-2\""));

        assertThatThrownBy(() -> GovernedClient.builder().delegate(provider).policies(a.policies())
                .policies(b.policies()).build()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("[cards, cards-2]").hasMessageContaining("different redactors");
    }

    @Test
    void aClientWithoutARedactorRedactsWithTheOneItsPoliciesWereLoadedWith() {
        FakeRedactor custom = new FakeRedactor(Map.of("Falcon", "PROJECT_CODE", CARD, "CREDIT_CARD"));
        PolicySet set = load(PolicyLoader.builder().redactor(custom).build(), "{\"schema\": \"aims-policy/v1\","
                + " \"version\": \"1\", \"entityTypes\": [\"PROJECT_CODE\"], \"rules\": [{\"id\": \"projects\","
                + " \"type\": \"sensitive-data\", \"entities\": {\"PROJECT_CODE\": \"deny\"}}]}");
        GovernedClient client = GovernedClient.builder().delegate(provider).policies(set.policies())
                .observer(observer).build();

        assertThatThrownBy(() -> client.call(AiRequest.of("m", "about Falcon"), CallContext.EMPTY))
                .isInstanceOf(AiPolicyViolationException.class);
        assertThat(sent).isEmpty();
        assertThat(observer.only().findingCounts()).containsEntry("PROJECT_CODE", 1);
    }

    @Test
    void aPolicySourceThatLaterBringsAMismatchedRuleFailsThoseCallsWithARecord() {
        AimsRedactor redactor = AimsRedactor.create();
        PolicySet good = load(PolicyLoader.builder().redactor(redactor).build(), DENY_CARDS);
        PolicySet bad = load(PolicyLoader.builder().build(), DENY_CARDS);
        AtomicReference<PolicySet> current = new AtomicReference<>(good);
        GovernedClient client = GovernedClient.builder().delegate(provider).redactor(redactor)
                .policySource(current::get).observer(observer).build();
        current.set(bad);

        assertThatThrownBy(() -> client.call(AiRequest.of("m", "hi"), CallContext.EMPTY))
                .isInstanceOf(dev.aims.api.AiGovernanceException.class).hasMessageContaining("policy source")
                .hasMessageContaining("[cards]");
        assertThat(sent).isEmpty();
        assertThat(observer.only().outcome()).isEqualTo(dev.aims.api.CallRecord.Outcome.ERROR);
    }

    @Test
    void aModifiedRequestAtPreSendIsRedactedBeforeItLeaves() {
        dev.aims.api.Policy rewriting = new dev.aims.api.Policy() {
            @Override
            public String id() {
                return "rewrite";
            }

            @Override
            public java.util.Set<dev.aims.api.PolicyStage> stages() {
                return java.util.Set.of(dev.aims.api.PolicyStage.PRE_SEND);
            }

            @Override
            public dev.aims.api.PolicyDecision evaluate(dev.aims.api.PolicyInput input) {
                return dev.aims.api.PolicyDecision.modify(this, dev.aims.api.PolicyStage.PRE_SEND, "appended",
                        "a signature was appended", input.request().toBuilder().message(dev.aims.api.Message.user(
                                "signed by " + EMAIL)).build());
            }
        };
        GovernedClient client = GovernedClient.builder().delegate(provider).policy(rewriting).build();

        client.call(AiRequest.of("m", "hello"), CallContext.EMPTY);

        assertThat(sent.get(0).messages()).hasSize(2);
        assertThat(sent.get(0).messages().get(1).text()).doesNotContain(EMAIL).contains("<EMAIL_ADDRESS_1>");
    }
}
