package dev.aims.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

class MediaUrlsTest {
    @Test
    void aUrlThatIsStillLegalIsKeptAsItIs() {
        String url = "https://files.example.org/a%20b/scan.png?x=1&y=*****#top";

        assertThat(MediaUrls.toUri(url, "f")).isEqualTo(URI.create(url));
        assertThat(MediaUrls.encode(url, false)).isSameAs(url);
    }

    @Test
    void placeholderCharactersArePercentEncoded() {
        URI uri = MediaUrls.toUri("https://files.example.org/<EMAIL_ADDRESS_1>/scan.png?q={a|b}", "f");

        assertThat(uri.toString())
                .isEqualTo("https://files.example.org/%3CEMAIL_ADDRESS_1%3E/scan.png?q=%7Ba%7Cb%7D");
    }

    @Test
    void nonAsciiTextAndStrayPercentSignsAreEncodedAsUtf8() {
        assertThat(MediaUrls.toUri("https://example.org/ré sumé/100%", "f").toString())
                .isEqualTo("https://example.org/r%C3%A9%20sum%C3%A9/100%25");
        assertThat(MediaUrls.encode("https://example.org/\uD83D\uDE00", false))
                .isEqualTo("https://example.org/%F0%9F%98%80");
    }

    @Test
    void bracketsStayAroundAnIpv6HostAndAreEncodedElsewhere() {
        assertThat(MediaUrls.toUri("http://[::1]:8080/a.png", "f").getHost()).isEqualTo("[::1]");
        assertThat(MediaUrls.toUri("https://example.org/[REDACTED]/a.png", "f").toString())
                .isEqualTo("https://example.org/%5BREDACTED%5D/a.png");
    }

    @Test
    void whatNoEncodingMakesAUriIsRefusedNamingTheFieldNotTheValue() {
        assertThatThrownBy(() -> MediaUrls.toUri("<jane>:x", "messages[1].mediaUrls[0]"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("messages[1].mediaUrls[0] is not a URI once redacted")
                .hasMessageNotContaining("jane");
    }

    @Test
    void onlyPlainMediaTypesAreSettings() {
        assertThat(MediaUrls.plainMediaType(null)).isTrue();
        assertThat(MediaUrls.plainMediaType("image/png")).isTrue();
        assertThat(MediaUrls.plainMediaType("application/vnd.openxmlformats-officedocument.wordprocessingml.document"))
                .isTrue();
        assertThat(MediaUrls.plainMediaType("audio/mp4")).isTrue();
        assertThat(MediaUrls.plainMediaType("image/png; name=jane@example.org")).isFalse();
        assertThat(MediaUrls.plainMediaType("application/x-4111111111111111")).isFalse();
        assertThat(MediaUrls.plainMediaType("jane@example.org")).isFalse();
        assertThat(MediaUrls.plainMediaType("a/b/c")).isFalse();
    }
}
