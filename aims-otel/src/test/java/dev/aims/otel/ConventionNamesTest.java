package dev.aims.otel;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.AttributeType;
import io.opentelemetry.semconv.ErrorAttributes;
import io.opentelemetry.semconv.ServerAttributes;
import io.opentelemetry.semconv.incubating.EnduserIncubatingAttributes;
import io.opentelemetry.semconv.incubating.GenAiIncubatingAttributes;
import io.opentelemetry.semconv.incubating.GenAiIncubatingEvents;
import io.opentelemetry.semconv.incubating.GenAiIncubatingMetrics;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Every attribute, event and metric name AIMS emits outside {@code aims.*} is checked against the published
 * conventions artefact ({@code io.opentelemetry.semconv:opentelemetry-semconv(-incubating)}, version pinned in the
 * root POM), with its type, so that a rename or a removal upstream fails this build instead of a dashboard. The few
 * names the artefact does not carry yet are listed below with the source they were taken from; once the artefact
 * has one, this test asks for it to leave the list.
 */
class ConventionNamesTest {
    /** Source of the GenAI guardrail names: the conventions' own repository, where GenAI moved after v1.43. */
    private static final String GUARDRAILS = "open-telemetry/semantic-conventions-genai"
            + " docs/gen-ai/gen-ai-guardrails.md"
            + " (event gen_ai.guardrail.result; model/gen-ai/registry.yaml)";
    /** Source of the content attributes, typed "any" upstream, which the Java artefact does not generate. */
    private static final String CONTENT = "open-telemetry/semantic-conventions v1.43.0"
            + " model/gen-ai/deprecated/registry-deprecated.yaml (moved to semantic-conventions-genai)";

    /** Names AIMS emits that the artefact lacks, each with where it is defined. */
    private static final Map<String, String> NOT_YET_PUBLISHED = Map.ofEntries(
            Map.entry("gen_ai.guardrail.component.name", GUARDRAILS),
            Map.entry("gen_ai.guardrail.policy.id", GUARDRAILS),
            Map.entry("gen_ai.guardrail.policy.version", GUARDRAILS),
            Map.entry("gen_ai.guardrail.result.type", GUARDRAILS),
            Map.entry("gen_ai.guardrail.result.value", GUARDRAILS),
            Map.entry("gen_ai.guardrail.result.reason", GUARDRAILS),
            Map.entry("gen_ai.guardrail.source", GUARDRAILS),
            Map.entry("gen_ai.guardrail.result", GUARDRAILS),
            Map.entry("gen_ai.input.messages", CONTENT),
            Map.entry("gen_ai.output.messages", CONTENT));

    /** Constants of AimsAttributes that are values, not names. */
    private static final List<String> VALUES = List.of("GUARDRAIL_COMPONENT", "GUARDRAIL_RESULT_TYPE",
            "INSTRUMENTATION_SCOPE");

    @Test
    void everyConventionAttributeIsPublishedWithTheSameType() throws IllegalAccessException {
        Map<String, AttributeType> published = publishedAttributes();
        Map<String, String> problems = new TreeMap<>();

        for (AttributeKey<?> key : emittedKeys()) {
            String name = key.getKey();
            if (name.startsWith("aims.") || NOT_YET_PUBLISHED.containsKey(name)) {
                continue;
            }
            AttributeType type = published.get(name);
            if (type == null) {
                problems.put(name, "not in the conventions artefact");
            } else if (type != key.getType()) {
                problems.put(name, "published as " + type + ", emitted as " + key.getType());
            }
        }

        assertThat(problems).as("attribute names that left or changed in the conventions").isEmpty();
    }

    @Test
    void everyConventionMetricAndEventIsPublished() throws IllegalAccessException {
        TreeSet<String> publishedNames = new TreeSet<>();
        publishedNames.addAll(strings(GenAiIncubatingMetrics.class));
        publishedNames.addAll(strings(GenAiIncubatingEvents.class));
        TreeSet<String> missing = new TreeSet<>();

        for (Map.Entry<String, String> e : emittedNames().entrySet()) {
            String name = e.getValue();
            if (!name.startsWith("aims.") && !NOT_YET_PUBLISHED.containsKey(name) && !publishedNames.contains(name)) {
                missing.add(e.getKey() + "=" + name);
            }
        }

        assertThat(missing).as("metric and event names that left the conventions").isEmpty();
    }

