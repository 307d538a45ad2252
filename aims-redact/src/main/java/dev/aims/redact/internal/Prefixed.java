package dev.aims.redact.internal;

/**
 * Vendor secrets recognised by a fixed prefix and a body of one character class and length, the rules of the common
 * secret scanners: GitLab, npm, PyPI, Twilio, SendGrid, Mailgun, Shopify, Hugging Face, Databricks, Vault, Docker,
 * DigitalOcean, Heroku, Atlassian, Linear, Postman, New Relic, Grafana, Square, Pulumi, Doppler, Sentry, Alibaba,
 * Slack and Discord webhooks. Rules are looked up by the first character of a word, so a word that starts no rule
 * costs one array read.
 */
final class Prefixed {
    private static final int NO = -1;

    /** One rule: prefix, type, body class, body length bounds, and a second part after a separator, if any. */
    private record Rule(String prefix, int type, int flag, int min, int max, char sep, int flag2, int min2,
            int max2, boolean hexLower) {
    }

    private static final Rule[][] BY_FIRST = new Rule[128][];
    /** Bit {@code c2} of entry {@code c1}: whether a rule starts with those two characters. */
    private static final long[][] SECOND = new long[128][2];

    static {
        java.util.List<Rule> all = new java.util.ArrayList<>();
        for (String p : new String[] {"glpat-", "gldt-", "glrt-", "glptt-", "glcbt-", "glimt-", "glft-", "glsoat-",
            "gloas-", "glagent-", "GR1348941"}) {
            all.add(rule(p, Types.GITLAB_TOKEN, Chars.B64URL, 20, 80));
        }
        all.add(rule("npm_", Types.NPM_TOKEN, Chars.ALNUM, 36, 36));
        all.add(rule("pypi-AgEIcHlwaS5vcmc", Types.PYPI_TOKEN, Chars.B64URL, 50, 400));
        all.add(hex("SK", Types.TWILIO_API_KEY, 32));
        all.add(two("SG.", Types.SENDGRID_API_KEY, Chars.B64URL, 22, 22, '.', Chars.B64URL, 43, 43));
        all.add(hex("key-", Types.MAILGUN_API_KEY, 32));
        for (String p : new String[] {"shpat_", "shpca_", "shppa_", "shpss_"}) {
            all.add(hex(p, Types.SHOPIFY_TOKEN, 32));
        }
        all.add(rule("hf_", Types.HUGGINGFACE_TOKEN, Chars.ALNUM, 34, 34));
        all.add(rule("api_org_", Types.HUGGINGFACE_TOKEN, Chars.ALNUM, 34, 34));
        all.add(two("dapi", Types.DATABRICKS_TOKEN, Chars.HEX, 32, 32, '-', Chars.ALNUM, 0, 2));
        for (String p : new String[] {"hvs.", "hvb.", "hvr."}) {
            all.add(rule(p, Types.VAULT_TOKEN, Chars.B64URL, 24, 400));
        }
        all.add(rule("dckr_pat_", Types.DOCKER_TOKEN, Chars.B64URL, 27, 27));
        all.add(rule("dckr_oat_", Types.DOCKER_TOKEN, Chars.B64URL, 27, 40));
        for (String p : new String[] {"dop_v1_", "doo_v1_", "dor_v1_"}) {
            all.add(hex(p, Types.DIGITALOCEAN_TOKEN, 64));
        }
        all.add(rule("HRKU-", Types.HEROKU_API_KEY, Chars.B64URL, 40, 80));
        all.add(rule("ATATT3", Types.ATLASSIAN_API_TOKEN, Chars.BASE64, 150, 250));
        all.add(rule("lin_api_", Types.LINEAR_API_KEY, Chars.ALNUM, 40, 40));
        all.add(two("PMAK-", Types.POSTMAN_API_KEY, Chars.HEX, 24, 24, '-', Chars.HEX, 34, 34));
        all.add(rule("NRAK-", Types.NEW_RELIC_API_KEY, Chars.ALNUM, 27, 27));
        all.add(rule("glc_", Types.GRAFANA_TOKEN, Chars.BASE64, 32, 400));
        all.add(two("glsa_", Types.GRAFANA_TOKEN, Chars.ALNUM, 32, 32, '_', Chars.HEX, 8, 8));
        all.add(rule("sq0atp-", Types.SQUARE_TOKEN, Chars.B64URL, 22, 60));
        all.add(rule("sq0csp-", Types.SQUARE_TOKEN, Chars.B64URL, 40, 60));
        all.add(rule("EAAA", Types.SQUARE_TOKEN, Chars.B64URL, 60, 60));
        all.add(hex("pul-", Types.PULUMI_TOKEN, 40));
        for (String p : new String[] {"dp.pt.", "dp.st.", "dp.sa.", "dp.ct.", "dp.scim.", "dp.audit."}) {
            all.add(rule(p, Types.DOPPLER_TOKEN, Chars.ALNUM, 40, 44));
        }
        all.add(rule("sntrys_", Types.SENTRY_TOKEN, Chars.BASE64, 60, 400));
        all.add(hex("sntryu_", Types.SENTRY_TOKEN, 64));
        all.add(rule("LTAI", Types.ALIBABA_ACCESS_KEY_ID, Chars.ALNUM, 20, 20));
        all.add(rule("https://hooks.slack.com/services/", Types.SLACK_WEBHOOK_URL, Chars.PATH, 20, 120));
        all.add(rule("https://hooks.slack.com/workflows/", Types.SLACK_WEBHOOK_URL, Chars.PATH, 20, 120));
        all.add(rule("https://discord.com/api/webhooks/", Types.DISCORD_WEBHOOK_URL, Chars.PATH, 60, 140));
        all.add(rule("https://discordapp.com/api/webhooks/", Types.DISCORD_WEBHOOK_URL, Chars.PATH, 60, 140));
        java.util.Map<Character, java.util.List<Rule>> by = new java.util.HashMap<>();
        for (Rule r : all) {
            by.computeIfAbsent(r.prefix().charAt(0), k -> new java.util.ArrayList<>()).add(r);
        }
        by.forEach((c, list) -> BY_FIRST[c] = list.toArray(new Rule[0]));
        for (Rule r : all) {
            char c2 = r.prefix().charAt(1);
            SECOND[r.prefix().charAt(0)][c2 >> 6] |= 1L << (c2 & 63);
        }
    }

