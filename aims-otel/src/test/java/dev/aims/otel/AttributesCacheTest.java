package dev.aims.otel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AttributesCacheTest {
    @Test
    void buildsEachKeyOnce() {
        AtomicInteger builds = new AtomicInteger();
        AttributesCache<String, String> cache = new AttributesCache<>(10, k -> {
            builds.incrementAndGet();
            return "v-" + k;
        });

        assertThat(cache.get("a")).isEqualTo("v-a");
        assertThat(cache.get("a")).isEqualTo("v-a");
        assertThat(cache.get("b")).isEqualTo("v-b");
        assertThat(builds).hasValue(2);
    }

    @Test
    void pastItsCapacityItBuildsWithoutKeeping() {
        AtomicInteger builds = new AtomicInteger();
        AttributesCache<Integer, String> cache = new AttributesCache<>(2, k -> {
            builds.incrementAndGet();
            return "v" + k;
        });

        for (int round = 0; round < 3; round++) {
            for (int k = 0; k < 5; k++) {
                assertThat(cache.get(k)).isEqualTo("v" + k);
            }
        }

        assertThat(cache.size()).isEqualTo(2);
        assertThat(builds).hasValue(2 + 3 * 3);
    }
}
