package dev.aims.redact.internal;

/**
 * The detectors that start on a letter at the beginning of a word: vendor-prefixed keys and tokens, JWTs, IBANs,
 * Bech32 addresses, and the hexadecimal shapes (IPv6, MAC) that begin with a letter.
 */
final class Words {
    private static final int NO = -1;
    /** The longest body of a prefixed key accepted; longer runs are not keys. */
    private static final int MAX_KEY = 320;
    private static final Ascii.WordSet FILLER = new Ascii.WordSet(new String[] {"example"});

    private Words() {
    }

    /**
     * Tries every detector that can start with the letter at {@code i} (a word start) and records the first hit.
     *
     * @return where the scan goes on
     */
    static int letter(String s, int i, int n, long enabled, Work w) {
        int hits = w.hits;
        int next = detect(s, i, n, enabled, w);
        if (w.hits == hits && Chars.digit(s.charAt(next - 1)) && next == Scanner.skipWord(s, i + 1, n)) {
            return glued(s, i, next, n, enabled, w);
        }
        return next;
    }

    /**
     * A number glued to a label ({@code card4111…}, {@code SSN536-56-1584}, {@code tel5551234567}): a word of one
     * to twelve letters and then only digits is read from its first digit, as if a delimiter stood there.
     *
     * @return where the scan goes on
     */
    private static int glued(String s, int i, int e, int n, long enabled, Work w) {
        int d = e;
        while (d > i && Chars.digit(s.charAt(d - 1))) {
            d--;
        }
        if (d - i > 12 || (d - i == 2 && ibanShape(s, i, n) > 0)) {
            return e; // an IBAN that failed its check: none of its parts is anything else either
        }
        for (int p = i; p < d; p++) {
            if (!Chars.letter(s.charAt(p))) {
                return e;
            }
        }
        return Math.max(e, Numbers.digit(s, d, n, enabled, w));
    }

    /**
     * Whether {@link #detect} may find anything at a word of at most 16 ASCII letters followed by {@code after}, one
     * of {@code - . :}: a key with a known prefix, a Google key ({@code AIza}), a JWT ({@code eyJ}), an OpenAI or
     * Anthropic key ({@code sk-}), a Slack token ({@code xoxb-}, {@code xoxe.}), or an IPv6 or MAC address whose
     * first group is hex letters. The scanner skips every other such word, the end of a sentence or the first half
     * of a hyphenated word, without a call. A detector added to {@link #detect} that can start on a word of letters
     * followed by one of these characters must be named here too.
     *
     * @param c0    the word's first letter
     * @param c1    its second letter, or {@code after} for a word of one letter
     * @param c2    its third letter, or any character for a shorter word
     * @param len   its length
     * @param after the character after it
     */
    static boolean mayStart(char c0, char c1, char c2, int len, char after) {
        if (Prefixed.starts(c0, c1) || (len <= 4 && Chars.hex(c0))) {
            return true;
        }
        switch (c0) {
            case 'A':
                return len >= 4 && c1 == 'I';
            case 'e':
                return len >= 3 && c1 == 'y' && c2 == 'J';
            case 's':
                return len == 2 && after == '-' && c1 == 'k';
            case 'x':
                return len == 4 && after != ':';
            default:
                return false;
        }
    }

