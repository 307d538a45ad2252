package dev.aims.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ValueDigestsTest {
    private static final String KEY = "0123456789abcdef";
    private static final String A = "a".repeat(32);
    private static final String B = "b".repeat(32);
    private static final String C = "c".repeat(32);

    @Test
    void countsPerTypeAndEachValueOnceInTheTotal() {
        ValueDigests d = ValueDigests.of(KEY, Map.of("EMAIL_ADDRESS", List.of(A, B, A), "US_SSN", Set.of(A),
                "PHONE_NUMBER", List.of(C)));
        assertThat(d.distinct("EMAIL_ADDRESS")).isEqualTo(2);
        // The same value found under two types counts under each type, and once in the total.
        assertThat(d.distinct("US_SSN")).isEqualTo(1);
        assertThat(d.distinct("CREDIT_CARD")).isZero();
        assertThat(d.distinctTotal()).isEqualTo(3);
        assertThat(d.keyId()).contains(KEY);
        assertThat(d.byType().keySet()).containsExactly("EMAIL_ADDRESS", "PHONE_NUMBER", "US_SSN");
        assertThat(d.byType().get("EMAIL_ADDRESS")).containsExactly(A, B);
    }

    @Test
    void isImmutable() {
        java.util.HashMap<String, List<String>> given = new java.util.HashMap<>();
        given.put("EMAIL_ADDRESS", new java.util.ArrayList<>(List.of(A)));
        ValueDigests d = ValueDigests.of(KEY, given);
        given.get("EMAIL_ADDRESS").add(B);
        given.put("US_SSN", List.of(C));
        assertThat(d.distinctTotal()).isEqualTo(1);
        assertThatThrownBy(() -> d.byType().get("EMAIL_ADDRESS").add(B))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> d.byType().put("X", Set.of())).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void toStringPrintsCountsNeverDigests() {
        ValueDigests d = ValueDigests.of(KEY, Map.of("EMAIL_ADDRESS", List.of(A, B)));
        assertThat(d.toString()).isEqualTo("{EMAIL_ADDRESS=2}").doesNotContain(A).doesNotContain(KEY);
    }

    @Test
    void nothingGivenIsNone() {
        assertThat(ValueDigests.of(null, Map.of())).isSameAs(ValueDigests.NONE);
        assertThat(ValueDigests.of(null, Map.of("EMAIL_ADDRESS", List.of()))).isSameAs(ValueDigests.NONE);
        assertThat(ValueDigests.NONE.isEmpty()).isTrue();
        assertThat(ValueDigests.NONE.keyId()).isEmpty();
        assertThat(ValueDigests.NONE.distinctTotal()).isZero();
    }

    @Test
    void aDigestThatIsNotOneIsRefusedWithoutRepeatingIt() {
        // A redactor passing the value itself by mistake must not have it printed in the message either.
        assertThatThrownBy(() -> ValueDigests.of(KEY, Map.of("EMAIL_ADDRESS", List.of(A, "jane@corp.example"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("valueDigests.byType[EMAIL_ADDRESS][1] must be 32 lower-case hex digits");
        assertThatThrownBy(() -> ValueDigests.of(KEY, Map.of("EMAIL_ADDRESS", List.of(A.toUpperCase()))))
                .hasMessage("valueDigests.byType[EMAIL_ADDRESS][0] must be 32 lower-case hex digits");
        assertThatThrownBy(() -> ValueDigests.of(KEY, Map.of("EMAIL_ADDRESS", List.of(A + "0"))))
                .hasMessage("valueDigests.byType[EMAIL_ADDRESS][0] must be 32 lower-case hex digits");
    }

    @Test
    void keyId_requiredWhenThereAreDigests() {
        assertThatThrownBy(() -> ValueDigests.of(null, Map.of("EMAIL_ADDRESS", List.of(A))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("valueDigests.keyId must be 8 to 64 lower-case hex digits, but was null");
        assertThatThrownBy(() -> ValueDigests.of("secret-key!", Map.of("EMAIL_ADDRESS", List.of(A))))
                .hasMessage("valueDigests.keyId must be 8 to 64 lower-case hex digits");
    }

    @Test
    void recordCarriesThemAndRefusesMoreValuesThanOccurrences() {
        CallRecord.Builder b = CallRecord.builder().callId("c").startedAt(Instant.EPOCH).endedAt(Instant.EPOCH)
                .requestModel("m").outcome(CallRecord.Outcome.ALLOWED);
        assertThat(b.build().valueDigests()).isSameAs(ValueDigests.NONE);
        ValueDigests two = ValueDigests.of(KEY, Map.of("EMAIL_ADDRESS", List.of(A, B)));
        CallRecord r = b.findingCounts(Map.of("EMAIL_ADDRESS", 6)).valueDigests(two).build();
        assertThat(r.valueDigests()).isSameAs(two);
        assertThat(r.toString()).contains("findings={EMAIL_ADDRESS=6}, distinctValues={EMAIL_ADDRESS=2}")
                .doesNotContain(A).doesNotContain(B).doesNotContain(KEY);
        assertThatThrownBy(() -> b.findingCounts(Map.of("EMAIL_ADDRESS", 1)).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("record.valueDigests[EMAIL_ADDRESS] holds 2 distinct values, but record.findingCounts"
                        + " has 1 findings of that type");
        assertThatThrownBy(() -> b.findingCounts(Map.of("PHONE_NUMBER", 2)).build())
                .hasMessage("record.valueDigests[EMAIL_ADDRESS] holds 2 distinct values, but record.findingCounts"
                        + " has 0 findings of that type");
        assertThatThrownBy(() -> b.valueDigests(null).build()).hasMessage("record.valueDigests must not be null");
    }
}
