package dev.aims.springai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aims.api.PolicySet;
import dev.aims.api.PolicySource;
import dev.aims.api.Redactor;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.model.ChatModel;

class AimsGovernanceTest {
    final RecordingObserver observer = new RecordingObserver();

    static AimsProperties properties(String provider, Path policyFile, List<String> allow, Long maxInput) {
        return new AimsProperties(true, provider, policyFile, null, new AimsProperties.Models(allow), maxInput, null,
                null, new AimsProperties.Redaction(true, null, Map.of()), new AimsProperties.Evidence(null),
                new AimsProperties.Telemetry(null), new AimsProperties.Micrometer(true),
                new AimsProperties.QuotaStoreSettings(null, null, null, null, null));
    }

    AimsGovernance governance(AimsProperties p, PolicySource source, AimsPolicyFileLoader loader) {
        return new AimsGovernance(p, Redactor.none(), List.of(), source, loader, List.of(observer), List.of(), null,
                List.of(), getClass().getClassLoader());
    }

    @Test
    void theConfiguredProviderNameIsRecorded() {
        ChatModel model = governance(properties("acme-llm", null, List.of(), null), null, null)
                .govern(new EchoChatModel());

        model.call("hi");

        assertThat(observer.only().provider()).isEqualTo("acme-llm");
    }

    @Test
    void anUnrecognisedModelWithoutAConfiguredProviderIsRecordedAsUnknown() {
        governance(properties(null, null, List.of(), null), null, null).govern(new EchoChatModel()).call("hi");

        assertThat(observer.only().provider()).isEqualTo("unknown");
    }

    @Test
    void aBlankModelPatternIsRejectedNamingTheProperty() {
        assertThatThrownBy(() -> governance(properties(null, null, List.of("gpt-4o", " "), null), null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("aims.models.allow is invalid ([gpt-4o,  ]): ");
    }

    @Test
    void aPolicyFileAndAPolicySourceBeanTogetherAreRejected() {
        PolicySource bean = () -> PolicySet.EMPTY;

        assertThatThrownBy(() -> governance(properties(null, Path.of("p.json"), List.of(), null), bean,
                file -> bean)).isInstanceOf(IllegalStateException.class)
                .hasMessage("aims.policy-file is set to 'p.json' and a PolicySource bean is declared too; keep one of"
                        + " them");
    }

    @Test
    void aLoaderThatReturnsNothingIsRejected() {
        assertThatThrownBy(() -> governance(properties(null, Path.of("p.json"), List.of(), null), null,
                file -> null)).isInstanceOf(IllegalStateException.class)
                .hasMessage("the AimsPolicyFileLoader returned no policies for aims.policy-file 'p.json'");
    }

    @Test
    void aZeroInputLimitIsRejected() {
        assertThatThrownBy(() -> governance(properties(null, null, List.of(), 0L), null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("aims.max-input-chars must be > 0, but was 0");
    }
}
