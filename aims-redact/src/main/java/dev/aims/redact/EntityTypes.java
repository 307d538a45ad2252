package dev.aims.redact;

import dev.aims.redact.internal.Types;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The names of the built-in entity types: Presidio's names for personal data, gitleaks-style names for secrets.
 * {@code TYPES.md} in this module lists each with what validates it and an example.
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

    /** A URL with a user and a password in it ({@code scheme://user:password@host…}), the whole URL. */
    public static final String URL = "URL";
    /** A US bank account number: 8-17 digits after a word such as {@code account} or {@code bank}. */
    public static final String US_BANK_NUMBER = "US_BANK_NUMBER";
    /** A US driver's licence number: a letter or two and digits, or 7-13 digits, after {@code driver} or similar. */
    public static final String US_DRIVER_LICENSE = "US_DRIVER_LICENSE";
    /** A US individual taxpayer identification number: 9XX-XX-XXXX with a group in the ITIN ranges. */
    public static final String US_ITIN = "US_ITIN";
    /** A US passport number: nine digits, or a letter and eight digits, after {@code passport}. */
    public static final String US_PASSPORT = "US_PASSPORT";
    /** A UK National Insurance number with valid prefix letters and suffix. */
    public static final String UK_NINO = "UK_NINO";
    /** A Spanish DNI/NIF: eight digits and the mod-23 control letter. */
    public static final String ES_NIF = "ES_NIF";
    /** A Spanish NIE: X, Y or Z, seven digits and the mod-23 control letter. */
    public static final String ES_NIE = "ES_NIE";
    /** An Italian codice fiscale with a valid check character. */
    public static final String IT_FISCAL_CODE = "IT_FISCAL_CODE";
    /** An Indian PAN: five letters (the fourth the holder type), four digits, a letter. */
    public static final String IN_PAN = "IN_PAN";
    /** An Indian Aadhaar number: twelve digits with a Verhoeff check digit. */
    public static final String IN_AADHAAR = "IN_AADHAAR";
    /** A Singapore NRIC or FIN with a valid check letter. */
    public static final String SG_NRIC_FIN = "SG_NRIC_FIN";
    /** An Australian tax file number (mod-11 weights), after {@code TFN} or {@code tax file}. */
    public static final String AU_TFN = "AU_TFN";
    /** An Australian business number (mod-89 weights). */
    public static final String AU_ABN = "AU_ABN";
    /** An Australian Medicare card number (mod-10 weights). */
    public static final String AU_MEDICARE = "AU_MEDICARE";
    /** A Polish PESEL: a birth date and a weighted check digit, after {@code PESEL}. */
    public static final String PL_PESEL = "PL_PESEL";
    /** A Finnish personal identity code with a valid century sign and mod-31 check character. */
    public static final String FI_PIC = "FI_PIC";
    /** A GitLab token ({@code glpat-}, {@code gldt-}, {@code glrt-} …). */
    public static final String GITLAB_TOKEN = "GITLAB_TOKEN";
    /** An npm access token ({@code npm_}). */
    public static final String NPM_TOKEN = "NPM_TOKEN";
    /** A PyPI upload token ({@code pypi-AgEIcHlwaS5vcmc…}). */
    public static final String PYPI_TOKEN = "PYPI_TOKEN";
    /** An Azure AD (Entra ID) client secret ({@code …Q~…}). */
    public static final String AZURE_AD_CLIENT_SECRET = "AZURE_AD_CLIENT_SECRET";
    /** A Twilio API key ({@code SK} and 32 hex digits). */
    public static final String TWILIO_API_KEY = "TWILIO_API_KEY";
    /** A SendGrid API key ({@code SG.}). */
    public static final String SENDGRID_API_KEY = "SENDGRID_API_KEY";
    /** A Mailgun API key ({@code key-} and 32 hex digits). */
    public static final String MAILGUN_API_KEY = "MAILGUN_API_KEY";
    /** A Shopify access token ({@code shpat_}, {@code shpca_}, {@code shppa_}, {@code shpss_}). */
    public static final String SHOPIFY_TOKEN = "SHOPIFY_TOKEN";
    /** A Hugging Face token ({@code hf_}, {@code api_org_}). */
    public static final String HUGGINGFACE_TOKEN = "HUGGINGFACE_TOKEN";
    /** A Databricks personal access token ({@code dapi}). */
    public static final String DATABRICKS_TOKEN = "DATABRICKS_TOKEN";
    /** A HashiCorp Vault token ({@code hvs.}, {@code hvb.}, {@code hvr.}). */
    public static final String VAULT_TOKEN = "VAULT_TOKEN";
    /** A Docker Hub access token ({@code dckr_pat_}, {@code dckr_oat_}). */
    public static final String DOCKER_TOKEN = "DOCKER_TOKEN";
    /** A DigitalOcean token ({@code dop_v1_}, {@code doo_v1_}, {@code dor_v1_}). */
    public static final String DIGITALOCEAN_TOKEN = "DIGITALOCEAN_TOKEN";
    /** A Heroku API key ({@code HRKU-}). */
    public static final String HEROKU_API_KEY = "HEROKU_API_KEY";
    /** An Atlassian API token ({@code ATATT3}). */
    public static final String ATLASSIAN_API_TOKEN = "ATLASSIAN_API_TOKEN";
    /** A Linear API key ({@code lin_api_}). */
    public static final String LINEAR_API_KEY = "LINEAR_API_KEY";
    /** A Postman API key ({@code PMAK-}). */
    public static final String POSTMAN_API_KEY = "POSTMAN_API_KEY";
    /** A New Relic user API key ({@code NRAK-}). */
    public static final String NEW_RELIC_API_KEY = "NEW_RELIC_API_KEY";
    /** A Grafana Cloud or service account token ({@code glc_}, {@code glsa_}). */
    public static final String GRAFANA_TOKEN = "GRAFANA_TOKEN";
    /** A Square access token or secret ({@code sq0atp-}, {@code sq0csp-}, {@code EAAA}). */
    public static final String SQUARE_TOKEN = "SQUARE_TOKEN";
    /** A Pulumi access token ({@code pul-}). */
    public static final String PULUMI_TOKEN = "PULUMI_TOKEN";
    /** A Doppler token ({@code dp.pt.}, {@code dp.st.} …). */
    public static final String DOPPLER_TOKEN = "DOPPLER_TOKEN";
    /** A Sentry auth token ({@code sntrys_}, {@code sntryu_}). */
    public static final String SENTRY_TOKEN = "SENTRY_TOKEN";
    /** An Alibaba Cloud access key id ({@code LTAI}). */
    public static final String ALIBABA_ACCESS_KEY_ID = "ALIBABA_ACCESS_KEY_ID";
    /** A Slack incoming webhook URL. */
    public static final String SLACK_WEBHOOK_URL = "SLACK_WEBHOOK_URL";
    /** A Discord webhook URL. */
    public static final String DISCORD_WEBHOOK_URL = "DISCORD_WEBHOOK_URL";

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
