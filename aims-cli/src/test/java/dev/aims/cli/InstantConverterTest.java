package dev.aims.cli;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InstantConverterTest {
    private final InstantConverter converter = new InstantConverter();

    @Test
    void readsADayAsTheStartOfThatUtcDay() {
        assertThat(converter.convert("2025-03-01")).isEqualTo(Instant.parse("2025-03-01T00:00:00Z"));
    }

    @Test
    void readsAUtcInstant() {
        assertThat(converter.convert("2025-03-01T12:30:00Z")).isEqualTo(Instant.parse("2025-03-01T12:30:00Z"));
    }

    @Test
    void refusesAnythingElseNamingTheValue() {
        assertThatThrownBy(() -> converter.convert("2025-13-01"))
                .isInstanceOf(CommandLine.TypeConversionException.class)
                .hasMessage("'2025-13-01' is not a date (2025-03-01) or a UTC instant (2025-03-01T12:00:00Z)");
        assertThatThrownBy(() -> converter.convert("2025-03-01 12:00")).isInstanceOf(
                CommandLine.TypeConversionException.class);
    }
}
