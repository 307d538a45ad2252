package dev.aims.langchain4j;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;

/**
 * The URLs of media parts, after redaction. A redactor writes what it writes — {@code <EMAIL_ADDRESS_1>}, a mask,
 * a hash — and some of that may not stand in a URI; such characters are percent-encoded (as UTF-8), so that the
 * URL stays a URL and still holds no raw value. Neither failing the call nor sending the raw URL is an option.
 */
final class MediaUrls {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();
    /** What RFC 3986 allows unencoded in a URI, brackets aside (they are legal only around an IPv6 host). */
    private static final String LEGAL = "-._~:/?#@!$&'()*+,;=";

    private MediaUrls() {
    }

    /**
     * @param url   a media URL, possibly redacted
     * @param field where it is in the request, for the error message
     * @return the URI, with the characters a URI may not hold percent-encoded
     * @throws IllegalArgumentException naming the field when even the encoded text is no URI
     */
    static URI toUri(String url, String field) {
        try {
            return new URI(encode(url, false));
        } catch (URISyntaxException e) {
            // Brackets are legal around an IPv6 host only: encode them too before giving up.
            try {
                return new URI(encode(url, true));
            } catch (URISyntaxException again) {
                throw new IllegalArgumentException(field + " is not a URI once redacted (" + again.getReason()
                        + " at index " + again.getIndex() + ")");
            }
        }
    }

    static String encode(String url, boolean brackets) {
        StringBuilder out = null;
        for (int i = 0; i < url.length(); i++) {
            char c = url.charAt(i);
            boolean legal = c < 0x80 && (Character.isLetterOrDigit(c) || LEGAL.indexOf(c) >= 0
                    || (c == '%' && isEscape(url, i)) || (!brackets && (c == '[' || c == ']')));
            if (legal) {
                if (out != null) {
                    out.append(c);
                }
                continue;
            }
            if (out == null) {
                out = new StringBuilder(url.length() + 16).append(url, 0, i);
            }
            int end = Character.isHighSurrogate(c) && i + 1 < url.length() ? i + 2 : i + 1;
            for (byte b : url.substring(i, end).getBytes(StandardCharsets.UTF_8)) {
                out.append('%').append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
            }
            i = end - 1;
        }
        return out == null ? url : out.toString();
    }

    private static boolean isEscape(String s, int i) {
        return i + 2 < s.length() && Character.digit(s.charAt(i + 1), 16) >= 0
                && Character.digit(s.charAt(i + 2), 16) >= 0;
    }

    /**
     * A media type travels beside a URL unredacted, so only a plain {@code type/subtype} (RFC 6838 names, no
     * parameters) of reasonable length and without long digit runs — nothing that could hold a value — is let
     * through as a setting; anything else makes its part uninspected.
     *
     * @param mediaType a media type, or null
     * @return whether it is null or plain
     */
    static boolean plainMediaType(String mediaType) {
        if (mediaType == null) {
            return true;
        }
        int slash = mediaType.indexOf('/');
        if (slash <= 0 || slash == mediaType.length() - 1 || mediaType.length() > 100
                || mediaType.indexOf('/', slash + 1) >= 0) {
            return false;
        }
        int digits = 0;
        for (int i = 0; i < mediaType.length(); i++) {
            char c = mediaType.charAt(i);
            if (c >= '0' && c <= '9') {
                if (++digits > 4) {
                    return false;
                }
                continue;
            }
            digits = 0;
            boolean name = c < 0x80 && (Character.isLetter(c) || "!#$&^_.+-/".indexOf(c) >= 0);
            if (!name) {
                return false;
            }
        }
        return true;
    }
}
