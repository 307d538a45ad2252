package dev.aims.redact.matrix;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

/**
 * Generates valid values of every built-in type, check digits computed, in the layouts people write them, and
 * near misses of each type: the same shape with a wrong check digit, a reserved range or a broken structure.
 */
final class Values {
    static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    static final String UPPER_ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    static final String B64URL = ALNUM + "-_";
    static final String UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    /** Marks where the value starts in a generated string that leads with a word naming it. */
    static final String LEAD = "\u0000";

    /** Type name to a generator of one valid value. */
    static final Map<String, Function<Random, String>> VALID = new LinkedHashMap<>();
    /** Type name to a generator of one near miss, which must not be found. */
    static final Map<String, Function<Random, String>> NEAR_MISS = new LinkedHashMap<>();
    /**
     * Types whose near misses stand under a neutral name: a value beside a word that names a secret or a scheme is
     * one, whatever its shape.
     */
    static final java.util.Set<String> NEEDS_CONTEXT = new java.util.HashSet<>(List.of("GENERIC_SECRET"));
    /** A word that names each type, for the surroundings that label a value. */
    static final Map<String, String> LABEL = new LinkedHashMap<>();

    static {
        type("EMAIL_ADDRESS", "email", Values::email, r -> pick(r, "jane.doe@localhost", "user@example",
                "name@host.png", "a@b.c", "@handle"));
        type("PHONE_NUMBER", "phone", Values::phone, r -> pick(r, "+999 12", "555-0000", "(000) 123-4567",
                "+1 123 456 7890", "1.2.3.4.5"));
        type("CREDIT_CARD", "card", Values::card, Values::cardMiss);
        type("IBAN_CODE", "iban", Values::iban, Values::ibanMiss);
        type("US_SSN", "ssn", Values::ssn, r -> pick(r, "000-12-3456", "666-12-3456", "912-34-5678",
                "123-00-4567", "123-45-0000"));
        type("IP_ADDRESS", "ip", Values::ip, r -> pick(r, "256.1.1.1", "1.2.3", "10.0.0.999", "1.2.3.4.5",
                "12345::abcd::1"));
        type("MAC_ADDRESS", "mac", Values::mac, r -> pick(r, "00:1A:2B:3C:4D", "00:1A:2B:3C:4D:5G",
                "001A:2B3C:4D5E"));
        type("UK_NHS", "nhs", Values::nhs, Values::nhsMiss);
        type("CRYPTO", "wallet", Values::crypto, Values::cryptoMiss);
        type("AWS_ACCESS_KEY_ID", "aws_access_key_id", r -> "AKIA" + random(r, UPPER_ALNUM, 16),
                r -> pick(r, "AKIAIOSFODNN7EXAMPLE", "AKIA" + "A".repeat(16), "AKIA" + random(r, UPPER_ALNUM, 12)));
        type("GITHUB_TOKEN", "github", r -> pick(r, "ghp_", "gho_", "ghs_") + random(r, ALNUM, 36),
                r -> pick(r, "ghp_" + "x".repeat(36), "ghp_" + random(r, ALNUM, 20), "ghx_" + random(r, ALNUM, 36)));
        type("OPENAI_API_KEY", "openai", r -> pick(r, "sk-" + random(r, ALNUM, 48), "sk-proj-" + random(r, B64URL,
                120)), r -> pick(r, "sk-" + "x".repeat(48), "sk-" + random(r, ALNUM, 8), "sk-your-key-here"));
        type("ANTHROPIC_API_KEY", "anthropic", r -> "sk-ant-api03-" + random(r, B64URL, 93) + "AA",
                r -> pick(r, "sk-ant-api03-" + "x".repeat(40), "sk-ant-" + random(r, ALNUM, 10)));
        type("SLACK_TOKEN", "slack", r -> "xoxb-" + digits(r, 11) + "-" + digits(r, 12) + "-"
                + random(r, ALNUM, 24), r -> pick(r, "xoxb-not-a-token", "xoxz-" + digits(r, 11)));
        type("STRIPE_API_KEY", "stripe", r -> pick(r, "sk_live_", "rk_live_", "sk_test_") + random(r, ALNUM, 24),
                r -> pick(r, "sk_live_" + "0".repeat(24), "pk_live_" + random(r, ALNUM, 24)));
        type("GOOGLE_API_KEY", "google", r -> "AIza" + random(r, B64URL, 35),
                r -> pick(r, "AIza" + random(r, B64URL, 20), "AIzaSyExample"));
        type("JWT", "jwt", Values::jwt, r -> "eyJub3QiOiJhIGhlYWRlciJ9." + base64(r, 24) + "." + base64(r, 32));
        type("PRIVATE_KEY", "key", Values::pem, r -> "-----BEGIN PUBLIC KEY-----\n" + base64(r, 48)
                + "\n-----END PUBLIC KEY-----");
        type("GENERIC_SECRET", "password", r -> "password=" + LEAD + random(r, ALNUM + "!#%", 14),
                r -> pick(r, "password=changeme", "password=${DB_PASSWORD}", "password_hint=dog", "password=<secret>"));
    }

