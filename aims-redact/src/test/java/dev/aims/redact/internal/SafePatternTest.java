package dev.aims.redact.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SafePatternTest {
    private static List<String> matches(String regex, String text) {
        Work w = new Work();
        SafePattern.compile(regex).find(text, 99, w);
        List<String> out = new ArrayList<>();
        for (int h = 0; h < w.hits; h++) {
            out.add(text.substring(w.hitStart[h], w.hitEnd[h]));
        }
        return out;
    }

    @Test
    void findsLeftmostLongestNonOverlappingMatches() {
        assertThat(matches("a+b?", "xaaab aab ab a")).containsExactly("aaab", "aab", "ab", "a");
        assertThat(matches("cat|category", "category cat")).containsExactly("category", "cat");
        assertThat(matches("\\d{3}-\\d{4}", "call 555-1234 or 55-12")).containsExactly("555-1234");
    }

    @Test
    void supportsClassesGroupsAnchorsAndCaseFolding() {
        assertThat(matches("[A-Z]{2}-[0-9a-f]+", "id AB-00ff and ab-00ff")).containsExactly("AB-00ff");
        assertThat(matches("(?i)proj(?:ect)?-\\w+", "PROJECT-x and proj-y")).containsExactly("PROJECT-x", "proj-y");
        assertThat(matches("^id\\b", "id x\nid y\nkid")).containsExactly("id", "id");
        assertThat(matches("(?<year>\\d{4})-\\d\\d", "on 2024-05")).containsExactly("2024-05");
        assertThat(matches("[^\\s]+@x", "a b@x")).containsExactly("b@x");
    }

    @Test
    void runsPatternsThatBacktrackingEnginesCannotOnLongInput() {
        String text = "a".repeat(20_000);
        assertThat(matches("(a+)+b", text)).isEmpty();
        assertThat(matches("(a|a)*c", text)).isEmpty();
        assertThat(matches("(a|aa)+", text)).hasSize(20_000 / SafePattern.MAX_MATCH + 1);
    }

    @Test
    void refusesWhatCannotRunInLinearTimeNamingThePattern() {
        assertThatThrownBy(() -> SafePattern.compile("(a)\\1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("pattern '(a)\\1' cannot be used: back-reference \\1 at index 5");
        assertThatThrownBy(() -> SafePattern.compile("a(?=b)")).hasMessageContaining("look-ahead");
        assertThatThrownBy(() -> SafePattern.compile("(?<!a)b")).hasMessageContaining("look-behind");
        assertThatThrownBy(() -> SafePattern.compile("(?>a+)b")).hasMessageContaining("atomic group");
        assertThatThrownBy(() -> SafePattern.compile("a++")).hasMessageContaining("possessive");
        assertThatThrownBy(() -> SafePattern.compile("a{1,5000}")).hasMessageContaining("above 1000");
        assertThatThrownBy(() -> SafePattern.compile("((((a{1,1000}){1,1000}){1,1000}))"))
                .hasMessageContaining("instructions");
    }

    @Test
    void refusesMalformedAndEmptyMatchingPatterns() {
        assertThatThrownBy(() -> SafePattern.compile("a*")).hasMessage("pattern 'a*' matches the empty string");
        assertThatThrownBy(() -> SafePattern.compile("(ab")).hasMessageContaining("unclosed group");
        assertThatThrownBy(() -> SafePattern.compile("[ab")).hasMessageContaining("unclosed character class");
        assertThatThrownBy(() -> SafePattern.compile("")).hasMessage("pattern must not be empty");
    }
}
