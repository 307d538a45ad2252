package dev.aims.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A sensitive value of every entity type the built-in redactor covers, for tests that seed them into every channel
 * and context field of a call and then search everything the call emitted — what the provider received, spans,
 * metrics, logs, exception messages, {@code toString()}s, evidence, the report — for any of them.
 *
 * <p>A value counts as found in any spelling it could take on the way out ({@link #needles()}): as written,
 * JSON-escaped, HTML-escaped, percent-encoded (spaces as {@code %20} or {@code +}), without its spaces, without
 * spaces and dashes, letters and digits only, digits only (when it is mostly digits), each run of ten or more
 * letters and digits (a fragment is a leak too), a PEM block's body alone, an e-mail address's local part; compared
 * ignoring case. The search reports the entity type and the place, never the value.
 *
 * <p>Key-shaped values are assembled from pieces so that no secret scanner flags this file; all are fake.
 */
public final class Seeds {
    /** The body of the seeded PEM private key: the secret itself. */
    public static final String PEM_BODY = "9Qo+cYJgBMr2LZiv4j9qWmw93IO8YdSmIFyiQzuugERs5L4/GORy66hIYobNYU8U";

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Entity type to the text a prompt holds it in. */
    private static final Map<String, String> TEXTS = new LinkedHashMap<>();
    /** Entity type to the value itself (the text without a label). */
    private static final Map<String, String> RAW = new LinkedHashMap<>();
    /** A spelling that stands in a URL's query as written, to its type. */
    private static final Map<String, String> IN_URLS = new LinkedHashMap<>();
    /** Every spelling searched for, lower case, to its type. */
    private static final Map<String, String> NEEDLES = new LinkedHashMap<>();

    static {
        seed("EMAIL_ADDRESS", "jane.doe@corp.example");
        seed("PHONE_NUMBER", "+44 20 7946 0958");
        seed("CREDIT_CARD", "4111 1111 1111 1111");
        seed("IBAN_CODE", "DE89 3704 0044 0532 0130 00");
        seed("US_SSN", "536-22-4187");
        seed("IP_ADDRESS", "81.2.69.160");
        seed("MAC_ADDRESS", "00:1A:2B:3C:4D:5E");
        seed("UK_NHS", "943 476 5919");
        seed("CRYPTO", "1BoatSLRHtKNngkdXEeobR76b53LETtpyT");
        seed("AWS_ACCESS_KEY_ID", "AKIA" + "VQJXXVBOTHD0WTFL");
        seed("GITHUB_TOKEN", "ghp_" + "HBMUAPTT0aZN0dnruqXa71P2tD8vkQXRYO1N");
        seed("OPENAI_API_KEY", "sk-proj-" + "T2HwDqzuM14qHOXHlpaBqCefuv2FSJghB6hRLeos47wGJkcU_0XXkHG5qJwv1MkA");
        seed("ANTHROPIC_API_KEY", "sk-ant-api03-" + "uYVbpS0Jso2jKF08mmf1ULmmcW3xvY27DfANuRose62CHN4XDEjG1kZA5kXXgwFV"
                + "MAqTkNp_vsgvbRysUiB9ozIfz3hlkAA");
        seed("SLACK_TOKEN", "xoxb-" + "27877955894-091102086046-nLiRtTFKBsH2cDE2WIOvmeUu");
        seed("STRIPE_API_KEY", "sk_live_" + "ymJpEfxSrGzZcythy2iVgyf0");
        seed("GOOGLE_API_KEY", "AIza" + "J_8u_M7AsZ7nrsoTV75Y4sxVe9RWlBaTF6E");
        seed("JWT", "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9" + ".eyJzdWIiOiI4ODEyNzMxIiwibmFtZSI6IlJpdGEgT3J0ZWdhIiwia"
                + "WF0IjoxNzE2MjM5MDIyfQ" + ".NrJlr7ZhbmH_mokl8JpUu5hOuHqjRnIr2lV6RdNfUgc");
        seed("PRIVATE_KEY", "-----BEGIN PRIVATE KEY-----\n" + PEM_BODY + "\n-----END PRIVATE KEY-----");
        // A generic secret is one by its label: the text holds the label, the value is what must not leave.
        TEXTS.put("GENERIC_SECRET", "password=Qy6k1qJAH4DxD%");
        RAW.put("GENERIC_SECRET", "Qy6k1qJAH4DxD%");

        // How the values stand in a URL's query without percent-encoding (a private key cannot, nor a value with
        // '%', '&' or '#'): the phone, card and NHS number without their spaces, the MAC address with dashes.
        IN_URLS.put("jane.doe@corp.example", "EMAIL_ADDRESS");
        IN_URLS.put("+442079460958", "PHONE_NUMBER");
        IN_URLS.put("4111111111111111", "CREDIT_CARD");
        IN_URLS.put("9434765919", "UK_NHS");
        IN_URLS.put("00-1A-2B-3C-4D-5E", "MAC_ADDRESS");
        for (Map.Entry<String, String> e : RAW.entrySet()) {
            String v = e.getValue();
            if (v.chars().allMatch(c -> c > 0x20 && c < 0x7f && c != '%' && c != '&' && c != '#')) {
                IN_URLS.putIfAbsent(v, e.getKey());
            }
        }

        for (Map.Entry<String, String> e : RAW.entrySet()) {
            for (String n : spellings(e.getValue())) {
                NEEDLES.putIfAbsent(n, e.getKey());
            }
        }
        for (Map.Entry<String, String> e : IN_URLS.entrySet()) {
            for (String n : spellings(e.getKey())) {
                NEEDLES.putIfAbsent(n, e.getValue());
            }
        }
    }

    private Seeds() {
    }

    private static void seed(String type, String value) {
        TEXTS.put(type, value);
        RAW.put(type, value);
    }

    /** @return the seeded text of every entity type, by type, in a fixed order (a generic secret with its label) */
    public static Map<String, String> byType() {
        return Collections.unmodifiableMap(TEXTS);
    }

    /** @return the entity types seeded, in a fixed order */
    public static Set<String> types() {
        return Collections.unmodifiableSet(TEXTS.keySet());
    }

    /** @return the seeded texts, in a fixed order */
    public static List<String> values() {
        return List.copyOf(TEXTS.values());
    }

    /**
     * @return every seeded text, one per line, each after the name of its type ({@code email address: …}): what a
     *         careless prompt would hold
     */
    public static String all() {
        StringBuilder sb = new StringBuilder();
        TEXTS.forEach((type, value) -> sb.append(type.toLowerCase(Locale.ROOT).replace('_', ' ')).append(": ")
                .append(value).append('\n'));
        return sb.toString();
    }

    /**
     * @return the spellings of the values a URL's query can hold as written, to their types (the e-mail address
     *         first)
     */
    public static Map<String, String> inUrls() {
        return Collections.unmodifiableMap(IN_URLS);
    }

    /**
     * @param base a URL without a query
     * @return {@code base} with a query holding every value a URL can hold as written, each under its type's name
     *         in lower case ({@code ?email_address=jane.doe@…&phone_number=…})
     */
    public static String url(String base) {
        StringBuilder sb = new StringBuilder(base);
        char sep = '?';
        for (Map.Entry<String, String> e : IN_URLS.entrySet()) {
            sb.append(sep).append(e.getValue().toLowerCase(Locale.ROOT)).append('=').append(e.getKey());
            sep = '&';
        }
        return sb.toString();
    }

    /** @return every spelling searched for, in lower case, each once */
    public static Set<String> needles() {
        return Collections.unmodifiableSet(NEEDLES.keySet());
    }

    /**
     * Searches emitted text for every seeded value, in every spelling, ignoring case.
     *
     * @param where   what the text is, for the report
     * @param emitted everything emitted there
     * @param more    further strings that must not appear (a principal, where it must not)
     * @return one line per value found, naming its type (or the position of the further string in {@code more}),
     *         {@code where} and the offset — never the value; empty when none is found
     */
    public static List<String> foundIn(String where, String emitted, String... more) {
        String lower = emitted.toLowerCase(Locale.ROOT);
        List<String> found = new ArrayList<>();
        Set<String> typesFound = new LinkedHashSet<>();
        for (Map.Entry<String, String> n : NEEDLES.entrySet()) {
            if (typesFound.contains(n.getValue())) {
                continue;
            }
            int at = lower.indexOf(n.getKey());
            if (at >= 0) {
                typesFound.add(n.getValue());
                found.add(n.getValue() + " in " + where + " at offset " + at);
            }
        }
        for (int i = 0; i < more.length; i++) {
            int at = lower.indexOf(more[i].toLowerCase(Locale.ROOT));
            if (at >= 0) {
                found.add("more[" + i + "] in " + where + " at offset " + at);
            }
        }
        return found;
    }

    /** @return the spellings in which {@code value} would betray itself, in lower case */
    static Set<String> spellings(String value) {
        Set<String> out = new LinkedHashSet<>();
        out.add(value);
        out.add(jsonEscaped(value));
        out.add(htmlEscaped(value));
        out.add(URLEncoder.encode(value, StandardCharsets.UTF_8));
        out.add(URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20"));
        out.add(value.replace(" ", ""));
        out.add(value.replace(" ", "").replace("-", ""));
        String alnum = value.replaceAll("[^A-Za-z0-9]", "");
        if (alnum.length() >= 10) {
            out.add(alnum);
        }
        String digits = value.replaceAll("[^0-9]", "");
        if (digits.length() >= 9 && digits.length() * 2 > value.length()) {
            out.add(digits);
        }
        for (String run : value.split("[^A-Za-z0-9]+")) {
            if (run.length() >= 10) {
                out.add(run);
            }
        }
        if (value.startsWith("-----BEGIN")) {
            out.add(value.split("\n")[1]);
        }
        int at = value.indexOf('@');
        if (at > 0 && value.indexOf(' ') < 0) {
            out.add(value.substring(0, at));
        }
        Set<String> lower = new LinkedHashSet<>();
        for (String s : out) {
            lower.add(s.toLowerCase(Locale.ROOT));
        }
        return lower;
    }

    private static String jsonEscaped(String value) {
        try {
            String quoted = JSON.writeValueAsString(value);
            return quoted.substring(1, quoted.length() - 1);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String htmlEscaped(String value) {
        return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }
}
