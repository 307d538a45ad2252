package dev.aims.bench.redact;

import java.util.Random;

/**
 * Prompt-shaped texts of the kind users send to a model, with personal data and secrets generated afresh (check
 * digits computed): support requests, pasted configuration, CSV rows, JSON payloads, log lines, stack traces.
 */
final class PromptTexts {
    private static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final String[] NAMES = {"Jane Roe", "Amir Haddad", "Lena Fischer", "Kenji Sato", "Maria Lopez",
        "Olu Adeyemi", "Chloé Martin", "Piotr Nowak"};
    private static final String[] DOMAINS = {"example.com", "mail.example.co.uk", "corp-mail.io", "beispiel.de",
        "hooli.xyz", "umbrella.fr"};

    private final Random r;

    PromptTexts(long seed) {
        this.r = new Random(seed);
    }

    /** @return one prompt-shaped text */
    String next() {
        String name = NAMES[r.nextInt(NAMES.length)];
        switch (r.nextInt(8)) {
            case 0:
                return "Hi, this is " + name + ". Please refund order " + (100_000 + r.nextInt(900_000))
                        + " to my card " + card() + " and confirm by mail to " + email(name) + " or call me on "
                        + phone() + ". Thanks!";
            case 1:
                return "Why does this config fail?\n```\nDB_HOST=10." + r.nextInt(256) + "." + r.nextInt(256) + ".7\n"
                        + "DB_PASSWORD=" + random(14) + "\nOPENAI_API_KEY=sk-" + random(48) + "\nregion=eu-west-1\n```";
            case 2:
                return "Summarise these rows:\nid,name,email,iban,amount\n" + row(name) + "\n" + row(NAMES[r.nextInt(
                        NAMES.length)]) + "\n" + row(NAMES[r.nextInt(NAMES.length)]);
            case 3:
                return "{\"user\": \"" + email(name) + "\", \"ssn\": \"" + ssn() + "\", \"ip\": \"192.168."
                        + r.nextInt(256) + "." + (1 + r.nextInt(254)) + "\", \"note\": \"called about the invoice\"}";
            case 4:
                return "Explain this log: 2024-03-11T10:22:01Z WARN login failed for " + email(name) + " from "
                        + "2001:db8::" + Integer.toHexString(r.nextInt(65536)) + " token=ghp_" + random(36);
            case 5:
                return "Translate to French: Dear " + name + ", your IBAN " + iban() + " was charged twice on 3 March."
                        + " We apologise and will refund the amount within five working days.";
            case 6:
                return "java.lang.IllegalStateException: payment declined for " + card() + "\n\tat com.acme.Pay.charge"
                        + "(Pay.java:" + r.nextInt(400) + ")\n\tat com.acme.Api.post(Api.java:88)\nWhat went wrong?";
            default:
                return "Draft a polite reply to " + name + " (" + email(name) + ") who asked whether we store card "
                        + "numbers. We keep only the last four digits and a token, never the full number.";
        }
    }

    private String random(int len) {
        StringBuilder sb = new StringBuilder(len);
        for (int i = 0; i < len; i++) {
            sb.append(ALNUM.charAt(r.nextInt(ALNUM.length())));
        }
        return sb.toString();
    }

    private String digits(int len) {
        StringBuilder sb = new StringBuilder(len);
        for (int i = 0; i < len; i++) {
            sb.append((char) ('0' + r.nextInt(10)));
        }
        return sb.toString();
    }

    private String email(String name) {
        return name.toLowerCase().replace(' ', '.').replace("é", "e") + "@" + DOMAINS[r.nextInt(DOMAINS.length)];
    }

    private String phone() {
        return r.nextBoolean() ? "+44 20 7" + digits(3) + " " + digits(4)
                : "(" + (2 + r.nextInt(8)) + digits(2) + ") " + (2 + r.nextInt(8)) + digits(2) + "-" + digits(4);
    }

    private String card() {
        String body = "4" + digits(14);
        int sum = 0;
        for (int i = body.length() - 1, k = 0; i >= 0; i--, k++) {
            int d = body.charAt(i) - '0';
            if (k % 2 == 0) {
                d = d * 2 > 9 ? d * 2 - 9 : d * 2;
            }
            sum += d;
        }
        String d = body + (10 - sum % 10) % 10;
        return d.substring(0, 4) + " " + d.substring(4, 8) + " " + d.substring(8, 12) + " " + d.substring(12);
    }

    private String ssn() {
        return String.format("%03d-%02d-%04d", 1 + r.nextInt(665), 1 + r.nextInt(99), 1 + r.nextInt(9999));
    }

    private String iban() {
        String bban = digits(18);
        java.math.BigInteger v = new java.math.BigInteger(bban + "131400");
        int check = 98 - v.mod(java.math.BigInteger.valueOf(97)).intValue();
        return "DE" + String.format("%02d", check) + bban;
    }

    private String row(String name) {
        return (1 + r.nextInt(999)) + "," + name + "," + email(name) + "," + iban() + "," + r.nextInt(5000) + "."
                + digits(2);
    }
}
