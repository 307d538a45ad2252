package dev.aims.springai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aims.api.AiPolicyViolationException;
import dev.aims.otel.AimsAttributes;
import dev.aims.testkit.FakeRedactor;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class AimsMetersTest {
    static final String EMAIL = "alice.smith@example.org";

    final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(AimsAutoConfiguration.class))
            .withBean("model", ChatModel.class, EchoChatModel::new)
            .withBean(dev.aims.api.Redactor.class, () -> new FakeRedactor(Map.of(EMAIL, "EMAIL_ADDRESS")));

    @Test
    void theMetricNamesAreAimsOtels() {
        assertThat(AimsMeters.CALLS).isEqualTo(AimsAttributes.METRIC_CALLS);
        assertThat(AimsMeters.DECISIONS).isEqualTo(AimsAttributes.METRIC_POLICY_DECISIONS);
        assertThat(AimsMeters.REDACTIONS).isEqualTo(AimsAttributes.METRIC_REDACTIONS);
        assertThat(AimsMeters.RESTORATIONS).isEqualTo(AimsAttributes.METRIC_RESTORATIONS);
    }

    @Test
    void withAMeterRegistryAndNoOpenTelemetryCallsDecisionsAndRedactionsAreCounted() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        runner.withBean(MeterRegistry.class, () -> meters)
                .withPropertyValues("aims.enabled=true", "aims.models.allow=gpt-4o*").run(ctx -> {
                    assertThat(ctx).hasNotFailed();
                    ChatModel model = ctx.getBean(ChatModel.class);
                    model.call("mail " + EMAIL);
                    model.call("write to " + EMAIL);

                    assertThat(meters.get(AimsAttributes.METRIC_CALLS).tags("aims.outcome", "allowed",
                            "aims.redaction.enabled", "true").counter().count()).isEqualTo(2.0);
                    assertThat(meters.get(AimsAttributes.METRIC_REDACTIONS).tag("aims.redaction.type",
                            "EMAIL_ADDRESS").counter().count()).isEqualTo(2.0);
                    assertThat(meters.get(AimsAttributes.METRIC_POLICY_DECISIONS).tags("aims.policy.id",
                            "model-allow-list", "aims.policy.effect", "allow", "aims.policy.stage", "pre",
                            "aims.policy.shadow", "false").counter().count()).isEqualTo(2.0);
                    // Nothing of the values in any meter's name or tags.
                    meters.getMeters().forEach(m -> assertThat(m.getId().toString()).doesNotContain(EMAIL));
                });
    }

    @Test
    void aDeniedCallIsCountedAsDenied() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        runner.withBean(MeterRegistry.class, () -> meters)
                .withPropertyValues("aims.enabled=true", "aims.models.allow=claude-*").run(ctx -> {
                    Assertions.assertThatThrownBy(() -> ctx.getBean(ChatModel.class).call("hi"))
                            .isInstanceOf(AiPolicyViolationException.class);
                    assertThat(meters.get(AimsAttributes.METRIC_CALLS).tag("aims.outcome", "denied").counter()
                            .count()).isEqualTo(1.0);
                    assertThat(meters.get(AimsAttributes.METRIC_POLICY_DECISIONS).tags("aims.policy.id",
                            "model-allow-list", "aims.policy.effect", "deny").counter().count()).isEqualTo(1.0);
                });
    }

    @Test
    void withAimsOtelsTelemetryOrThePropertyOffNothingIsCountedTwice() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        runner.withBean(MeterRegistry.class, () -> meters)
                .withBean(OpenTelemetry.class, OpenTelemetrySdk.builder()::build)
                .withPropertyValues("aims.enabled=true").run(ctx -> {
                    ctx.getBean(ChatModel.class).call("hi");
                    assertThat(meters.find(AimsAttributes.METRIC_CALLS).counter()).isNull();
                });
        runner.withBean(MeterRegistry.class, () -> meters)
                .withPropertyValues("aims.enabled=true", "aims.micrometer.enabled=false").run(ctx -> {
                    ctx.getBean(ChatModel.class).call("hi");
                    assertThat(meters.find(AimsAttributes.METRIC_CALLS).counter()).isNull();
                });
    }
}
