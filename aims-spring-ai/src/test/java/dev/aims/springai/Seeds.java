package dev.aims.springai;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A value of every built-in entity type, written as people write them, and the needles that must never be found in
 * anything AIMS emits or sends: each value as written, its compact form, and its JSON-escaped form (what a value
 * with line breaks becomes on the wire).
 */
final class Seeds {
    static final String PEM_BODY = "9Qo+cYJgBMr2LZiv4j9qWmw93IO8YdSmIFyiQzuugERs5L4/GORy66hIYobNYU8U";

    /** Entity type to a value of it. */
    static final Map<String, String> VALUES = new LinkedHashMap<>();

    static {
        VALUES.put("EMAIL_ADDRESS", "jane.doe@corp.example");
        VALUES.put("PHONE_NUMBER", "+44 20 7946 0958");
        VALUES.put("CREDIT_CARD", "4111 1111 1111 1111");
        VALUES.put("IBAN_CODE", "DE89 3704 0044 0532 0130 00");
        VALUES.put("US_SSN", "536-22-4187");
        VALUES.put("IP_ADDRESS", "81.2.69.160");
        VALUES.put("MAC_ADDRESS", "00:1A:2B:3C:4D:5E");
        VALUES.put("UK_NHS", "943 476 5919");
        VALUES.put("CRYPTO", "1BoatSLRHtKNngkdXEeobR76b53LETtpyT");
        VALUES.put("AWS_ACCESS_KEY_ID", "AKIAVQJXXVBOTHD0WTFL");
        VALUES.put("GITHUB_TOKEN", "ghp_HBMUAPTT0aZN0dnruqXa71P2tD8vkQXRYO1N");
        VALUES.put("OPENAI_API_KEY", "sk-proj-T2HwDqzuM14qHOXHlpaBqCefuv2FSJghB6hRLeos47wGJkcU_0XXkHG5qJwv1MkA");
        VALUES.put("ANTHROPIC_API_KEY", "sk-ant-api03-uYVbpS0Jso2jKF08mmf1ULmmcW3xvY27DfANuRose62CHN4XDEjG1kZA5kXXgwFV"
                + "MAqTkNp_vsgvbRysUiB9ozIfz3hlkAA");
        VALUES.put("SLACK_TOKEN", "xoxb-27877955894-091102086046-nLiRtTFKBsH2cDE2WIOvmeUu");
        VALUES.put("STRIPE_API_KEY", "sk_live_ymJpEfxSrGzZcythy2iVgyf0");
        VALUES.put("GOOGLE_API_KEY", "AIzaJ_8u_M7AsZ7nrsoTV75Y4sxVe9RWlBaTF6E");
        VALUES.put("JWT", "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiI4ODEyNzMxIiwibmFtZSI6IlJpdGEgT3J0ZWdhIiwia"
                + "WF0IjoxNzE2MjM5MDIyfQ.NrJlr7ZhbmH_mokl8JpUu5hOuHqjRnIr2lV6RdNfUgc");
        VALUES.put("PRIVATE_KEY", "-----BEGIN PRIVATE KEY-----\n" + PEM_BODY + "\n-----END PRIVATE KEY-----");
        VALUES.put("GENERIC_SECRET", "password=Qy6k1qJAH4DxD%");
    }

    /** Every value, one per line, each after the name of its type: what a careless prompt would hold. */
    static final String ALL;

    static {
        StringBuilder sb = new StringBuilder();
        VALUES.forEach((type, value) -> sb.append(type.toLowerCase(Locale.ROOT).replace('_', ' ')).append(": ")
                .append(value).append('\n'));
        ALL = sb.toString();
    }

    private Seeds() {
    }

    /** @return the strings that must not appear, compared ignoring case */
    static List<String> needles() {
        List<String> out = new ArrayList<>();
        for (String value : VALUES.values()) {
            add(out, value);
            add(out, value.replace(" ", "").replace("-", ""));
            add(out, value.replace("\n", "\\n"));
        }
        add(out, PEM_BODY);
        add(out, "jane.doe");
        add(out, "Qy6k1qJAH4DxD");
        return out;
    }

    private static void add(List<String> out, String needle) {
        String n = needle.toLowerCase(Locale.ROOT);
        if (!out.contains(n)) {
            out.add(n);
        }
    }

    /**
     * @param where what was searched, for the failure message
     * @param text  everything emitted there
     * @param more  further strings that must not appear
     * @return the needles found in the text, each with where it was found (never the surrounding text)
     */
    static List<String> found(String where, String text, String... more) {
        String lower = text.toLowerCase(Locale.ROOT);
        List<String> hits = new ArrayList<>();
        List<String> needles = needles();
        for (String m : more) {
            add(needles, m);
        }
        for (String n : needles) {
            if (lower.contains(n)) {
                hits.add(where + ": " + n);
            }
        }
        return hits;
    }
}
