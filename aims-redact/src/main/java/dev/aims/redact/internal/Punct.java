package dev.aims.redact.internal;

/**
 * The detectors that a punctuation character sets off: e-mail addresses at {@code @} (read backwards for the local
 * part), secrets assigned to a secret-sounding name at {@code =}, {@code :} or {@code >}, and PEM private key
 * blocks at {@code -----BEGIN}.
 */
final class Punct {
    private static final int NO = -1;
    private static final int MAX_VALUE = 512;
    private static final int MAX_PEM = 200_000;

    /** Key names whose value is a password. Compared with one segment of the key, lower case. */
    private static final String[] PASSWORD_WORDS = {"password", "passwd", "pwd", "pass", "passphrase", "passcode",
        "passwort", "kennwort", "wachtwoord", "contrasena", "contraseña", "senha", "haslo", "hasło", "losenord",
        "lösenord", "salasana", "motdepasse", "sifre", "şifre", "jelszo", "jelszó", "heslo", "lozinka", "parool",
        "passord", "adgangskode"};
    /** Key names whose value is a secret of another kind. */
    private static final String[] SECRET_WORDS = {"secret", "secrets", "token", "apikey", "accesskey", "secretkey",
        "privatekey", "authtoken", "accesstoken", "refreshtoken", "clientsecret", "credential", "credentials",
        "auth", "bearer", "sessionkey", "signingkey", "encryptionkey", "masterkey"};
    /** Words that, before {@code key}, make it a secret key ({@code api_key}, {@code access-key} …). */
    private static final String[] KEY_QUALIFIERS = {"api", "access", "secret", "private", "client", "auth",
        "signing", "encryption", "master", "app", "consumer", "account", "license", "subscription", "service",
        "session"};
    /** Words that, after a secret word, make the key describe the secret rather than hold it. */
    private static final String[] NOT_SECRET_SUFFIX = {"count", "counts", "limit", "limits", "type", "types", "url",
        "uri", "endpoint", "length", "len", "size", "id", "name", "names", "file", "path", "dir", "expiry",
        "expires", "expiration", "ttl", "budget", "usage", "policy", "hint", "field", "header", "param", "prefix",
        "format", "regex", "pattern", "min", "max", "label", "required", "reset", "index", "usage", "ref"};
    /** Lower-case fragments of values that are placeholders, not secrets. */
    private static final String[] PLACEHOLDER_WORDS = {"your", "example", "placeholder", "changeme", "change_me",
        "change-me", "replace", "insert", "dummy", "sample", "redacted", "xxxx", "****", "...", "todo", "fixme",
        "-here", "_here", "${", "{{", "}}"};
    /** A stem of every secret word, to turn most keys down in one pass. */
    private static final Ascii.WordSet KEY_STEMS = new Ascii.WordSet(new String[] {"pass", "pwd", "secret", "token",
        "key", "auth", "cred", "bearer", "kennwort", "wachtwoord", "contrase", "senha", "haslo", "hasło", "losenord",
        "lösenord", "salasana", "motdepasse", "sifre", "şifre", "jelsz", "heslo", "lozinka", "parool",
        "adgangskode"});
    private static final Ascii.WordSet PLACEHOLDERS = new Ascii.WordSet(PLACEHOLDER_WORDS);
    private static final String[] LITERAL_WORDS = {"none", "null", "nil", "undefined", "true", "false", "required",
        "optional", "string", "password", "secret", "token", "hidden", "masked", "notset", "not_set", "empty"};
    private static final String[] AUTH_SCHEMES = {"bearer ", "basic ", "token ", "bot ", "apikey ", "digest "};

    private static final String[] FILE_EXTENSIONS = {"png", "jpg", "jpeg", "gif", "svg", "webp", "bmp", "ico"};

    private static final int KIND_NONE = 0;
    private static final int KIND_SECRET = 1;
    private static final int KIND_PASSWORD = 2;
    private static final int KIND_AUTHORIZATION = 3;

