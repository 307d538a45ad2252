package dev.aims.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class BudgetWindowTest {
    static BudgetWindow window(String json, Map<String, Object> canonical) throws Exception {
        Problems problems = new Problems();
        BudgetWindow w = BudgetWindow.parse(Fields.of(new ObjectMapper().readTree(json), "$", problems), canonical);
        assertThat(problems.isEmpty()).isTrue();
        return w;
    }

    @Test
    void calendarDayFollowsTheZoneAcrossDaylightSaving() throws Exception {
        BudgetWindow w = window("{\"window\": \"day\", \"zone\": \"Europe/Berlin\"}", new TreeMap<>());
        // 30 March 2025 in Berlin has 23 hours.
        QuotaStore.Window d = w.at(Instant.parse("2025-03-30T12:00:00Z"));
        assertThat(d.start()).isEqualTo(Instant.parse("2025-03-29T23:00:00Z"));
        assertThat(d.end()).isEqualTo(Instant.parse("2025-03-30T22:00:00Z"));
    }

    @Test
    void calendarMonthStartsOnTheFirst() throws Exception {
        BudgetWindow w = window("{\"window\": \"month\"}", new TreeMap<>());
        QuotaStore.Window m = w.at(Instant.parse("2024-02-29T23:59:59Z"));
        assertThat(m.start()).isEqualTo(Instant.parse("2024-02-01T00:00:00Z"));
        assertThat(m.end()).isEqualTo(Instant.parse("2024-03-01T00:00:00Z"));
    }

    @Test
    void reusesTheCurrentCalendarWindow() throws Exception {
        BudgetWindow w = window("{\"window\": \"day\"}", new TreeMap<>());
        QuotaStore.Window a = w.at(Instant.parse("2025-06-15T01:00:00Z"));
        assertThat(w.at(Instant.parse("2025-06-15T23:00:00Z"))).isSameAs(a);
        assertThat(w.at(Instant.parse("2025-06-16T00:00:00Z"))).isNotEqualTo(a);
    }

    @Test
    void rollingWindowIsSlicedAndCanonicalised() throws Exception {
        Map<String, Object> canonical = new TreeMap<>();
        BudgetWindow w = window("{\"window\": \"PT24H\"}", canonical);
        assertThat(w.at(Instant.EPOCH)).isEqualTo(QuotaStore.Window.sliding(java.time.Duration.ofHours(24), 24));
        assertThat(canonical).containsEntry("window", "PT24H").containsEntry("slices", 24L);
        assertThat(w.describe()).isEqualTo("rolling PT24H");
    }
}
