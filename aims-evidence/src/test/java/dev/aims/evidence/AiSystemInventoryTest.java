package dev.aims.evidence;

import dev.aims.api.AiSystem;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AiSystemInventoryTest {
    @Test
    void findsRegisteredSystemsInOrder() {
        AiSystem a = AiSystem.builder("a").intendedUses(List.of("x")).build();
        AiSystem b = AiSystem.builder("b").build();
        AiSystemInventory inv = AiSystemInventory.builder().register(a).register(b).strict(true).build();
        assertThat(inv.find("a")).contains(a);
        assertThat(inv.find("c")).isEmpty();
        assertThat(inv.find(null)).isEmpty();
        assertThat(inv.all()).containsExactly(a, b);
        assertThat(inv.strict()).isTrue();
        assertThat(AiSystemInventory.builder().build().strict()).isFalse();
    }

    @Test
    void refusesTheSameIdTwice() {
        AiSystemInventory.Builder b = AiSystemInventory.builder().register(AiSystem.builder("a").build());
        assertThatThrownBy(() -> b.register(AiSystem.builder("a").name("again").build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("AI system 'a' is already registered");
    }

    @Test
    void refusesASecondStrictSetting() {
        AiSystemInventory.Builder b = AiSystemInventory.builder().strict(false);
        assertThatThrownBy(() -> b.strict(true)).isInstanceOf(IllegalStateException.class)
                .hasMessage("strict was already set to false");
        assertThatThrownBy(() -> b.register(null)).isInstanceOf(NullPointerException.class).hasMessage("system");
    }

    @Test
    void isImmutableOnceBuilt() {
        AiSystemInventory.Builder b = AiSystemInventory.builder().register(AiSystem.builder("a").build());
        AiSystemInventory inv = b.build();
        b.register(AiSystem.builder("b").build());
        assertThat(inv.all()).hasSize(1);
        assertThatThrownBy(() -> inv.all().clear()).isInstanceOf(UnsupportedOperationException.class);
    }
}
