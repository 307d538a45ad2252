package dev.aims.redact;

import dev.aims.redact.internal.Types;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The names of the built-in entity types: Presidio's names for personal data, gitleaks-style names for secrets.
 */
public final class EntityTypes {
    /** An e-mail address. */
    public static final String EMAIL_ADDRESS = "EMAIL_ADDRESS";
    /** A phone number: E.164 with {@code +}, North American formats, European national groupings. */
    public static final String PHONE_NUMBER = "PHONE_NUMBER";
    /** A payment card number that passes Luhn and belongs to a major issuer. */
    public static final String CREDIT_CARD = "CREDIT_CARD";
    /** An IBAN with its country's length and a valid mod-97 check. */
    public static final String IBAN_CODE = "IBAN_CODE";
    /** A US social security number in the issued ranges. */
    public static final String US_SSN = "US_SSN";
    /** An IPv4 or IPv6 address. */
    public static final String IP_ADDRESS = "IP_ADDRESS";
    /** A MAC address. */
    public static final String MAC_ADDRESS = "MAC_ADDRESS";
    /** A UK NHS number with a valid mod-11 check digit. */
    public static final String UK_NHS = "UK_NHS";
    /** A Bitcoin address, Base58Check or Bech32, checksum verified. */
    public static final String CRYPTO = "CRYPTO";
    /** An AWS access key id. */
    public static final String AWS_ACCESS_KEY_ID = "AWS_ACCESS_KEY_ID";
    /** A GitHub token. */
    public static final String GITHUB_TOKEN = "GITHUB_TOKEN";
    /** An OpenAI API key. */
    public static final String OPENAI_API_KEY = "OPENAI_API_KEY";
    /** An Anthropic API key. */
    public static final String ANTHROPIC_API_KEY = "ANTHROPIC_API_KEY";
    /** A Slack token. */
    public static final String SLACK_TOKEN = "SLACK_TOKEN";
    /** A Stripe secret or restricted key. */
    public static final String STRIPE_API_KEY = "STRIPE_API_KEY";
    /** A Google API key. */
    public static final String GOOGLE_API_KEY = "GOOGLE_API_KEY";
    /** A JSON Web Token. */
    public static final String JWT = "JWT";
    /** A PEM private key block, BEGIN to END. */
    public static final String PRIVATE_KEY = "PRIVATE_KEY";
    /** A high-entropy value assigned to a secret-sounding name ({@code password}, {@code api_key} …). */
    public static final String GENERIC_SECRET = "GENERIC_SECRET";

    private EntityTypes() {
    }

    /** @return every built-in type name, in a fixed order */
    public static Set<String> builtIn() {
        return java.util.Collections.unmodifiableSet(new LinkedHashSet<>(Types.NAMES));
    }

    /**
     * @param type a type name
     * @return whether it is a built-in type
     */
    public static boolean isBuiltIn(String type) {
        return Types.id(type) >= 0;
    }
}