    private Values() {
    }

    static {
        type("URL", "url", r -> pick(r, "postgres://app:", "https://deploy:", "mongodb+srv://admin:", "ftp://backup:")
                + random(r, ALNUM + "!$*", 12) + "@" + pick(r, "db.internal:5432/orders", "git.example.com/repo.git",
                "cluster0.abcde.mongodb.net/test?retryWrites=true", "files.example.org/"),
                r -> pick(r, "https://example.com/login?next=/a:b", "https://example.com/a:b@c",
                        "ftp://files.example.org/pub", "https://example.com/@jane"));
        context("US_BANK_NUMBER", "account number ", r -> (1 + r.nextInt(9)) + digits(r, 7 + r.nextInt(9)));
        context("US_DRIVER_LICENSE", "driver's license ", r -> pick(r, random(r, "ABCDEFGHJKLMNPRSTWY", 1)
                + digits(r, 7), digits(r, 9)));
        type("US_ITIN", "itin", r -> "9" + digits(r, 2) + "-" + (70 + r.nextInt(19)) + "-" + digits(r, 4),
                r -> "9" + digits(r, 2) + "-" + (10 + r.nextInt(40)) + "-" + digits(r, 4));
        context("US_PASSPORT", "passport no. ", r -> pick(r, (1 + r.nextInt(9)) + digits(r, 8),
                random(r, "ABCDEFGHJKLMNPRSTUVWXYZ", 1) + digits(r, 8)));
        type("UK_NINO", "nino", Values::nino, r -> pick(r, "QQ" + digits(r, 6) + "A", "AB" + digits(r, 6) + "E",
                "GB" + digits(r, 6) + "C"));
        type("ES_NIF", "nif", r -> nif(r, false), r -> nif(r, true));
        type("ES_NIE", "nie", r -> nie(r, false), r -> nie(r, true));
        type("IT_FISCAL_CODE", "codice fiscale", r -> fiscal(r, false), r -> fiscal(r, true));
        type("IN_PAN", "pan", r -> random(r, UPPER, 3) + pick(r, "P", "C", "H", "F", "A", "T") + random(r, UPPER, 1)
                + digits(r, 4) + random(r, UPPER, 1), r -> random(r, UPPER, 3) + pick(r, "Z", "X", "Q")
                + random(r, UPPER, 1) + digits(r, 4) + random(r, UPPER, 1));
        type("IN_AADHAAR", "aadhaar", r -> aadhaar(r, false), r -> aadhaar(r, true));
        type("SG_NRIC_FIN", "nric", r -> nric(r, false), r -> nric(r, true));
        type("AU_TFN", "tfn", r -> "TFN " + LEAD + tfn(r, false), r -> "TFN " + tfn(r, true));
        type("AU_ABN", "abn", r -> abn(r, false), r -> abn(r, true));
        type("AU_MEDICARE", "medicare", r -> medicare(r, false), r -> medicare(r, true));
        type("PL_PESEL", "pesel", r -> "PESEL " + LEAD + pesel(r, false), r -> "PESEL " + pesel(r, true));
        type("FI_PIC", "henkilötunnus", r -> pic(r, false), r -> pic(r, true));
        secret("GITLAB_TOKEN", r -> pick(r, "glpat-", "gldt-", "glrt-") + random(r, B64URL, 20));
        secret("NPM_TOKEN", r -> "npm_" + random(r, ALNUM, 36));
        secret("PYPI_TOKEN", r -> "pypi-AgEIcHlwaS5vcmc" + random(r, B64URL, 70));
        secret("AZURE_AD_CLIENT_SECRET", r -> random(r, ALNUM, 3) + digits(r, 1) + "Q~" + random(r, ALNUM + "_~.-",
                33));
        secret("TWILIO_API_KEY", r -> "SK" + random(r, "0123456789abcdef", 32));
        secret("SENDGRID_API_KEY", r -> "SG." + random(r, B64URL, 22) + "." + random(r, B64URL, 43));
        secret("MAILGUN_API_KEY", r -> "key-" + random(r, "0123456789abcdef", 32));
        secret("SHOPIFY_TOKEN", r -> pick(r, "shpat_", "shpss_") + random(r, "0123456789abcdef", 32));
        secret("HUGGINGFACE_TOKEN", r -> "hf_" + random(r, ALNUM, 34));
        secret("DATABRICKS_TOKEN", r -> "dapi" + random(r, "0123456789abcdef", 32));
        secret("VAULT_TOKEN", r -> "hvs." + random(r, B64URL, 90));
        secret("DOCKER_TOKEN", r -> "dckr_pat_" + random(r, B64URL, 27));
        secret("DIGITALOCEAN_TOKEN", r -> "dop_v1_" + random(r, "0123456789abcdef", 64));
        secret("HEROKU_API_KEY", r -> "HRKU-AA" + random(r, B64URL, 58));
        secret("ATLASSIAN_API_TOKEN", r -> "ATATT3" + random(r, ALNUM + "_-", 178) + "=" + random(r, "0123456789ABCDEF",
                8));
        secret("LINEAR_API_KEY", r -> "lin_api_" + random(r, ALNUM, 40));
        secret("POSTMAN_API_KEY", r -> "PMAK-" + random(r, "0123456789abcdef", 24) + "-"
                + random(r, "0123456789abcdef", 34));
        secret("NEW_RELIC_API_KEY", r -> "NRAK-" + random(r, UPPER_ALNUM, 27));
        secret("GRAFANA_TOKEN", r -> pick(r, "glc_" + random(r, ALNUM, 60), "glsa_" + random(r, ALNUM, 32) + "_"
                + random(r, "0123456789abcdef", 8)));
        secret("SQUARE_TOKEN", r -> pick(r, "sq0atp-" + random(r, B64URL, 22), "EAAA" + random(r, B64URL, 60)));
        secret("PULUMI_TOKEN", r -> "pul-" + random(r, "0123456789abcdef", 40));
        secret("DOPPLER_TOKEN", r -> "dp.pt." + random(r, ALNUM, 43));
        secret("SENTRY_TOKEN", r -> "sntrys_" + random(r, ALNUM, 80) + "=");
        secret("ALIBABA_ACCESS_KEY_ID", r -> "LTAI" + random(r, ALNUM, 20));
        secret("SLACK_WEBHOOK_URL", r -> "https://hooks.slack.com/services/T" + random(r, UPPER_ALNUM, 8) + "/B"
                + random(r, UPPER_ALNUM, 10) + "/" + random(r, ALNUM, 24));
        secret("DISCORD_WEBHOOK_URL", r -> "https://discord.com/api/webhooks/" + digits(r, 18) + "/"
                + random(r, B64URL, 68));
    }


