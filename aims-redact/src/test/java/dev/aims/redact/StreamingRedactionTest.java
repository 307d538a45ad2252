package dev.aims.redact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aims.api.Operator;
import dev.aims.api.RedactionSession;
import dev.aims.api.Redactor;
import org.junit.jupiter.api.Test;

class StreamingRedactionTest {
    private static String streamAll(StreamingRedaction s, String text, int chunk) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i += chunk) {
            out.append(s.accept(text.substring(i, Math.min(text.length(), i + chunk))));
        }
        return out.append(s.finish()).toString();
    }

    @Test
    void restoresPlaceholdersSplitAcrossChunks() {
        RedactionSession session = AimsRedactor.builder().defaultOperator(Operator.PSEUDONYMIZE).build().open();
        session.redact("mail jane@example.com");
        String answer = "Sure, I will write to <EMAIL_ADDRESS_1> today. <b>ok</b>";
        for (int chunk = 1; chunk <= 8; chunk++) {
            assertThat(streamAll(StreamingRedaction.restoring(session), answer, chunk))
                    .isEqualTo("Sure, I will write to jane@example.com today. <b>ok</b>");
        }
    }

    @Test
    void restoringHoldsBackOnlyAPossiblePlaceholder() {
        RedactionSession session = AimsRedactor.builder().defaultOperator(Operator.PSEUDONYMIZE).build().open();
        session.redact("mail jane@example.com");
        StreamingRedaction s = StreamingRedaction.restoring(session);
        assertThat(s.accept("Hello there, ")).isEqualTo("Hello there, ");
        assertThat(s.accept("write to <EMAIL_")).isEqualTo("write to ");
        assertThat(s.accept("ADDRESS_1> now")).isEqualTo("jane@example.com now");
        assertThat(s.finish()).isEmpty();
    }

    @Test
    void redactsValuesSplitAcrossChunks() {
        String text = "The key is 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 and the card "
                + "5340 7816 1849 5934, "
                + "IBAN DE64 9136 1939 9091 6998 54, password: Tr0ub4dor&3x, mail jane@example.com.\n"
                + "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----\nbye";
        String whole = AimsRedactor.create().open().redact(text);
        for (int chunk : new int[] {1, 2, 3, 5, 7, 16, 64}) {
            RedactionSession session = AimsRedactor.create().open();
            String streamed = streamAll(StreamingRedaction.redacting(session), text, chunk);
            assertThat(streamed).as("chunk " + chunk).isEqualTo(whole);
        }
    }

    @Test
    void redactsThenRestores() {
        RedactionSession session = AimsRedactor.builder().defaultOperator(Operator.PSEUDONYMIZE).build().open();
        session.redact("mail jane@example.com");
        String answer = "Wrote to <EMAIL_ADDRESS_1>; the leaked key was AKIA5RBQQ24IRDDAZ7Y2 ok";
        String out = streamAll(StreamingRedaction.redactingAndRestoring(session), answer, 3);
        assertThat(out).isEqualTo("Wrote to jane@example.com; the leaked key was <AWS_ACCESS_KEY_ID_1> ok");
    }

    @Test
    void redactingNeedsAnAimsSession() {
        assertThatThrownBy(() -> StreamingRedaction.redacting(Redactor.none().open()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("AimsRedactor");
    }
}
