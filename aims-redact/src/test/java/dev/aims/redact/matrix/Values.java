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

    /** Type name to a generator of one valid value. */
    static final Map<String, Function<Random, String>> VALID = new LinkedHashMap<>();
    /** Type name to a generator of one near miss, which must not be found. */
    static final Map<String, Function<Random, String>> NEAR_MISS = new LinkedHashMap<>();
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
        type("GENERIC_SECRET", "password", r -> "password=" + random(r, ALNUM + "!#%", 14),
                r -> pick(r, "password=changeme", "password=${DB_PASSWORD}", "password_hint=dog", "password=<secret>"));
    }

    private Values() {
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
