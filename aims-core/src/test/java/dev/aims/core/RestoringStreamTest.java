package dev.aims.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aims.api.RedactionSession;
import dev.aims.testkit.FakeRedactor;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RestoringStreamTest {
    final RedactionSession session = new FakeRedactor(Map.of("bob@example.org", "EMAIL_ADDRESS")).open();

    @Test
    void holdsBackOnlyAnOpenPlaceholder() {
        session.redact("to bob@example.org");
        RestoringStream s = new RestoringStream(session);

        assertThat(s.accept("Hi <EMAIL")).isEqualTo("Hi ");
        assertThat(s.accept("_ADDRESS_1>, ok")).isEqualTo("bob@example.org, ok");
        assertThat(s.flush()).isEmpty();
    }

    @Test
    void aLoneAngleBracketIsReleasedOnceItCannotBeAPlaceholder() {
        RestoringStream s = new RestoringStream(session);

        assertThat(s.accept("a < b")).isEqualTo("a ");
        assertThat(s.accept(" and " + "x".repeat(RestoringStream.MAX_PLACEHOLDER))).startsWith("< b and ");
    }

    @Test
    void flushReleasesWhatIsHeld() {
        RestoringStream s = new RestoringStream(session);

        assertThat(s.accept("x <")).isEqualTo("x ");
        assertThat(s.flush()).isEqualTo("<");
    }
}