    private static void context(String name, String lead, Function<Random, String> digits) {
        // the near miss is the same number without the word: bare digits of lengths no card or phone rule reads
        type(name, "ref", r -> lead + LEAD + digits.apply(r), r -> (1 + r.nextInt(9)) + digits(r, 7 + r.nextInt(3)));
        NEEDS_CONTEXT.add(name);
    }

    /** A secret with a vendor prefix: its near misses are the prefix with too short or too plain a body. */
    private static void secret(String name, Function<Random, String> valid) {
        type(name, "token", valid, r -> {
            // broken after eight characters (the prefix and a little), or its body replaced by filler
            String v = valid.apply(r);
            return r.nextBoolean() ? v.substring(0, 8) + " " + v.substring(8)
                    : v.substring(0, Math.max(4, v.length() / 5)) + "x".repeat(v.length() - Math.max(4,
                    v.length() / 5));
        });
        NEEDS_CONTEXT.add(name);
    }

    private static String nino(Random r) {
        String first = random(r, "ABCEGHJKLMNPRSTWXYZ", 1);
        String second = random(r, "ABCEGHJKLMNPRSTWXYZ", 1);
        String prefix = first + second;
        if (List.of("BG", "GB", "KN", "NK", "NT", "TN", "ZZ").contains(prefix)) {
            prefix = "AB";
        }
        String d = digits(r, 6);
        String suffix = random(r, "ABCD", 1);
        return r.nextBoolean() ? prefix + d + suffix : prefix + " " + d.substring(0, 2) + " " + d.substring(2, 4)
                + " " + d.substring(4) + " " + suffix;
    }