    private Punct() {
    }

    // ------------------------------------------------------------------------------------------------ e-mail

    /** An e-mail address around the {@code @} at {@code j}; a URL's {@code user:password@} is a secret instead. */
    static int email(String s, int j, int n, long enabled, Work w) {
        int url = urlWithCredentials(s, j, n, enabled, w);
        if (url > 0) {
            return url;
        }
        emailAt(s, j, n, enabled, w);
        return j + 1;
    }

    private static void emailAt(String s, int j, int n, long enabled, Work w) {
        int ls = j;
        while (ls > 0 && j - ls <= 64 && local(s.charAt(ls - 1))) {
            ls--;
        }
        if (j - ls > 64) {
            return;
        }
        while (ls < j && (s.charAt(ls) == '.' || s.charAt(ls) == '-' || s.charAt(ls) == '+')) {
            ls++;
        }
        if (ls == j || s.charAt(j - 1) == '.') {
            return;
        }
        int p = j + 1;
        int labels = 0;
        int lastLabel = -1;
        int end = NO;
        while (p < n) {
            int q = p;
            while (q < n && domain(s.charAt(q))) {
                q++;
            }
            if (q == p || q - p > 63 || s.charAt(p) == '-' || s.charAt(q - 1) == '-') {
                break;
            }
            labels++;
            lastLabel = p;
            end = q;
            if (q + 1 < n && s.charAt(q) == '.' && domain(s.charAt(q + 1))) {
                p = q + 1;
                continue;
            }
            break;
        }
        if (labels < 2 || !tld(s, lastLabel, end)) {
            return;
        }
        if ((enabled & (1L << Types.EMAIL)) != 0) {
            w.add(ls, end, Types.EMAIL);
        }
    }

    private static boolean local(char c) {
        return c < 128 ? Chars.is(c, Chars.LOCAL) : Character.isLetterOrDigit(c);
    }

    private static boolean domain(char c) {
        return c < 128 ? Chars.is(c, Chars.DOMAIN) : Character.isLetterOrDigit(c);
    }