    @Test
    void theUnpublishedListHoldsOnlyNamesTheArtefactStillLacksAndAimsEmits() throws IllegalAccessException {
        TreeSet<String> publishedNames = new TreeSet<>(publishedAttributes().keySet());
        publishedNames.addAll(strings(GenAiIncubatingMetrics.class));
        publishedNames.addAll(strings(GenAiIncubatingEvents.class));
        TreeSet<String> emitted = new TreeSet<>(emittedNames().values());
        for (AttributeKey<?> key : emittedKeys()) {
            emitted.add(key.getKey());
        }

        assertThat(NOT_YET_PUBLISHED.keySet()).as("now published: check the type, then drop from the list")
                .doesNotContainAnyElementsOf(publishedNames);
        assertThat(emitted).containsAll(NOT_YET_PUBLISHED.keySet());
    }

    @Test
    void aimsNamesNeverTakeAConventionName() throws IllegalAccessException {
        TreeSet<String> publishedNames = new TreeSet<>(publishedAttributes().keySet());
        publishedNames.addAll(strings(GenAiIncubatingMetrics.class));

        for (AttributeKey<?> key : emittedKeys()) {
            if (key.getKey().startsWith("aims.")) {
                assertThat(publishedNames).doesNotContain(key.getKey());
            }
        }
    }

    @Test
    void theStreamingMetricsAndCacheTokensAreTheConventionsOwn() {
        assertThat(AimsAttributes.METRIC_TIME_TO_FIRST_CHUNK)
                .isEqualTo(deprecatedMetric("GEN_AI_CLIENT_OPERATION_TIME_TO_FIRST_CHUNK_NAME"));
        assertThat(AimsAttributes.METRIC_TIME_PER_OUTPUT_CHUNK)
                .isEqualTo(deprecatedMetric("GEN_AI_CLIENT_OPERATION_TIME_PER_OUTPUT_CHUNK_NAME"));
        assertThat(AimsAttributes.ENDUSER_PSEUDO_ID).isEqualTo(EnduserIncubatingAttributes.ENDUSER_PSEUDO_ID);
        assertThat(AimsAttributes.ERROR_TYPE).isEqualTo(ErrorAttributes.ERROR_TYPE);
    }

    private static String deprecatedMetric(String field) {
        try {
            return (String) GenAiIncubatingMetrics.class.getField(field).get(null);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("the conventions artefact lost " + field, e);
        }
    }

    /** @return every name AIMS emits as an attribute, deprecated constants (no longer emitted) aside */
    private static List<AttributeKey<?>> emittedKeys() throws IllegalAccessException {
        List<AttributeKey<?>> keys = new ArrayList<>();
        for (Field f : AimsAttributes.class.getFields()) {
            if (isEmittedConstant(f) && AttributeKey.class.isAssignableFrom(f.getType())) {
                keys.add((AttributeKey<?>) f.get(null));
            }
        }
        return keys;
    }

    /** @return every metric and event name AIMS emits, by constant */
    private static Map<String, String> emittedNames() throws IllegalAccessException {
        Map<String, String> names = new LinkedHashMap<>();
        for (Field f : AimsAttributes.class.getFields()) {
            if (isEmittedConstant(f) && f.getType() == String.class && !VALUES.contains(f.getName())) {
                names.put(f.getName(), (String) f.get(null));
            }
        }
        return names;
    }

    private static boolean isEmittedConstant(Field f) {
        return Modifier.isStatic(f.getModifiers()) && !f.isAnnotationPresent(Deprecated.class);
    }

    private static Map<String, AttributeType> publishedAttributes() throws IllegalAccessException {
        Map<String, AttributeType> types = new TreeMap<>();
        for (Class<?> c : List.of(GenAiIncubatingAttributes.class, EnduserIncubatingAttributes.class,
                ErrorAttributes.class, ServerAttributes.class)) {
            for (Field f : c.getFields()) {
                if (Modifier.isStatic(f.getModifiers()) && AttributeKey.class.isAssignableFrom(f.getType())) {
                    AttributeKey<?> k = (AttributeKey<?>) f.get(null);
                    types.put(k.getKey(), k.getType());
                }
            }
        }
        return types;
    }

    /** @return the metric names ({@code *_NAME}) of the metrics class, or every name of the events class */
    private static List<String> strings(Class<?> c) throws IllegalAccessException {
        List<String> values = new ArrayList<>();
        for (Field f : c.getFields()) {
            boolean name = c == GenAiIncubatingEvents.class || f.getName().endsWith("_NAME");
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class && name) {
                values.add((String) f.get(null));
            }
        }
        return values;
    }
}
