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
    /** {@code URL}. */
    public static final int URL = 19;
    /** {@code US_BANK_NUMBER}. */
    public static final int US_BANK_NUMBER = 20;
    /** {@code US_DRIVER_LICENSE}. */
    public static final int US_DRIVER_LICENSE = 21;
    /** {@code US_ITIN}. */
    public static final int US_ITIN = 22;
    /** {@code US_PASSPORT}. */
    public static final int US_PASSPORT = 23;
    /** {@code UK_NINO}. */
    public static final int UK_NINO = 24;
    /** {@code ES_NIF}. */
    public static final int ES_NIF = 25;
    /** {@code ES_NIE}. */
    public static final int ES_NIE = 26;
    /** {@code IT_FISCAL_CODE}. */
    public static final int IT_FISCAL_CODE = 27;
    /** {@code IN_PAN}. */
    public static final int IN_PAN = 28;
    /** {@code IN_AADHAAR}. */
    public static final int IN_AADHAAR = 29;
    /** {@code SG_NRIC_FIN}. */
    public static final int SG_NRIC_FIN = 30;
    /** {@code AU_TFN}. */
    public static final int AU_TFN = 31;
    /** {@code AU_ABN}. */
    public static final int AU_ABN = 32;
    /** {@code AU_MEDICARE}. */
    public static final int AU_MEDICARE = 33;
    /** {@code PL_PESEL}. */
    public static final int PL_PESEL = 34;
    /** {@code FI_PIC}. */
    public static final int FI_PIC = 35;
    /** {@code GITLAB_TOKEN}. */
    public static final int GITLAB_TOKEN = 36;
    /** {@code NPM_TOKEN}. */
    public static final int NPM_TOKEN = 37;
    /** {@code PYPI_TOKEN}. */
    public static final int PYPI_TOKEN = 38;
    /** {@code AZURE_AD_CLIENT_SECRET}. */
    public static final int AZURE_AD_CLIENT_SECRET = 39;
    /** {@code TWILIO_API_KEY}. */
    public static final int TWILIO_API_KEY = 40;
    /** {@code SENDGRID_API_KEY}. */
    public static final int SENDGRID_API_KEY = 41;
    /** {@code MAILGUN_API_KEY}. */
    public static final int MAILGUN_API_KEY = 42;
    /** {@code SHOPIFY_TOKEN}. */
    public static final int SHOPIFY_TOKEN = 43;
    /** {@code HUGGINGFACE_TOKEN}. */
    public static final int HUGGINGFACE_TOKEN = 44;
    /** {@code DATABRICKS_TOKEN}. */
    public static final int DATABRICKS_TOKEN = 45;
    /** {@code VAULT_TOKEN}. */
    public static final int VAULT_TOKEN = 46;
    /** {@code DOCKER_TOKEN}. */
    public static final int DOCKER_TOKEN = 47;
    /** {@code DIGITALOCEAN_TOKEN}. */
    public static final int DIGITALOCEAN_TOKEN = 48;
    /** {@code HEROKU_API_KEY}. */
    public static final int HEROKU_API_KEY = 49;
    /** {@code ATLASSIAN_API_TOKEN}. */
    public static final int ATLASSIAN_API_TOKEN = 50;
    /** {@code LINEAR_API_KEY}. */
    public static final int LINEAR_API_KEY = 51;
    /** {@code POSTMAN_API_KEY}. */
    public static final int POSTMAN_API_KEY = 52;
    /** {@code NEW_RELIC_API_KEY}. */
    public static final int NEW_RELIC_API_KEY = 53;
    /** {@code GRAFANA_TOKEN}. */
    public static final int GRAFANA_TOKEN = 54;
    /** {@code SQUARE_TOKEN}. */
    public static final int SQUARE_TOKEN = 55;
    /** {@code PULUMI_TOKEN}. */
    public static final int PULUMI_TOKEN = 56;
    /** {@code DOPPLER_TOKEN}. */
    public static final int DOPPLER_TOKEN = 57;
    /** {@code SENTRY_TOKEN}. */
    public static final int SENTRY_TOKEN = 58;
    /** {@code ALIBABA_ACCESS_KEY_ID}. */
    public static final int ALIBABA_ACCESS_KEY_ID = 59;
    /** {@code SLACK_WEBHOOK_URL}. */
    public static final int SLACK_WEBHOOK_URL = 60;
    /** {@code DISCORD_WEBHOOK_URL}. */
    public static final int DISCORD_WEBHOOK_URL = 61;
    /** The number of built-in types; user-defined types get the ids from here on. */
    public static final int BUILT_IN = 62;

    /** Slots of per-detector memory in the scanner's work area: one per built-in type. */
    static final int MEMO_SLOTS = 64;

    /** The public names of the built-in types, by id. */
    public static final List<String> NAMES = List.of("EMAIL_ADDRESS", "PHONE_NUMBER", "CREDIT_CARD", "IBAN_CODE",
            "US_SSN", "IP_ADDRESS", "MAC_ADDRESS", "UK_NHS", "CRYPTO", "AWS_ACCESS_KEY_ID", "GITHUB_TOKEN",
            "OPENAI_API_KEY", "ANTHROPIC_API_KEY", "SLACK_TOKEN", "STRIPE_API_KEY", "GOOGLE_API_KEY", "JWT",
            "PRIVATE_KEY", "GENERIC_SECRET",
            "URL", "US_BANK_NUMBER", "US_DRIVER_LICENSE", "US_ITIN", "US_PASSPORT", "UK_NINO", "ES_NIF", "ES_NIE",
            "IT_FISCAL_CODE", "IN_PAN", "IN_AADHAAR", "SG_NRIC_FIN", "AU_TFN", "AU_ABN", "AU_MEDICARE", "PL_PESEL",
            "FI_PIC", "GITLAB_TOKEN", "NPM_TOKEN", "PYPI_TOKEN", "AZURE_AD_CLIENT_SECRET", "TWILIO_API_KEY",
            "SENDGRID_API_KEY", "MAILGUN_API_KEY", "SHOPIFY_TOKEN", "HUGGINGFACE_TOKEN", "DATABRICKS_TOKEN",
            "VAULT_TOKEN",
            "DOCKER_TOKEN", "DIGITALOCEAN_TOKEN", "HEROKU_API_KEY", "ATLASSIAN_API_TOKEN", "LINEAR_API_KEY",
            "POSTMAN_API_KEY", "NEW_RELIC_API_KEY", "GRAFANA_TOKEN", "SQUARE_TOKEN", "PULUMI_TOKEN", "DOPPLER_TOKEN",
            "SENTRY_TOKEN", "ALIBABA_ACCESS_KEY_ID", "SLACK_WEBHOOK_URL", "DISCORD_WEBHOOK_URL");

    /**
     * How specific a type is, used to break ties between overlapping findings of the same length: a checksum or a
     * vendor prefix says more than a digit layout. User dictionaries and patterns rank {@link #USER_RANK}.
     */
    private static final int[] RANK = {60, 40, 75, 80, 65, 50, 55, 70, 85, 90, 90, 90, 91, 90, 90, 90, 92, 100, 30,
        70, 45, 44, 66, 46, 72, 76, 76, 78, 68, 74, 76, 73, 77, 73, 74, 77, 90, 90, 90, 90, 90, 90, 90, 90, 90, 90, 90,
        90, 90, 90, 90, 90, 90, 90, 90, 90, 90, 90, 90, 90, 90, 90};
    /** The rank of user-defined types: explicit configuration beats a built-in guess of the same length. */
    public static final int USER_RANK = 95;

    /** Confidence reported with each type: checksum-validated types 1.0, layout-only types lower. */
    private static final double[] SCORE = {0.95, 0.75, 1.0, 1.0, 0.85, 0.85, 0.8, 0.9, 1.0, 0.95, 0.99, 0.95, 0.99,
        0.95, 0.99, 0.95, 1.0, 1.0, 0.7,
        0.95, 0.6, 0.6, 0.85, 0.6, 0.85, 1.0, 1.0, 1.0, 0.85, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 0.95, 0.95, 0.95,
        0.95, 0.95, 0.95, 0.95, 0.95, 0.95, 0.95, 0.95, 0.95, 0.95, 0.95, 0.95, 0.95, 0.95, 0.95, 0.95, 0.95, 0.95,
        0.95, 0.95, 0.95, 0.95, 0.95};

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
        return (type >= AWS && type <= PRIVATE_KEY) || (type >= GITLAB_TOKEN && type < BUILT_IN);
    }
}