    private static final String NIF_LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE";

    private static String nif(Random r, boolean miss) {
        int v = r.nextInt(100_000_000);
        char letter = NIF_LETTERS.charAt((v + (miss ? 1 : 0)) % 23);
        return String.format("%08d", v) + (r.nextInt(4) == 0 ? "-" : "") + letter;
    }

    private static String nie(Random r, boolean miss) {
        int prefix = r.nextInt(3);
        int body = r.nextInt(10_000_000);
        char letter = NIF_LETTERS.charAt((prefix * 10_000_000 + body + (miss ? 1 : 0)) % 23);
        return "XYZ".charAt(prefix) + String.format("%07d", body) + letter;
    }

    private static final int[] CF_ODD = {1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16,
        10, 22, 25, 24, 23};

    private static String fiscal(Random r, boolean miss) {
        String body = random(r, UPPER, 6) + digits(r, 2) + random(r, "ABCDEHLMPRST", 1) + String.format("%02d",
                1 + r.nextInt(71)) + random(r, UPPER, 1) + digits(r, 3);
        int sum = 0;
        for (int i = 0; i < 15; i++) {
            char c = body.charAt(i);
            int v = c <= '9' ? c - '0' : c - 'A';
            sum += i % 2 == 0 ? CF_ODD[v] : v;
        }
        return body + (char) ('A' + (sum + (miss ? 1 : 0)) % 26);
    }

    private static String aadhaar(Random r, boolean miss) {
        String eleven = (2 + r.nextInt(8)) + digits(r, 10);
        String d = eleven + (Checksums.verhoeffDigit(eleven) + (miss ? 1 : 0)) % 10;
        return d.substring(0, 4) + " " + d.substring(4, 8) + " " + d.substring(8);
    }

    private static String nric(Random r, boolean miss) {
        char series = "STFG".charAt(r.nextInt(4));
        String d = digits(r, 7);
        int[] weights = {2, 7, 6, 5, 4, 3, 2};
        int sum = series == 'T' || series == 'G' ? 4 : 0;
        for (int i = 0; i < 7; i++) {
            sum += (d.charAt(i) - '0') * weights[i];
        }
        String table = series == 'S' || series == 'T' ? "JZIHGFEDCBA" : "XWUTRQPNMLK";
        return series + d + table.charAt((sum + (miss ? 1 : 0)) % 11);
    }

