package dev.aims.springai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.RecordComponent;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The configuration metadata shipped in the module's own output (not another jar's): every property the
 * auto-configuration reads — every bound component of {@link AimsProperties} and every property its conditions
 * test — is described there, so an IDE completes and explains it.
 */
class ConfigurationMetadataTest {
    static final String METADATA = "META-INF/spring-configuration-metadata.json";
    static Map<String, JsonNode> described;

    @BeforeAll
    static void readTheModulesOwnMetadata() throws Exception {
        URL classes = AimsProperties.class.getProtectionDomain().getCodeSource().getLocation();
        // Only this module's output: Spring Boot's and Spring AI's jars ship metadata files of the same name.
        try (URLClassLoader own = new URLClassLoader(new URL[] {classes}, null);
                InputStream in = own.getResourceAsStream(METADATA)) {
            assertThat(in).as(METADATA + " in " + classes).isNotNull();
            described = new TreeMap<>();
            for (JsonNode p : new ObjectMapper().readTree(in).path("properties")) {
                described.put(p.path("name").asText(), p);
            }
        }
    }

    @Test
    void everyBoundPropertyIsDescribedForThePersonSettingIt() {
        List<String> bound = bound(AimsProperties.class.getAnnotation(ConfigurationProperties.class).value(),
                AimsProperties.class);
        assertThat(bound).contains("aims.enabled", "aims.redaction.operators", "aims.quota-store.password-env");
        assertThat(described.keySet()).containsExactlyInAnyOrderElementsOf(bound);
        described.forEach((name, p) -> {
            String description = p.path("description").asText("");
            assertThat(description).as(name).isNotBlank().endsWith(".").doesNotContain("{@")
                    .satisfies(d -> assertThat(Character.isUpperCase(d.charAt(0)) || d.startsWith("false"))
                            .as(name + ": " + d).isTrue());
        });
    }

    @Test
    void everyPropertyTheConditionsTestIsDescribed() {
        TreeSet<String> tested = new TreeSet<>();
        List<AnnotatedElement> places = new ArrayList<>();
        places.add(AimsAutoConfiguration.class);
        for (Class<?> nested : AimsAutoConfiguration.class.getDeclaredClasses()) {
            places.add(nested);
            places.addAll(List.of(nested.getDeclaredMethods()));
        }
        places.addAll(List.of(AimsAutoConfiguration.class.getDeclaredMethods()));
        for (AnnotatedElement e : places) {
            for (Annotation a : e.getAnnotations()) {
                if (a instanceof ConditionalOnBooleanProperty b) {
                    tested.addAll(names(b.prefix(), b.name(), b.value()));
                } else if (a instanceof ConditionalOnProperty p) {
                    tested.addAll(names(p.prefix(), p.name(), p.value()));
                }
            }
        }
        assertThat(tested).contains("aims.enabled", "aims.redaction.enabled", "aims.telemetry.enabled",
                "aims.evidence.directory", "aims.quota-store.type");
        assertThat(described.keySet()).containsAll(tested);
    }

    private static List<String> names(String prefix, String[] names, String[] values) {
        List<String> out = new ArrayList<>();
        for (String[] group : List.of(names, values)) {
            for (String n : group) {
                out.add(prefix.isEmpty() ? n : prefix + "." + n);
            }
        }
        return out;
    }

    /** @return the property names Spring Boot binds for a record's components, nested records of AimsProperties in */
    private static List<String> bound(String prefix, Class<?> type) {
        List<String> out = new ArrayList<>();
        for (RecordComponent c : type.getRecordComponents()) {
            String name = prefix + "." + kebab(c.getName());
            Class<?> t = c.getType();
            if (t.isRecord() && t.getEnclosingClass() == AimsProperties.class) {
                out.addAll(bound(name, t));
            } else {
                out.add(name);
            }
        }
        return out;
    }

    private static String kebab(String camel) {
        StringBuilder b = new StringBuilder();
        for (char ch : camel.toCharArray()) {
            if (Character.isUpperCase(ch)) {
                b.append('-').append(Character.toLowerCase(ch));
            } else {
                b.append(ch);
            }
        }
        return b.toString();
    }
}