    private static int detect(String s, int i, int n, long enabled, Work w) {
        char c = s.charAt(i);
        if (c >= 'a' && i + 4 < n && Chars.digit(s.charAt(i + 2)) && Chars.digit(s.charAt(i + 3))
                && Chars.letter(s.charAt(i + 1)) && on(enabled, Types.IBAN)) {
            int hit = ibanShape(s, i, n);
            if (hit > 0) {
                return Validators.iban(s, i, hit) ? Scanner.hit(w, i, hit, Types.IBAN) : hit;
            }
        }
        int hit;
        if (Prefixed.starts(s, i, n) && (hit = Prefixed.match(s, i, n, enabled, w)) > 0) {
            return hit;
        }
        // The word is read once; its length and the character after it rule out most detectors at no cost.
        int e = Scanner.skipWord(s, i + 1, n);
        int len = e - i;
        char after = e < n ? s.charAt(e) : '\0';
        if (len >= 2 && len <= 16 && (hit = Ids.letterStart(s, i, e, n, enabled, w)) > 0) {
            return hit;
        }
        if (len == 5 && after == '~' && s.charAt(i + 4) == 'Q' && Chars.digit(s.charAt(i + 3))
                && on(enabled, Types.AZURE_AD_CLIENT_SECRET) && (hit = azure(s, i, n)) > 0) {
            return Scanner.hit(w, i, hit, Types.AZURE_AD_CLIENT_SECRET);
        }
        switch (c) {
            case 'A':
                if (len == 20 && on(enabled, Types.AWS) && (hit = aws(s, i, n)) > 0) {
                    return Scanner.hit(w, i, hit, Types.AWS);
                }
                if (len >= 4 && s.charAt(i + 1) == 'I' && on(enabled, Types.GOOGLE) && (hit = google(s, i, n, w)) > 0) {
                    return Scanner.hit(w, i, hit, Types.GOOGLE);
                }
                return upper(s, i, e, after, n, enabled, w);
            case 'B':
                if (len >= 14 && on(enabled, Types.CRYPTO) && (hit = bech32(s, i, n, w)) > 0) {
                    return Scanner.hit(w, i, hit, Types.CRYPTO);
                }
                return upper(s, i, e, after, n, enabled, w);
            case 'b':
                if (len >= 14 && on(enabled, Types.CRYPTO) && (hit = bech32(s, i, n, w)) > 0) {
                    return Scanner.hit(w, i, hit, Types.CRYPTO);
                }
                return hexGate(s, i, e, after, n, enabled, w);
            case 'e':
                if (len >= 3 && s.charAt(i + 1) == 'y' && s.charAt(i + 2) == 'J' && on(enabled, Types.JWT)
                        && (hit = jwt(s, i, n, w)) > 0) {
                    return Scanner.hit(w, i, hit, Types.JWT);
                }
                return hexGate(s, i, e, after, n, enabled, w);
            case 'a':
            case 'c':
            case 'd':
            case 'f':
                return hexGate(s, i, e, after, n, enabled, w);
            case 'g':
                if (after == '_' && (len == 3 || len == 6) && on(enabled, Types.GITHUB)
                        && (hit = github(s, i, n, w)) > 0) {
                    return Scanner.hit(w, i, hit, Types.GITHUB);
                }
                return e;
            case 'r':
                if (len == 2 && after == '_' && on(enabled, Types.STRIPE) && (hit = stripe(s, i, n, w)) > 0) {
                    return Scanner.hit(w, i, hit, Types.STRIPE);
                }
                return e;
            case 's':
                if (len == 2 && s.charAt(i + 1) == 'k') {
                    if (after == '-') {
                        if (s.startsWith("ant-", e + 1)) {
                            if (on(enabled, Types.ANTHROPIC)
                                    && (hit = keyBody(s, i + 7, n, 32, w, Types.ANTHROPIC)) > 0) {
                                return Scanner.hit(w, i, hit, Types.ANTHROPIC);
                            }
                        } else if (on(enabled, Types.OPENAI) && (hit = keyBody(s, i + 3, n, 20, w, Types.OPENAI)) > 0) {
                            return Scanner.hit(w, i, hit, Types.OPENAI);
                        }
                    } else if (after == '_' && on(enabled, Types.STRIPE) && (hit = stripe(s, i, n, w)) > 0) {
                        return Scanner.hit(w, i, hit, Types.STRIPE);
                    }
                }
                return e;
            case 'x':
                if (len == 4 && (after == '-' || after == '.') && on(enabled, Types.SLACK)
                        && (hit = slack(s, i, n, w)) > 0) {
                    return Scanner.hit(w, i, hit, Types.SLACK);
                }
                return e;
            default:
                if (c >= 'C' && c <= 'Z') {
                    return upper(s, i, e, after, n, enabled, w);
                }
                return e;
        }
    }

    private static boolean on(long enabled, int type) {
        return (enabled & (1L << type)) != 0;
    }

    /** Upper-case start: an IBAN, or a hex shape for A-F. */
    private static int upper(String s, int i, int e, char after, int n, long enabled, Work w) {
        int hit;
        if (e - i >= 4 && on(enabled, Types.IBAN) && (hit = ibanShape(s, i, n)) > 0) {
            // a well-shaped IBAN with a wrong check is a near miss: none of its parts is anything else either
            return Validators.iban(s, i, hit) ? Scanner.hit(w, i, hit, Types.IBAN) : hit;
        }
        if (s.charAt(i) <= 'F') {
            return hexGate(s, i, e, after, n, enabled, w);
        }
        return e;
    }

