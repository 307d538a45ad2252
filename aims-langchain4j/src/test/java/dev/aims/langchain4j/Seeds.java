package dev.aims.langchain4j;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One well-formed value of every entity type AIMS's redactor knows, and a search for them in whatever was emitted:
 * each value is looked for as written, JSON-escaped, percent-encoded (both ways spaces are), without its spaces and,
 * when it is mostly digits, as digits only, so that a value that left in another spelling is still found. (More types
 * and spellings than aims-testkit's {@code Seeds}: URLs are a channel here.) Key-shaped values are assembled so that
 * no secret scanner flags this file; all are fake.
 */
final class Seeds {
    /** What the text holds (a secret with its label), by the raw value to search for. */
    static final Map<String, String> EMBEDDED = new LinkedHashMap<>();
    /** The entity type of each raw value. */
    static final Map<String, String> TYPES = new LinkedHashMap<>();

    static {
        seed("EMAIL_ADDRESS", "jane.doe@example.com");
        seed("PHONE_NUMBER", "+1 415 555 0134");
        seed("CREDIT_CARD", "4111 1111 1111 1111");
        seed("IBAN_CODE", "DE89370400440532013000");
        seed("US_SSN", "536-22-4817");
        seed("IP_ADDRESS", "203.0.113.77");
        seed("UK_NHS", "943 476 5919");
        seed("CRYPTO", "1BoatSLRHtKNngkdXEeobR76b53LETtpyT");
        seed("MAC_ADDRESS", "00:1A:2B:3C:4D:5E");
        seed("AWS_ACCESS_KEY_ID", "AKIA" + "Z7Q4W2XK9PLM3RT8");
        seed("GITHUB_TOKEN", "ghp_" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8");
        seed("OPENAI_API_KEY", "sk-proj-" + "Zq8TfW2mLx9Rb4Kc7Vn1Hs6Jd3Gp5Ya0Zq8TfW2mLx9Rb4Kc7Vn1Hs6Jd3Gp5Ya0");
        seed("ANTHROPIC_API_KEY", "sk-ant-api03-" + "Qw3Er5Ty7Ui9Op1As3Df5Gh7Jk9LzQw3Er5Ty7Ui9Op1As3Df5Gh7Jk9Lz"
                + "Qw3Er5Ty7Ui9Op1As3Df5Gh7Jk9LzQw3Er5Ty7Ui9Op1As3AA");
        seed("SLACK_TOKEN", "xoxb-" + "12345678901-123456789012-AbCdEfGhIjKlMnOpQrStUvWx");
        seed("STRIPE_API_KEY", "sk_live_" + "4eC39HqLyjWDarjtT1zdp7dc");
        seed("GOOGLE_API_KEY", "AIza" + "SyD3x4mPl3K3yF0rT35tS0nlyAbCdEfGh12");
        seed("JWT", "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9" + ".eyJzdWIiOiJqYW5lIiwiaWF0IjoxNTE2MjM5MDIyfQ"
                + ".SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c");
        seed("PRIVATE_KEY", "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7"
                + "\n-----END PRIVATE KEY-----");
        EMBEDDED.put("Tr0ub4dor&3-horse-battery", "password=Tr0ub4dor&3-horse-battery");
        TYPES.put("Tr0ub4dor&3-horse-battery", "GENERIC_SECRET");
    }

    /** Every value, each as the text holds it, apart. */
    static final String ALL = String.join(" ; ", EMBEDDED.values());

    /**
     * The values as they stand in a URL's query without percent-encoding (a private key cannot): AIMS's redactor does
     * not yet read through percent-escapes ({@code jane.doe%40example.com} is not found), so URLs are seeded with
     * what a URL holds as written.
     */
    static final Map<String, String> IN_URLS = new LinkedHashMap<>();

    static {
        IN_URLS.put("jane.doe@example.com", "EMAIL_ADDRESS");
        IN_URLS.put("+14155550134", "PHONE_NUMBER");
        IN_URLS.put("4111111111111111", "CREDIT_CARD");
        IN_URLS.put("9434765919", "UK_NHS");
        IN_URLS.put("00-1A-2B-3C-4D-5E", "MAC_ADDRESS");
        for (Map.Entry<String, String> e : TYPES.entrySet()) {
            if (e.getKey().chars().allMatch(c -> c > 0x20 && c < 0x7f && c != '%' && c != '&' && c != '#')) {
                IN_URLS.putIfAbsent(e.getKey(), e.getValue());
            }
        }
        for (Map.Entry<String, String> e : IN_URLS.entrySet()) {
            TYPES.putIfAbsent(e.getKey(), e.getValue());
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private Seeds() {
    }

    private static void seed(String type, String value) {
        EMBEDDED.put(value, value);
        TYPES.put(value, type);
    }

    /** @return a URL whose query holds every value a URL can hold as written */
    static String url(String base) {
        StringBuilder sb = new StringBuilder(base).append('?');
        for (Map.Entry<String, String> e : IN_URLS.entrySet()) {
            sb.append(sb.charAt(sb.length() - 1) == '?' ? "" : "&").append(e.getValue().toLowerCase(Locale.ROOT))
                    .append('=').append(e.getKey());
        }
        return sb.toString();
    }

    static String percent(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** @return the spellings in which each raw value would betray itself */
    static List<String> needles(String raw) {
        List<String> out = new ArrayList<>();
        out.add(raw);
        try {
            String escaped = JSON.writeValueAsString(raw);
            out.add(escaped.substring(1, escaped.length() - 1));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        out.add(percent(raw));
        out.add(URLEncoder.encode(raw, StandardCharsets.UTF_8));
        out.add(raw.replace(" ", ""));
        String digits = raw.replaceAll("[^0-9]", "");
        if (digits.length() >= 9 && digits.length() * 2 > raw.length()) {
            out.add(digits);
        }
        if (raw.startsWith("-----BEGIN")) {
            // The key's body alone is the secret.
            out.add(raw.split("\n")[1]);
        }
        return out;
    }

    /** @return for each raw value found in {@code haystack}, its type and the place it was found */
    static List<String> found(String where, String haystack) {
        List<String> leaks = new ArrayList<>();
        for (String raw : TYPES.keySet()) {
            for (String needle : needles(raw)) {
                if (haystack.contains(needle)) {
                    leaks.add(TYPES.get(raw) + " in " + where);
                    break;
                }
            }
        }
        return leaks;
    }
}
