package dev.aims.redact.internal;

import java.util.List;

/**
 * The built-in entity types as small integers, so that the scanner can keep them in bit masks and arrays. The order
 * is fixed; {@link #NAMES} maps an id to its public name.
 */
public final class Types {
    /** {@code EMAIL_ADDRESS}. */
    public static final int EMAIL = 0;
    /** {@code PHONE_NUMBER}. */
    public static final int PHONE = 1;
    /** {@code CREDIT_CARD}. */
    public static final int CARD = 2;
    /** {@code IBAN_CODE}. */
    public static final int IBAN = 3;
    /** {@code US_SSN}. */
    public static final int SSN = 4;
    /** {@code IP_ADDRESS}. */
    public static final int IP = 5;
    /** {@code MAC_ADDRESS}. */
    public static final int MAC = 6;
    /** {@code UK_NHS}. */
    public static final int NHS = 7;
    /** {@code CRYPTO}. */
    public static final int CRYPTO = 8;
    /** {@code AWS_ACCESS_KEY_ID}. */
    public static final int AWS = 9;
    /** {@code GITHUB_TOKEN}. */
    public static final int GITHUB = 10;
    /** {@code OPENAI_API_KEY}. */
    public static final int OPENAI = 11;
    /** {@code ANTHROPIC_API_KEY}. */
    public static final int ANTHROPIC = 12;
    /** {@code SLACK_TOKEN}. */
    public static final int SLACK = 13;
    /** {@code STRIPE_API_KEY}. */
    public static final int STRIPE = 14;
    /** {@code GOOGLE_API_KEY}. */
    public static final int GOOGLE = 15;
    /** {@code JWT}. */
    public static final int JWT = 16;
    /** {@code PRIVATE_KEY}. */
    public static final int PRIVATE_KEY = 17;
    /** {@code GENERIC_SECRET}. */
    public static final int GENERIC_SECRET = 18;
    /** The number of built-in types; user-defined types get the ids from here on. */
    public static final int BUILT_IN = 19;

    /** Slots of per-detector memory in the scanner's work area: one per built-in type. */
    static final int MEMO_SLOTS = 64;

    /** The public names of the built-in types, by id. */
    public static final List<String> NAMES = List.of("EMAIL_ADDRESS", "PHONE_NUMBER", "CREDIT_CARD", "IBAN_CODE",
            "US_SSN", "IP_ADDRESS", "MAC_ADDRESS", "UK_NHS", "CRYPTO", "AWS_ACCESS_KEY_ID", "GITHUB_TOKEN",
            "OPENAI_API_KEY", "ANTHROPIC_API_KEY", "SLACK_TOKEN", "STRIPE_API_KEY", "GOOGLE_API_KEY", "JWT",
            "PRIVATE_KEY", "GENERIC_SECRET");

    /**
     * How specific a type is, used to break ties between overlapping findings of the same length: a checksum or a
     * vendor prefix says more than a digit layout. User dictionaries and patterns rank {@link #USER_RANK}.
     */
    private static final int[] RANK = {60, 40, 75, 80, 65, 50, 55, 70, 85, 90, 90, 90, 91, 90, 90, 90, 92, 100, 30};
    /** The rank of user-defined types: explicit configuration beats a built-in guess of the same length. */
    public static final int USER_RANK = 95;

    /** Confidence reported with each type: checksum-validated types 1.0, layout-only types lower. */
    private static final double[] SCORE = {0.95, 0.75, 1.0, 1.0, 0.85, 0.85, 0.8, 0.9, 1.0, 0.95, 0.99, 0.95, 0.99,
        0.95, 0.99, 0.95, 1.0, 1.0, 0.7};

    private Types() {
    }

    /**
     * @param type a built-in type id
     * @return its tie-break rank
     */
    public static int rank(int type) {
        return type < BUILT_IN ? RANK[type] : USER_RANK;
    }

    /**
     * @param type a type id
     * @return the confidence reported for it
     */
    public static double score(int type) {
        return type < BUILT_IN ? SCORE[type] : 1.0;
    }

    /**
     * @param name a public type name
     * @return its id, or -1 when it is not a built-in type
     */
    public static int id(String name) {
        return NAMES.indexOf(name);
    }

    /**
     * @param type a type id
     * @return whether it is a secret with a vendor prefix, which absorbs an overlapping {@code GENERIC_SECRET}
     */
    static boolean isSpecificSecret(int type) {
        return type >= AWS && type <= PRIVATE_KEY;
    }
}