    /** A hex letter start: an IPv6 address or a MAC address, if the word is short and a separator follows. */
    private static int hexGate(String s, int i, int e, char after, int n, long enabled, Work w) {
        if (e - i > 4 || !(after == ':' || after == '-' || after == '.')) {
            return e;
        }
        if (Numbers.midAddress(s, i) || (i > 1 && s.charAt(i - 1) == ':' && s.charAt(i - 2) == ':')) {
            return e; // "a::b::c" is a path in code, and a group never starts mid-address
        }
        int h = i + 1;
        while (h < n && h - i < 5 && Chars.hex(s.charAt(h))) {
            h++;
        }
        int len = h - i;
        char sep = h < n ? s.charAt(h) : '\0';
        if (len <= 4 && (sep == ':' || (sep == '-' && len == 2) || (sep == '.' && len == 4))) {
            int best = NO;
            int type = -1;
            int hit;
            if (on(enabled, Types.MAC) && (hit = Numbers.mac(s, i, n)) > 0) {
                best = hit;
                type = Types.MAC;
            }
            if (sep == ':' && on(enabled, Types.IP) && (hit = Numbers.ipv6(s, i, n, w)) > best) {
                best = hit;
                type = Types.IP;
            }
            if (best > 0) {
                return Scanner.hit(w, i, best, type);
            }
        }
        return e;
    }

    /**
     * An IBAN: country code, two check digits, and the rest of the country's length, contiguous or in groups of
     * four joined by single spaces. The mod-97 check is left to the caller.
     */
    static int ibanShape(String s, int i, int n) {
        if (i + 4 >= n || !Chars.letter(s.charAt(i + 1)) || !Chars.digit(s.charAt(i + 2))
                || !Chars.digit(s.charAt(i + 3))) {
            return NO;
        }
        int len = Validators.ibanLength(Character.toUpperCase(s.charAt(i)), Character.toUpperCase(s.charAt(i + 1)));
        if (len == 0) {
            return NO;
        }
        int end;
        char sep = s.charAt(i + 4);
        if (sep == ' ' || sep == '-') {
            // grouped: blocks of four, the last one 1-4 characters, one separator throughout
            int p = i;
            int count = 0;
            while (true) {
                int q = p;
                while (q < n && q - p < 4 && ibanChar(s.charAt(q))) {
                    q++;
                }
                int block = q - p;
                count += block;
                if (block == 0 || count > len) {
                    return NO;
                }
                if (count == len) {
                    end = q;
                    break;
                }
                if (block < 4 || q + 1 >= n || s.charAt(q) != sep || !ibanChar(s.charAt(q + 1))) {
                    return NO;
                }
                p = q + 1;
            }
        } else {
            end = i + len;
            if (end > n) {
                return NO;
            }
            for (int p = i + 4; p < end; p++) {
                if (!ibanChar(s.charAt(p))) {
                    return NO;
                }
            }
        }
        if (end < n && (Chars.alnum(s.charAt(end)) || s.charAt(end) == '_')) {
            return NO;
        }
        return end;
    }

    private static boolean ibanChar(char c) {
        return Chars.alnum(c);
    }

    /** AWS access key id: AKIA, ASIA, ABIA, ACCA or A3T_ and sixteen more of {@code A-Z 0-9}; no EXAMPLE. */
    static int aws(String s, int i, int n) {
        if (i + 20 > n) {
            return NO;
        }
        boolean prefix = s.startsWith("AKIA", i) || s.startsWith("ASIA", i) || s.startsWith("ABIA", i)
                || s.startsWith("ACCA", i) || (s.startsWith("A3T", i) && Chars.alnum(s.charAt(i + 3)));
        if (!prefix) {
            return NO;
        }
        for (int p = i + 4; p < i + 20; p++) {
            char c = s.charAt(p);
            if (!(Chars.upper(c) || Chars.digit(c))) {
                return NO;
            }
        }
        int end = i + 20;
        if (end < n && (Chars.alnum(s.charAt(end)) || s.charAt(end) == '_')) {
            return NO;
        }
        if (s.startsWith("EXAMPLE", end - 7) || !random(s, i + 4, end, 6)) {
            return NO;
        }
        return end;
    }

