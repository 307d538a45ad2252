package dev.aims.otel;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.AttributeKey;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AimsAttributesTest {
    private static List<String> names(Class<?> type) throws IllegalAccessException {
        List<String> names = new ArrayList<>();
        for (Field f : AimsAttributes.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && type.isAssignableFrom(f.getType())) {
                Object value = f.get(null);
                names.add(value instanceof AttributeKey ? ((AttributeKey<?>) value).getKey() : (String) value);
            }
        }
        return names;
    }

    @Test
    void everyAttributeNameIsDistinctButTheStructuredFormsOfContent() throws IllegalAccessException {
        List<String> keys = names(AttributeKey.class);

        assertThat(keys).hasSizeGreaterThan(40);
        assertThat(keys.stream().filter(k -> !k.equals("gen_ai.input.messages") && !k.equals("gen_ai.output.messages")))
                .doesNotHaveDuplicates();
        assertThat(AimsAttributes.GEN_AI_INPUT_MESSAGES_VALUE.getKey())
                .isEqualTo(AimsAttributes.GEN_AI_INPUT_MESSAGES.getKey());
        assertThat(AimsAttributes.GEN_AI_OUTPUT_MESSAGES_VALUE.getKey())
                .isEqualTo(AimsAttributes.GEN_AI_OUTPUT_MESSAGES.getKey());
    }

    @Test
    void governanceNamesLiveUnderAimsAndConventionNamesUnderTheirNamespaces() throws IllegalAccessException {
        assertThat(names(AttributeKey.class)).allSatisfy(k -> assertThat(k)
                .matches("(aims|gen_ai|server|error|enduser)\\.[a-z_.]+"));
    }

    @Test
    void theProviderIsUnderItsCurrentConventionName() {
        assertThat(AimsAttributes.GEN_AI_PROVIDER_NAME.getKey()).isEqualTo("gen_ai.provider.name");
        assertThat(AimsAttributes.GEN_AI_SYSTEM.getKey()).isEqualTo("gen_ai.system");
    }

    @Test
    void metricAndEventNamesAreDistinct() throws IllegalAccessException {
        assertThat(names(String.class)).contains("gen_ai.client.operation.duration", "gen_ai.client.token.usage",
                "aims.policy.decisions", "aims.redactions", "aims.calls", "gen_ai.guardrail.result", "dev.aims")
                .doesNotHaveDuplicates();
    }
}