    /** A top-level domain: two or more letters (or an IDN), not a file extension. */
    private static boolean tld(String s, int from, int to) {
        if (to - from < 2) {
            return false;
        }
        if (s.startsWith("xn--", from)) {
            return true;
        }
        for (int p = from; p < to; p++) {
            char c = s.charAt(p);
            if (!(Chars.letter(c) || (c >= 128 && Character.isLetter(c)))) {
                return false;
            }
        }
        int len = to - from;
        if (len == 3 || len == 4) {
            for (String ext : FILE_EXTENSIONS) {
                if (ext.length() == len && s.regionMatches(true, from, ext, 0, len)) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * A URL with a user and a password, {@code scheme://user:password@host…}, at the {@code @} at {@code j}: the
     * whole URL is a {@code URL} finding (or, with that type off, the password a {@code GENERIC_SECRET}). The scheme is
     * looked for backwards, at most 256 characters and never across a blank, a slash or a quote, and never again
     * over what the previous {@code @} already read, so that a run of {@code @} stays linear.
     *
     * @return the end of the URL when one was found, or -1
     */
    private static int urlWithCredentials(String s, int j, int n, long enabled, Work w) {
        if ((enabled & ((1L << Types.URL) | (1L << Types.GENERIC_SECRET))) == 0) {
            return NO;
        }
        int floor = Math.max(0, Math.max(j - 256, w.urlScanned(s)));
        w.urlScanned(s, j);
        int colon = -1;
        int k = j - 1;
        for (; k >= floor; k--) {
            char c = s.charAt(k);
            if (c == '/') {
                break;
            }
            if (c <= ' ' || c == '"' || c == '\'' || c == '<' || c == '>' || c == '`') {
                return NO;
            }
            if (c == ':' && colon < 0) {
                colon = k;
            }
        }
        // k is at the second slash of "://", the user starts after it
        if (k < 2 || s.charAt(k) != '/' || s.charAt(k - 1) != '/' || s.charAt(k - 2) != ':') {
            return NO;
        }
        int user = k + 1;
        colon = -1;
        for (int p = user; p < j; p++) {
            if (s.charAt(p) == ':') {
                colon = p;
                break;
            }
        }
        if (colon <= user || colon + 1 >= j) {
            return NO;
        }
        int scheme = k - 2;
        while (scheme > 0 && (Chars.alnum(s.charAt(scheme - 1)) || s.charAt(scheme - 1) == '+'
                || s.charAt(scheme - 1) == '.' || s.charAt(scheme - 1) == '-')) {
            scheme--;
        }
        if (k - 2 - scheme < 2 || !Chars.letter(s.charAt(scheme))) {
            return NO;
        }
        int end = j + 1;
        while (end < n) {
            char c = s.charAt(end);
            if (c <= ' ' || c >= 127 || c == '"' || c == '\'' || c == '<' || c == '>' || c == '`' || c == ')'
                    || c == ']' || c == '}' || c == '|') {
                break;
            }
            end++;
        }
        while (end > j + 1 && ".,;:!?".indexOf(s.charAt(end - 1)) >= 0) {
            end--;
        }
        if (end == j + 1 || !Chars.alnum(s.charAt(j + 1)) && s.charAt(j + 1) != '[') {
            return NO;
        }
        if ((enabled & (1L << Types.URL)) != 0) {
            w.add(scheme, end, Types.URL);
        } else {
            w.add(colon + 1, j, Types.GENERIC_SECRET);
        }
        return end;
    }

    // ------------------------------------------------------------------------------------------------ assignments

    /**
     * A secret assigned to a secret-sounding name at the {@code =} or {@code :} at {@code j}: {@code k=v},
     * {@code k: v}, {@code "k": "v"}, {@code k := v}, {@code k => v}, and HTTP headers such as
     * {@code Authorization: Bearer v}.
     */
    static void assignment(String s, int j, int n, Work w) {
        char op = s.charAt(j);
        char before = j > 0 ? s.charAt(j - 1) : ' ';
        char next = j + 1 < n ? s.charAt(j + 1) : ' ';
        if (op == ':' && (next == ':' || before == ':' || next == '/')) {
            return;
        }
        if (op == '=' && (next == '=' || before == '=' || before == '!' || before == '<' || before == '>')) {
            return;
        }
        int k = j - 1;
        if (op == '=' && before == ':') {
            k--;
        }
        int spaces = 0;
        while (k >= 0 && (s.charAt(k) == ' ' || s.charAt(k) == '\t') && spaces < 4) {
            k--;
            spaces++;
        }
        if (k >= 0 && (s.charAt(k) == '"' || s.charAt(k) == '\'')) {
            k--;
        }
        int keyEnd = k + 1;
        while (k >= 0 && keyEnd - k <= 64 && keyChar(s.charAt(k))) {
            k--;
        }
        int keyStart = k + 1;
        if (keyStart == keyEnd || keyEnd - keyStart > 64) {
            return;
        }
        int kind = keyKind(s, keyStart, keyEnd);
        if (kind == KIND_NONE) {
            return;
        }
        int v = j + 1;
        if ((op == '=' && next == '>') || (op == ':' && next == '=')) {
            v++;
        }
        value(s, v, n, kind, w);
    }

    /** A secret between {@code <password>} and its closing tag, at the {@code >} at {@code j}. */
    static void xmlElement(String s, int j, int n, Work w) {
        int k = j - 1;
        while (k >= 0 && keyChar(s.charAt(k))) {
            k--;
        }
        if (k < 0 || k == j - 1 || s.charAt(k) != '<' || j - k > 64) {
            return;
        }
        int kind = keyKind(s, k + 1, j);
        if (kind == KIND_NONE) {
            return;
        }
        int v = j + 1;
        int e = v;
        while (e < n && s.charAt(e) != '<' && e - v < MAX_VALUE) {
            e++;
        }
        if (e >= n || s.charAt(e) != '<' || !plausible(s, v, e, kind)) {
            return;
        }
        w.add(v, e, Types.GENERIC_SECRET);
    }

    private static void value(String s, int v, int n, int kind, Work w) {
        int spaces = 0;
        while (v < n && (s.charAt(v) == ' ' || s.charAt(v) == '\t') && spaces < 8) {
            v++;
            spaces++;
        }
        if (v >= n) {
            return;
        }
        char quote = s.charAt(v);
        int e;
        if (quote == '"' || quote == '\'' || quote == '`') {
            v++;
            e = v;
            while (e < n && !((s.charAt(e) == quote || s.charAt(e) == '\n') && w.asWritten(e)) && e - v < MAX_VALUE) {
                if (s.charAt(e) == '\\') {
                    e++;
                }
                e++;
            }
            if (e >= n || s.charAt(e) != quote) {
                return;
            }
        } else {
            if (kind == KIND_AUTHORIZATION || v < n) {
                for (String scheme : AUTH_SCHEMES) {
                    if (s.regionMatches(true, v, scheme, 0, scheme.length())) {
                        v += scheme.length();
                        break;
                    }
                }
            }
            e = w.valueEnd(s, v);
            if (e < 0) {
                // every start inside this run ends at the same terminator: measured once per run
                e = v;
                while (e < n && !(terminator(s, e) && w.asWritten(e))) {
                    e++;
                }
                w.valueEnd(s, v, e);
            }
            if (e - v > MAX_VALUE) {
                return;
            }
            if (e < n && s.charAt(e) == '(') {
                return; // a function call, not a literal
            }
            while (e > v && (s.charAt(e - 1) == '.' || s.charAt(e - 1) == ':')) {
                e--; // sentence punctuation
            }
        }
        if (quote == '"' || quote == '\'' || quote == '`') {
            // a quoted header value may still carry its scheme
            for (String scheme : AUTH_SCHEMES) {
                if (e - v > scheme.length() && s.regionMatches(true, v, scheme, 0, scheme.length())) {
                    v += scheme.length();
                    break;
                }
            }
        }
        if (plausible(s, v, e, kind)) {
            w.add(v, e, Types.GENERIC_SECRET);
        }
    }

    private static boolean terminator(String s, int e) {
        char c = s.charAt(e);
        if (c == '&') {
            // "&name=" starts the next query parameter; any other '&' belongs to the value
            int k = e + 1;
            while (k < s.length() && keyChar(s.charAt(k))) {
                k++;
            }
            return k > e + 1 && k < s.length() && s.charAt(k) == '=';
        }
        return c <= ' ' || c == ',' || c == ';' || c == '"' || c == '\'' || c == '<' || c == '>'
                || c == ')' || c == ']' || c == '}' || c == '`' || c == '(' || c == '\u00a0';
    }

    private static boolean keyChar(char c) {
        return c < 128 ? Chars.is(c, Chars.KEY) : Character.isLetter(c);
    }

    /**
     * Splits a key into segments at {@code _ - .} and lower-to-upper case changes and looks for a secret word.
     *
     * @return what kind of secret the key names, or {@link #KIND_NONE}
     */
    static int keyKind(String s, int from, int to) {
        if (!KEY_STEMS.foundIn(s, from, to)) {
            return KIND_NONE; // most keys ("region", "Note", "https") hold no secret word at all
        }
        int kind = KIND_NONE;
        int prevStart = -1;
        int prevEnd = -1;
        int p = from;
        while (p < to) {
            while (p < to && !Character.isLetterOrDigit(s.charAt(p))) {
                p++;
            }
            int q = p;
            while (q < to && Character.isLetterOrDigit(s.charAt(q))) {
                if (q > p && Character.isUpperCase(s.charAt(q)) && Character.isLowerCase(s.charAt(q - 1))) {
                    break;
                }
                q++;
            }
            if (q == p) {
                break;
            }
            if (kind != KIND_NONE) {
                // a word after the secret word: "token_count" describes, "token" holds
                return oneOf(s, p, q, NOT_SECRET_SUFFIX) ? KIND_NONE : kind;
            }
            if (oneOf(s, p, q, PASSWORD_WORDS)) {
                kind = KIND_PASSWORD;
            } else if (regionIs(s, p, q, "authorization")) {
                kind = KIND_AUTHORIZATION;
            } else if (oneOf(s, p, q, SECRET_WORDS)) {
                kind = KIND_SECRET;
            } else if (regionIs(s, p, q, "key") && prevStart >= 0 && oneOf(s, prevStart, prevEnd, KEY_QUALIFIERS)) {
                kind = KIND_SECRET;
            }
            prevStart = p;
            prevEnd = q;
            p = q;
        }
        return kind;
    }

    private static boolean oneOf(String s, int from, int to, String[] words) {
        for (String word : words) {
            if (regionIs(s, from, to, word)) {
                return true;
            }
        }
        return false;
    }

    private static boolean regionIs(String s, int from, int to, String word) {
        return to - from == word.length() && s.regionMatches(true, from, word, 0, word.length());
    }

    /**
     * Whether a value assigned to a secret name is a real secret: long enough, not a reference ({@code ${VAR}},
     * {@code %s}), not a placeholder ({@code your-api-key-here}, {@code <KEY>}, {@code xxxx}), not a plain word or
     * identifier, and with enough entropy.
     */
    static boolean plausible(String s, int from, int to, int kind) {
        int len = to - from;
        int min = kind == KIND_PASSWORD ? 6 : 8;
        if (len < min) {
            return false;
        }
        char c0 = s.charAt(from);
        if (c0 == '$' && from + 1 < to && (Character.isLetter(s.charAt(from + 1)) || s.charAt(from + 1) == '_'
                || s.charAt(from + 1) == '{' || s.charAt(from + 1) == '(')) {
            return false;
        }
        if (c0 == '<' || c0 == '{' || c0 == '[' || c0 == '#' && from + 1 < to && s.charAt(from + 1) == '{'
                || s.charAt(to - 1) == '>') {
            return false; // <your-password>, {secret}, [token], #{pwd}, my-<password>: markup, not a value
        }
        if (c0 == '%' && (len <= 3 || s.charAt(from + 1) == '(' || environmentReference(s, from, to))) {
            return false; // a format or environment reference: %s, %(password)s, %DB_PASSWORD%
        }
        if (PLACEHOLDERS.foundIn(s, from, to)) {
            return false;
        }
        for (String word : LITERAL_WORDS) {
            if (regionIs(s, from, to, word)) {
                return false;
            }
        }
        if (Validators.distinct(s, from, to) < 4) {
            return false;
        }
        boolean lower = false;
        boolean upper = false;
        boolean digit = false;
        boolean symbol = false;
        int spaces = 0;
        for (int p = from; p < to; p++) {
            char c = s.charAt(p);
            if (c >= 'a' && c <= 'z') {
                lower = true;
            } else if (c >= 'A' && c <= 'Z') {
                upper = true;
            } else if (c >= '0' && c <= '9') {
                digit = true;
            } else if (c == ' ') {
                spaces++;
            } else if (c != '-' && c != '_' && c != '.') {
                symbol = true;
            }
        }
        if (spaces > 1) {
            return false; // a sentence, not a secret
        }
        if (!digit && !symbol && hasDot(s, from, to)) {
            return false; // process.env.API_KEY, settings.secret: a reference, not a value
        }
        double entropy = Validators.entropy(s, from, to);
        if (!digit && !symbol) {
            // letters only: words and identifiers, unless mixed case and random; a password needs less
            if (kind == KIND_PASSWORD && lower && upper && len >= 8) {
                return !camelCase(s, from, to) && entropy >= 3.0;
            }
            return lower && upper && len >= 16 && entropy >= 3.5;
        }
        if (digit && !lower && !upper && !symbol) {
            return kind == KIND_PASSWORD ? len >= 6 && Validators.distinct(s, from, to) >= 3 : len >= 20;
        }
        return entropy >= 2.5;
    }

    /** Whether the value is a Windows environment reference, {@code %NAME%}. */
    private static boolean environmentReference(String s, int from, int to) {
        if (s.charAt(to - 1) != '%') {
            return false;
        }
        for (int p = from + 1; p < to - 1; p++) {
            char c = s.charAt(p);
            if (!(Chars.upper(c) || Chars.digit(c) || c == '_')) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether letters read as words joined in camel case ({@code getPassword}, {@code UserSecret}): every capital
     * followed by at least two small letters. Random mixed case ({@code NCMOUFtgfHCPKg}) has capitals in a row.
     */
    private static boolean camelCase(String s, int from, int to) {
        for (int p = from; p < to; p++) {
            if (Chars.upper(s.charAt(p))) {
                if (p + 2 >= to || !Character.isLowerCase(s.charAt(p + 1)) || !Character.isLowerCase(s.charAt(p + 2))) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Whether {@code s[from, to)} holds a {@code .}; reads no further than {@code to}. */
    private static boolean hasDot(String s, int from, int to) {
        for (int p = from; p < to; p++) {
            if (s.charAt(p) == '.') {
                return true;
            }
        }
        return false;
    }

    private static boolean indexOfIgnoreCase(String s, int from, int to, String word) {
        return Ascii.containsIgnoreCase(s, from, to, word);
    }

    // ------------------------------------------------------------------------------------------------ PEM

    /**
     * A PEM private key block at the {@code -} at {@code i}: from {@code -----BEGIN … PRIVATE KEY-----} to the
     * matching END line, or, when the END line is missing, to the end of the base64 body.
     */
    static int pem(String s, int i, int n, Work w) {
        if (!s.startsWith("-----BEGIN ", i)) {
            return NO;
        }
        int labelStart = i + 11;
        int labelEnd = -1;
        for (int p = labelStart; p < n && p - labelStart <= 48; p++) {
            if (s.startsWith("-----", p)) {
                labelEnd = p;
                break;
            }
        }
        if (labelEnd < 0) {
            return NO;
        }
        if (!(s.startsWith("PRIVATE KEY", labelEnd - 11) || s.startsWith("PRIVATE KEY BLOCK", labelEnd - 17))) {
            return NO;
        }
        int bodyStart = labelEnd + 5;
        int limit = (int) Math.min(n, (long) bodyStart + MAX_PEM);
        int end = w.pemEnd(s, bodyStart);
        if (end >= 0 && end < limit) {
            for (int p = end + 9; p < n && p - end < 64; p++) {
                if (s.startsWith("-----", p)) {
                    return p + 5;
                }
            }
            return end + 9;
        }
        // no END line: take the body lines that follow (base64, or "Name: value" headers), up to the first other
        int p = bodyStart;
        int last = bodyStart;
        while (p < limit) {
            int lineStart = p;
            int q = p;
            boolean header = false;
            while (q < limit) {
                char c = s.charAt(q);
                if (c == '\r' || c == '\n' || (c == '\\' && q + 1 < limit && (s.charAt(q + 1) == 'n'
                        || s.charAt(q + 1) == 'r'))) {
                    break;
                }
                if (c == ':') {
                    header = true;
                } else if (!(Chars.alnum(c) || c == '+' || c == '/' || c == '=' || (header && c >= ' '))) {
                    return last > bodyStart ? last : NO;
                }
                q++;
            }
            if (q > lineStart) {
                last = q;
            } else if (lineStart > bodyStart && last > bodyStart) {
                break; // an empty line after the body ends it
            }
            if (q >= limit) {
                break;
            }
            p = s.charAt(q) == '\\' ? q + 2 : q + 1;
        }
        return last;
    }
}