    private Prefixed() {
    }

    private static Rule rule(String prefix, int type, int flag, int min, int max) {
        return new Rule(prefix, type, flag, min, max, '\0', 0, 0, 0, false);
    }

    private static Rule hex(String prefix, int type, int length) {
        return new Rule(prefix, type, Chars.HEX, length, length, '\0', 0, 0, 0, true);
    }

    private static Rule two(String prefix, int type, int flag, int min, int max, char sep, int flag2, int min2,
            int max2) {
        return new Rule(prefix, type, flag, min, max, sep, flag2, min2, max2, false);
    }

    /** @return whether a rule may start at {@code i}: one starts with its first two characters */
    static boolean starts(String s, int i, int n) {
        return i + 1 < n && starts(s.charAt(i), s.charAt(i + 1));
    }

    /** @return whether a rule starts with the characters {@code c} and {@code c2} */
    static boolean starts(char c, char c2) {
        return c < 128 && BY_FIRST[c] != null && c2 < 128 && (SECOND[c][c2 >> 6] & (1L << (c2 & 63))) != 0;
    }

    /**
     * Tries the rules that start with the character at {@code i} and records the first hit.
     *
     * @return the end of the hit, or -1
     */
    static int match(String s, int i, int n, long enabled, Work w) {
        Rule[] rules = BY_FIRST[s.charAt(i)];
        for (Rule r : rules) {
            if ((enabled & (1L << r.type())) == 0 || !s.startsWith(r.prefix(), i) || w.known(r.type(), i)) {
                continue;
            }
            int e = body(s, i, n, r, w);
            if (e > 0) {
                return Scanner.hit(w, i, e, r.type());
            }
        }
        return NO;
    }

    private static int body(String s, int i, int n, Rule r, Work w) {
        int body = i + r.prefix().length();
        int e = w.runEnd(s, body, n, r.flag());
        int len = e - body;
        if (len > r.max()) {
            if (r.sep() != '\0' || r.flag() == Chars.HEX && r.min() == r.max()) {
                return NO; // glued to more of the same class: not this key
            }
            w.failUntil(r.type(), e - r.max() - r.prefix().length());
            return NO;
        }
        if (len < r.min()) {
            w.failUntil(r.type(), e);
            return NO;
        }
        if (r.hexLower() && !lowerHex(s, body, e) && !upperHex(s, body, e)) {
            return NO;
        }
        int end = e;
        if (r.sep() != '\0') {
            if (e < n && s.charAt(e) == r.sep()) {
                int e2 = Chars.runEnd(s, e + 1, n, r.flag2());
                if (e2 - e - 1 >= Math.max(1, r.min2()) && e2 - e - 1 <= r.max2()) {
                    end = e2;
                } else if (r.min2() > 0) {
                    return NO;
                }
            } else if (r.min2() > 0) {
                return NO;
            }
        }
        if (end < n && (Chars.alnum(s.charAt(end)) || (r.flag() != Chars.PATH && s.charAt(end) == '_'))) {
            return NO;
        }
        if (!Words.random(s, body, e, r.flag() == Chars.HEX ? 6 : 8)) {
            w.failUntil(r.type(), e);
            return NO;
        }
        return end;
    }

    private static boolean lowerHex(String s, int from, int to) {
        for (int p = from; p < to; p++) {
            if (Chars.upper(s.charAt(p))) {
                return false;
            }
        }
        return true;
    }

    private static boolean upperHex(String s, int from, int to) {
        for (int p = from; p < to; p++) {
            char c = s.charAt(p);
            if (c >= 'a' && c <= 'z') {
                return false;
            }
        }
        return true;
    }
}
