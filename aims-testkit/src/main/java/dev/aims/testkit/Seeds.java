package dev.aims.testkit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sensitive values of every entity type the built-in redactor covers, for tests that seed them into every channel
 * and context field of a call and then search everything the call emitted — what the provider received, spans,
 * metrics, logs, exception messages, {@code toString()}s, evidence, the report — for any of them. A value counts as
 * found in any of the forms it could take on the way out: as written, JSON-escaped, without its spaces, digits only.
 */
public final class Seeds {
    private static final Map<String, String> VALUES = new LinkedHashMap<>();

    static {
        VALUES.put("EMAIL_ADDRESS", "jane.doe@corp.example");
        VALUES.put("CREDIT_CARD", "4111 1111 1111 1111");
        VALUES.put("IBAN_CODE", "DE64 9136 1939 9091 6998 54");
        VALUES.put("US_SSN", "536-56-1584");
        VALUES.put("PHONE_NUMBER", "+44 20 7946 0958");
        VALUES.put("IP_ADDRESS", "81.2.69.160");
        VALUES.put("MAC_ADDRESS", "00:1A:2B:3C:4D:5E");
        VALUES.put("UK_NHS", "943 476 5919");
        VALUES.put("CRYPTO", "1BoatSLRHtKNngkdXEeobR76b53LETtpyT");
        VALUES.put("AWS_ACCESS_KEY_ID", "AKIA5RBQQ24IRDDAZ7Y2");
        VALUES.put("GITHUB_TOKEN", "ghp_59Jm1sTZnsKMRBRM5q1lzuaxzh0WcUplYl1r");
        VALUES.put("OPENAI_API_KEY", "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");
        VALUES.put("ANTHROPIC_API_KEY", "sk-ant-api03-uYVbpS0Jso2jKF08mmf1ULmmcW3xvY27DfANuRose62CHN4XDEjG1kZA5"
                + "kXXgwFVMAqTkNp_vsgvbRysUiB9ozIfz3hlkAA");
        VALUES.put("SLACK_TOKEN", "xoxb-27877955894-091102086046-nLiRtTFKBsH2cDE2WIOvmeUu");
        VALUES.put("STRIPE_API_KEY", "sk_live_ymJpEfxSrGzZcythy2iVgyf0");
        VALUES.put("GOOGLE_API_KEY", "AIzaYXz_JUtHJwkURsHGGSXJ7btqGCzjz2Er6Yz");
        VALUES.put("JWT", "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkphbmUifQ"
                + ".lpT_qH3dJnKJe1hVjcOLYHTuUt4w-7I9kmI728ZpC1E");
        VALUES.put("PRIVATE_KEY", "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAseededkeyQXJ0aGFu\n"
                + "-----END RSA PRIVATE KEY-----");
        VALUES.put("GENERIC_SECRET", "password=Qy6k1qJAH4DxD%");
    }

    private Seeds() {
    }

    /** @return the seeded values by entity type, in a fixed order */
    public static Map<String, String> byType() {
        return VALUES;
    }

    /**
     * @return every seeded value on a line of its own after the name of its type ({@code email address: …}): what
     *         a careless prompt would hold, for putting all of them in one channel
     */
    public static String all() {
        StringBuilder sb = new StringBuilder();
        VALUES.forEach((type, value) -> sb.append(type.toLowerCase(java.util.Locale.ROOT).replace('_', ' '))
                .append(": ").append(value).append('\n'));
        return sb.toString();
    }

    /** @return the seeded values */
    public static List<String> values() {
        return List.copyOf(VALUES.values());
    }

    /**
     * @param value a seeded value
     * @return the forms in which it would show if it leaked: as written, JSON-escaped, without spaces, and — for
     *         values made mostly of digits — digits only
     */
    public static List<String> forms(String value) {
        List<String> forms = new ArrayList<>();
        forms.add(value);
        forms.add(value.replace("\n", "\\n"));
        forms.add(value.replace(" ", ""));
        String digits = value.replaceAll("[^0-9]", "");
        if (digits.length() >= 9 && digits.length() * 2 > value.length()) {
            forms.add(digits);
        }
        // A PEM block's body is the secret: look for it alone too.
        if (value.startsWith("-----BEGIN")) {
            forms.add(value.split("\n")[1]);
        }
        return forms;
    }

    /**
     * @param where    what the text is, for the message
     * @param emitted  everything emitted there
     * @return a description of every seeded value found in {@code emitted}, empty when none is
     */
    public static List<String> foundIn(String where, String emitted) {
        List<String> found = new ArrayList<>();
        for (Map.Entry<String, String> e : VALUES.entrySet()) {
            for (String form : forms(e.getValue())) {
                int at = emitted.indexOf(form);
                if (at >= 0) {
                    found.add(e.getKey() + " in " + where + " at offset " + at);
                    break;
                }
            }
        }
        return found;
    }
}
