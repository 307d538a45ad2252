package dev.aims.otel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aims.api.AiRequest;
import dev.aims.api.AiResponse;
import dev.aims.testkit.LogCapture;
import io.opentelemetry.api.common.KeyValue;
import io.opentelemetry.api.common.Value;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT} and its system property choose where redacted content
 * goes; without the application's redactor they capture nothing.
 */
class ContentModeTest {
    private static final SeededRedactor REDACTOR = new SeededRedactor(Map.of("jane@example.com", "EMAIL_ADDRESS"));

    private final OtelFixture otel = new OtelFixture();

    @AfterEach
    void close() {
        otel.close();
    }

    private void call(AimsTelemetry.Builder builder, String property, String environment) {
        AimsTelemetry telemetry = builder.configuration(
                name -> ContentMode.SYSTEM_PROPERTY.equals(name) ? property : null,
                name -> ContentMode.ENVIRONMENT_VARIABLE.equals(name) ? environment : null).build();
        HandCall.observe(telemetry.observer(), Records.allowed("c1")
                .sentRequest(AiRequest.of("gpt-4o", "mail jane@example.com"))
                .receivedResponse(AiResponse.of("sent to jane@example.com")));
    }

    private AimsTelemetry.Builder capturing() {
        return AimsTelemetry.builder(otel.sdk).captureContent(REDACTOR);
    }

    private String spanInput() {
        return otel.onlySpan().getAttributes().get(AimsAttributes.GEN_AI_INPUT_MESSAGES);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"SPAN_ONLY, true, false", "span_only, true, false", "true, true, false", "TRUE, true, false",
        "EVENT_ONLY, false, true", "SPAN_AND_EVENT, true, true", "NO_CONTENT, false, false", "false, false, false"})
    void theSettingChoosesSpansEventsBothOrNothing(String setting, boolean onSpan, boolean onEvent) {
        call(capturing(), null, setting);

        assertThat(spanInput() != null).isEqualTo(onSpan);
        assertThat(otel.logs().isEmpty()).isEqualTo(!onEvent);
    }

    @Test
    void withoutASettingTheRedactorPutsContentOnTheSpan() {
        call(capturing(), null, null);

        assertThat(spanInput()).contains("<EMAIL_ADDRESS_1>").doesNotContain("jane@example.com");
        assertThat(otel.logs()).isEmpty();
    }

    @Test
    void theSystemPropertyWinsOverTheEnvironment() {
        call(capturing(), "NO_CONTENT", "SPAN_AND_EVENT");

        assertThat(spanInput()).isNull();
        assertThat(otel.logs()).isEmpty();
    }

    @Test
    void theEventCarriesTheRedactedMessagesStructuredUnderTheCallsSpan() {
        call(capturing(), null, "EVENT_ONLY");

        SpanData span = otel.onlySpan();
        LogRecordData event = otel.logs().get(0);
        assertThat(otel.logs()).hasSize(1);
        assertThat(event.getEventName()).isEqualTo("gen_ai.client.inference.operation.details");
        assertThat(event.getSeverity()).isEqualTo(Severity.DEBUG);
        assertThat(event.getSpanContext().getSpanId()).isEqualTo(span.getSpanId());
        assertThat(event.getInstrumentationScopeInfo().getName()).isEqualTo("dev.aims");
        assertThat(event.getAttributes().get(AimsAttributes.GEN_AI_OPERATION_NAME)).isEqualTo("chat");
        assertThat(event.getAttributes().get(AimsAttributes.GEN_AI_PROVIDER_NAME)).isEqualTo("openai");
        assertThat(event.getAttributes().get(AimsAttributes.GEN_AI_REQUEST_MODEL)).isEqualTo("gpt-4o");
        Value<?> input = event.getAttributes().get(AimsAttributes.GEN_AI_INPUT_MESSAGES_VALUE);
        Value<?> output = event.getAttributes().get(AimsAttributes.GEN_AI_OUTPUT_MESSAGES_VALUE);
        assertThat(input).isEqualTo(Value.of(Value.of(KeyValue.of("role", Value.of("user")),
                KeyValue.of("parts", Value.of(Value.of(KeyValue.of("type", Value.of("text")),
                        KeyValue.of("content", Value.of("mail <EMAIL_ADDRESS_1>"))))))));
        assertThat(ContentCapture.json(output)).isEqualTo("[{\"role\":\"assistant\",\"parts\":[{\"type\":\"text\","
                + "\"content\":\"sent to <EMAIL_ADDRESS_1>\"}],\"finish_reason\":\"stop\"}]");
    }

    @Test
    void aSettingWithoutTheRedactorCapturesNothingAndSaysWhy() {
        try (LogCapture logs = new LogCapture()) {
            call(AimsTelemetry.builder(otel.sdk), null, "SPAN_AND_EVENT");

            assertThat(logs.text()).contains("OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT=SPAN_AND_EVENT",
                    "captureContent(redactor)");
        }
        assertThat(spanInput()).isNull();
        assertThat(otel.logs()).isEmpty();
    }

    @Test
    void anUnknownSettingCapturesNothingAndSaysWhich() {
        try (LogCapture logs = new LogCapture()) {
            call(capturing(), null, "EVERYTHING");

            assertThat(logs.text()).contains("OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT=EVERYTHING",
                    "captures no message content");
        }
        assertThat(spanInput()).isNull();
        assertThat(otel.logs()).isEmpty();
    }

    @Test
    void aCallThatNeverSentEmitsNoEvent() {
        AimsTelemetry telemetry = capturing().configuration(name -> null, name -> "EVENT_ONLY").build();

        HandCall.observe(telemetry.observer(), Records.denied("c1"));

        assertThat(otel.logs()).isEmpty();
    }

    @Test
    void parseKnowsEveryValueAndNothingElse() {
        assertThat(ContentMode.parse(null, ContentMode.SPAN)).isEqualTo(ContentMode.SPAN);
        assertThat(ContentMode.parse(" ", ContentMode.NONE)).isEqualTo(ContentMode.NONE);
        assertThat(ContentMode.parse(" event_only ", ContentMode.NONE)).isEqualTo(ContentMode.EVENT);
        assertThat(ContentMode.parse("yes", ContentMode.SPAN)).isNull();
        assertThat(List.of(ContentMode.values())).extracting(m -> m.onSpans() + "/" + m.onEvents())
                .containsExactly("false/false", "true/false", "false/true", "true/true");
    }
}