    private static String weighted(Random r, int length, int[] weights, int modulus, boolean miss, int firstMin) {
        while (true) {
            String d = (firstMin + r.nextInt(10 - firstMin)) + digits(r, length - 1);
            int sum = 0;
            for (int i = 0; i < length; i++) {
                sum += (d.charAt(i) - '0') * weights[i];
            }
            if ((sum % modulus == 0) != miss) {
                return d;
            }
        }
    }

    private static String tfn(Random r, boolean miss) {
        String d = weighted(r, 9, new int[] {1, 4, 3, 7, 5, 8, 6, 9, 10}, 11, miss, 1);
        return r.nextBoolean() ? d : d.substring(0, 3) + " " + d.substring(3, 6) + " " + d.substring(6);
    }

    private static String abn(Random r, boolean miss) {
        while (true) {
            String d = (1 + r.nextInt(9)) + digits(r, 10);
            int[] weights = {10, 1, 3, 5, 7, 9, 11, 13, 15, 17, 19};
            int sum = (d.charAt(0) - '0' - 1) * 10;
            for (int i = 1; i < 11; i++) {
                sum += (d.charAt(i) - '0') * weights[i];
            }
            if ((sum % 89 == 0) != miss) {
                return d.substring(0, 2) + " " + d.substring(2, 5) + " " + d.substring(5, 8) + " " + d.substring(8);
            }
        }
    }

    private static String medicare(Random r, boolean miss) {
        String eight = (2 + r.nextInt(5)) + digits(r, 7);
        int[] weights = {1, 3, 7, 9, 1, 3, 7, 9};
        int sum = 0;
        for (int i = 0; i < 8; i++) {
            sum += (eight.charAt(i) - '0') * weights[i];
        }
        String d = eight + (sum + (miss ? 1 : 0)) % 10 + digits(r, 1);
        return d.substring(0, 4) + " " + d.substring(4, 9) + " " + d.substring(9);
    }

    private static String pesel(Random r, boolean miss) {
        String date = String.format("%02d%02d%02d", r.nextInt(100), 1 + r.nextInt(12) + (r.nextBoolean() ? 20 : 0),
                1 + r.nextInt(28));
        String ten = date + digits(r, 4);
        int[] weights = {1, 3, 7, 9, 1, 3, 7, 9, 1, 3};
        int sum = 0;
        for (int i = 0; i < 10; i++) {
            sum += (ten.charAt(i) - '0') * weights[i];
        }
        return ten + ((10 - sum % 10) % 10 + (miss ? 1 : 0)) % 10;
    }

    private static String pic(Random r, boolean miss) {
        String date = String.format("%02d%02d%02d", 1 + r.nextInt(28), 1 + r.nextInt(12), r.nextInt(100));
        String serial = String.format("%03d", 2 + r.nextInt(897));
        char sign = "-+A".charAt(r.nextInt(3));
        long v = Long.parseLong(date + serial);
        return date + sign + serial + "0123456789ABCDEFHJKLMNPRSTUVWXY".charAt((int) ((v + (miss ? 1 : 0)) % 31));
    }

    private static void type(String name, String label, Function<Random, String> valid,
            Function<Random, String> miss) {
        VALID.put(name, valid);
        NEAR_MISS.put(name, miss);
        LABEL.put(name, label);
    }

    static String pick(Random r, String... options) {
        return options[r.nextInt(options.length)];
    }