    /** Azure AD client secret: three characters, a digit, {@code Q~}, and 31-34 of {@code A-Z a-z 0-9 _ ~ . -}. */
    static int azure(String s, int i, int n) {
        for (int p = i; p < i + 3; p++) {
            char c = s.charAt(p);
            if (!(Chars.alnum(c) || c == '_' || c == '~' || c == '.')) {
                return NO;
            }
        }
        int body = i + 6;
        int e = body;
        while (e < n && e - body <= 34) {
            char c = s.charAt(e);
            if (!(Chars.alnum(c) || c == '_' || c == '~' || c == '.' || c == '-')) {
                break;
            }
            e++;
        }
        if (e - body < 31 || e - body > 34 || (e < n && Chars.alnum(s.charAt(e))) || !random(s, body, e, 10)) {
            return NO;
        }
        return e;
    }

    /** Google API key: AIza and exactly 35 of {@code A-Z a-z 0-9 - _}. */
    static int google(String s, int i, int n, Work w) {
        if (!s.startsWith("AIza", i) || w.known(Types.GOOGLE, i)) {
            return NO;
        }
        int e = w.runEnd(s, i + 4, n, Chars.B64URL);
        if (e - i != 39) {
            // only a start 39 characters before the end of this run can fit
            w.failUntil(Types.GOOGLE, e - i > 39 ? e - 39 : e);
            return NO;
        }
        return random(s, i + 4, e, 10) ? e : NO;
    }

    /** GitHub token: ghp_/gho_/ghu_/ghs_/ghr_ and 36+ alphanumerics, or github_pat_ and 22+ word characters. */
    static int github(String s, int i, int n, Work w) {
        if (s.startsWith("github_pat_", i)) {
            return runKey(s, i, i + 11, n, 22, 255, Chars.B64URL, w, Types.GITHUB);
        }
        if (i + 4 >= n || s.charAt(i + 1) != 'h' || s.charAt(i + 3) != '_') {
            return NO;
        }
        char kind = s.charAt(i + 2);
        if (kind != 'p' && kind != 'o' && kind != 'u' && kind != 's' && kind != 'r') {
            return NO;
        }
        int e = w.runEnd(s, i + 4, n, Chars.ALNUM);
        if (e - i - 4 < 36 || e - i - 4 > 251 || (e < n && (s.charAt(e) == '_' || s.charAt(e) == '-'))
                || !random(s, i + 4, e, 10)) {
            return NO;
        }
        return e;
    }

    /** Stripe secret or restricted key: sk_/rk_, live_/test_, and 10+ alphanumerics. */
    static int stripe(String s, int i, int n, Work w) {
        if (!(s.startsWith("sk_", i) || s.startsWith("rk_", i))
                || !(s.startsWith("live_", i + 3) || s.startsWith("test_", i + 3))) {
            return NO;
        }
        int e = w.runEnd(s, i + 8, n, Chars.ALNUM);
        if (e - i - 8 < 10 || e - i - 8 > 255 || (e < n && (s.charAt(e) == '_' || s.charAt(e) == '-'))
                || !random(s, i + 8, e, 8)) {
            return NO;
        }
        return e;
    }

    /** Slack token: xox[abprse]- or xapp- and 10+ of {@code A-Z a-z 0-9 -}, with digits in it. */
    static int slack(String s, int i, int n, Work w) {
        int body;
        if (s.startsWith("xoxe.xox", i) && i + 9 < n && s.charAt(i + 9) == '-') {
            body = i + 10;
        } else if (s.startsWith("xox", i) && i + 4 < n && "abprse".indexOf(s.charAt(i + 3)) >= 0
                && s.charAt(i + 4) == '-') {
            body = i + 5;
        } else if (s.startsWith("xapp-", i)) {
            body = i + 5;
        } else {
            return NO;
        }
        if (w.known(Types.SLACK, i)) {
            return NO;
        }
        int run = w.runEnd(s, body, n, Chars.DASHED);
        int e = run;
        while (e > body && s.charAt(e - 1) == '-') {
            e--;
        }
        if (e - body > MAX_KEY) {
            w.failUntil(Types.SLACK, run - MAX_KEY);
            return NO;
        }
        boolean digit = false;
        for (int p = body; p < e && !digit; p++) {
            digit = Chars.digit(s.charAt(p));
        }
        if (e - body < 10 || !digit || (e < n && s.charAt(e) == '_')) {
            w.failUntil(Types.SLACK, run); // a later start in this run is shorter and has no more digits
            return NO;
        }
        if (!random(s, body, e, 8)) {
            w.failUntil(Types.SLACK, run);
            return NO;
        }
        return e;
    }