    static String random(Random r, String alphabet, int len) {
        StringBuilder sb = new StringBuilder(len);
        for (int i = 0; i < len; i++) {
            sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    static String digits(Random r, int len) {
        return random(r, "0123456789", len);
    }

    static String base64(Random r, int bytes) {
        byte[] b = new byte[bytes];
        r.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static String email(Random r) {
        String local = pick(r, "jane.doe", "j.smith+news", "ops", "max_mustermann", "o'brien".replace("'", ""),
                "x" + digits(r, 3));
        String domain = pick(r, "example.com", "mail.example.co.uk", "corp-mail.io", "beispiel.de", "hooli.xyz");
        return local + "@" + domain;
    }

    private static String phone(Random r) {
        String area = (2 + r.nextInt(8)) + digits(r, 2);
        String exchange = (2 + r.nextInt(8)) + digits(r, 2);
        String line = digits(r, 4);
        switch (r.nextInt(6)) {
            case 0:
                return "(" + area + ") " + exchange + "-" + line;
            case 1:
                return area + "-" + exchange + "-" + line;
            case 2:
                return "+1 " + area + " " + exchange + " " + line;
            case 3:
                return "+44 20 7" + digits(r, 3) + " " + digits(r, 4);
            case 4:
                return "+49 30 " + digits(r, 8);
            default:
                return "+33 6 " + digits(r, 2) + " " + digits(r, 2) + " " + digits(r, 2) + " " + digits(r, 2);
        }
    }

    private static String cardDigits(Random r) {
        String prefix = pick(r, "4", "51", "55", "2221", "37", "6011", "35" + (28 + r.nextInt(62)));
        int len = prefix.equals("37") ? 15 : 16;
        String body = prefix + digits(r, len - 1 - prefix.length());
        return body + Checksums.luhnDigit(body);
    }

    private static String card(Random r) {
        String d = cardDigits(r);
        if (d.length() == 15) {
            return r.nextBoolean() ? d : d.substring(0, 4) + " " + d.substring(4, 10) + " " + d.substring(10);
        }
        String sep = pick(r, "", " ", "-");
        return d.substring(0, 4) + sep + d.substring(4, 8) + sep + d.substring(8, 12) + sep + d.substring(12);
    }

    private static String cardMiss(Random r) {
        String d = cardDigits(r);
        int last = d.charAt(d.length() - 1) - '0';
        return d.substring(0, d.length() - 1) + (last + 1) % 10;
    }

    private static final String[][] IBAN_COUNTRIES = {{"DE", "18", "n"}, {"FR", "23", "n"}, {"GB", "18", "GB"},
        {"NL", "14", "NL"}, {"ES", "20", "n"}, {"IT", "23", "IT"}, {"CH", "17", "n"}, {"BE", "12", "n"}};

    private static String ibanCompact(Random r) {
        String[] c = IBAN_COUNTRIES[r.nextInt(IBAN_COUNTRIES.length)];
        int len = Integer.parseInt(c[1]);
        String bban;
        switch (c[2]) {
            case "GB":
                bban = random(r, "ABCDEFGHIJKLMNOPQRSTUVWXYZ", 4) + digits(r, 14);
                break;
            case "NL":
                bban = random(r, "ABCDEFGHIJKLMNOPQRSTUVWXYZ", 4) + digits(r, 10);
                break;
            case "IT":
                bban = random(r, "ABCDEFGHIJKLMNOPQRSTUVWXYZ", 1) + digits(r, 22);
                break;
            default:
                bban = digits(r, len);
                break;
        }
        return c[0] + Checksums.ibanCheck(c[0], bban) + bban;
    }

    private static String iban(Random r) {
        String compact = ibanCompact(r);
        return r.nextBoolean() ? compact : grouped(compact, " ");
    }

    static String grouped(String compact, String sep) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < compact.length(); i += 4) {
            if (i > 0) {
                sb.append(sep);
            }
            sb.append(compact, i, Math.min(compact.length(), i + 4));
        }
        return sb.toString();
    }

    private static String ibanMiss(Random r) {
        String compact = ibanCompact(r);
        int d = compact.charAt(2) - '0';
        return compact.substring(0, 2) + (d == 9 ? 1 : d + 1) + compact.substring(3);
    }

    private static String ssn(Random r) {
        int area;
        do {
            area = 1 + r.nextInt(899);
        } while (area == 666);
        return String.format("%03d-%02d-%04d", area, 1 + r.nextInt(99), 1 + r.nextInt(9999));
    }

    private static String ip(Random r) {
        switch (r.nextInt(4)) {
            case 0:
                return (1 + r.nextInt(223)) + "." + r.nextInt(256) + "." + r.nextInt(256) + "." + (1 + r.nextInt(254));
            case 1:
                return "10." + r.nextInt(256) + "." + r.nextInt(256) + "." + (1 + r.nextInt(254));
            case 2:
                return "2001:db8:" + Integer.toHexString(r.nextInt(65536)) + "::" + Integer.toHexString(1
                        + r.nextInt(65535));
            default:
                StringBuilder sb = new StringBuilder();
                for (int g = 0; g < 8; g++) {
                    sb.append(g == 0 ? "" : ":").append(Integer.toHexString(0x1000 + r.nextInt(0xefff)));
                }
                return sb.toString();
        }
    }

    private static String mac(Random r) {
        String sep = pick(r, ":", "-");
        StringBuilder sb = new StringBuilder();
        for (int g = 0; g < 6; g++) {
            sb.append(g == 0 ? "" : sep).append(random(r, "0123456789ABCDEF", 2));
        }
        return sb.toString();
    }

    private static String nhsDigits(Random r) {
        while (true) {
            // the fourth digit 0 or 1: not a North American exchange, so that a near miss is no phone number either
            String nine = (4 + r.nextInt(3)) + digits(r, 2) + r.nextInt(2) + digits(r, 5);
            int check = Checksums.nhsDigit(nine);
            if (check >= 0) {
                return nine + check;
            }
        }
    }

    private static String nhs(Random r) {
        String d = nhsDigits(r);
        return d.substring(0, 3) + " " + d.substring(3, 6) + " " + d.substring(6);
    }

    private static String nhsMiss(Random r) {
        String d = nhsDigits(r);
        int last = d.charAt(9) - '0';
        String bad = d.substring(0, 9) + (last + 1) % 10;
        return bad.substring(0, 3) + " " + bad.substring(3, 6) + " " + bad.substring(6);
    }

    private static String crypto(Random r) {
        byte[] payload = new byte[20];
        r.nextBytes(payload);
        return r.nextBoolean() ? Checksums.base58Check(r.nextBoolean() ? 0 : 5, payload) : Checksums.bech32(payload);
    }

    private static String cryptoMiss(Random r) {
        byte[] payload = new byte[20];
        r.nextBytes(payload);
        String good = Checksums.base58Check(0, payload);
        char last = good.charAt(good.length() - 1);
        return good.substring(0, good.length() - 1) + (last == 'z' ? 'y' : 'z');
    }

    private static String jwt(Random r) {
        Base64.Encoder enc = Base64.getUrlEncoder().withoutPadding();
        String header = enc.encodeToString(Checksums.utf8(pick(r, "{\"alg\":\"HS256\",\"typ\":\"JWT\"}",
                "{\"alg\":\"RS256\",\"kid\":\"" + digits(r, 4) + "\"}")));
        String payload = enc.encodeToString(Checksums.utf8("{\"sub\":\"" + digits(r, 8) + "\",\"name\":\"J\"}"));
        return header + "." + payload + "." + base64(r, 32);
    }

    private static String pem(Random r) {
        String label = pick(r, "RSA PRIVATE KEY", "PRIVATE KEY", "EC PRIVATE KEY", "OPENSSH PRIVATE KEY");
        StringBuilder sb = new StringBuilder("-----BEGIN ").append(label).append("-----\n");
        for (int line = 0; line < 3; line++) {
            byte[] b = new byte[48];
            r.nextBytes(b);
            sb.append(Base64.getEncoder().encodeToString(b)).append('\n');
        }
        return sb.append("-----END ").append(label).append("-----").toString();
    }

    /** @return every type the matrix generates */
    static List<String> types() {
        return List.copyOf(VALID.keySet());
    }
}