    /**
     * The body of an {@code sk-} key: at least {@code min} of {@code A-Z a-z 0-9 - _} that look random.
     */
    static int keyBody(String s, int body, int n, int min, Work w, int type) {
        return runKey(s, body, body, n, min, MAX_KEY, Chars.B64URL, w, type);
    }

    /**
     * A key made of a prefix and a run of one character class: the run from {@code body} must be {@code min} to
     * {@code max} characters long and look random. A run that fails is remembered, so that the same prefix set off
     * again inside it ({@code sk-sk-sk-…}) costs nothing: a later start in the run is shorter and no more random,
     * and one that is too long can only fit near the run's end.
     *
     * @return the end of the key, or -1
     */
    static int runKey(String s, int start, int body, int n, int min, int max, int flag, Work w, int type) {
        if (w.known(type, start)) {
            return NO;
        }
        int e = w.runEnd(s, body, n, flag);
        int len = e - body;
        if (len > max) {
            w.failUntil(type, e - max - (body - start));
            return NO;
        }
        if (len < min || !random(s, body, e, 10)) {
            w.failUntil(type, e);
            return NO;
        }
        return e;
    }

    /** JWT: three base64url parts joined by dots, the first a JSON header with "alg". */
    static int jwt(String s, int i, int n, Work w) {
        if (i + 12 > n || s.charAt(i + 1) != 'y' || s.charAt(i + 2) != 'J') {
            return NO;
        }
        int p1 = w.runEnd(s, i, n, Chars.B64URL);
        if (p1 - i < 10 || p1 >= n || s.charAt(p1) != '.') {
            return NO;
        }
        int p2 = w.runEnd(s, p1 + 1, n, Chars.B64URL);
        if (p2 - p1 - 1 < 2 || p2 >= n || s.charAt(p2) != '.') {
            return NO;
        }
        if (w.known(Types.JWT, i) || !Validators.jwtHeader(s, i, p1)) {
            w.failUntil(Types.JWT, p1); // a later start in this part decodes to no better header
            return NO;
        }
        int p3 = w.runEnd(s, p2 + 1, n, Chars.B64URL);
        return p3 == p2 + 1 ? p2 + 1 : p3;
    }

    /** A Bech32 segwit address: bc1 (or BC1) and the data part, checksum verified. */
    static int bech32(String s, int i, int n, Work w) {
        if (i + 14 > n || (s.charAt(i + 1) | 0x20) != 'c' || s.charAt(i + 2) != '1') {
            return NO;
        }
        int e = w.runEnd(s, i + 3, n, Chars.ALNUM);
        if (e < n && s.charAt(e) == '_') {
            return NO;
        }
        return Validators.bech32(s, i, e) ? e : NO;
    }

    /**
     * Whether {@code s[from, to)} looks like generated key material rather than a placeholder: enough distinct
     * characters, no long run of one character, and no {@code EXAMPLE}-style filler.
     */
    static boolean random(String s, int from, int to, int minDistinct) {
        int len = to - from;
        if (Validators.distinct(s, from, to) < Math.min(minDistinct, Math.max(4, len / 3))) {
            return false;
        }
        // a run of equal letters is filler (sk-xxxxxxxx, AKIAXXXXXXXX…): placeholders are written with long runs,
        // while a random body holds a run of five about once in 100,000 (a real AWS key id AKIAOSXXXXXVRIQ7OJ1J);
        // digits repeat more often in real ids, and so do the six letters of a hex body (ccccc in a Twilio key)
        // and any letter in a long body (an Atlassian token's hex checksum may end AAAAA)
        int letterRun = len >= 64 || hex(s, from, to) ? 8 : 6;
        int run = 1;
        for (int p = from + 1; p < to; p++) {
            char c = s.charAt(p);
            if (c == s.charAt(p - 1)) {
                if (++run >= (Chars.digit(c) ? 8 : letterRun)) {
                    return false;
                }
            } else {
                run = 1;
            }
        }
        return !FILLER.foundIn(s, from, to);
    }

    /** Whether {@code s[from, to)} is all hex digits. */
    private static boolean hex(String s, int from, int to) {
        for (int p = from; p < to; p++) {
            if (!Chars.hex(s.charAt(p))) {
                return false;
            }
        }
        return true;
    }
}
