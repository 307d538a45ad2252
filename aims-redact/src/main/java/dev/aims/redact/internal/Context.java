package dev.aims.redact.internal;

/**
 * Words that, shortly before a number, say what it is. Used only to settle layouts that several types share (ten
 * bare digits, a spaced 3-3-4 number) and never to accept a value that fails its type's own rule.
 */
final class Context {
    /** How far back, in characters, a context word may stand. */
    private static final int WINDOW = 48;

    static final String[] PHONE = {"phone", "tel", "call", "mobile", "cell", "fax", "contact", "whatsapp", "sms",
        "dial", "ring", "handy", "telefon", "téléphone", "telefono", "teléfono", "móvil", "movil", "portable",
        "cellulare", "numéro", "rufnummer", "mobil", "appel", "llam", "chiam"};
    static final String[] NHS = {"nhs", "health service", "patient"};
    static final String[] SSN = {"ssn", "social security", "soc sec", "ss#", "ss #", "tax id"};

    private Context() {
    }

    /** @return whether one of {@code words} (lower case) occurs in the window before {@code start} */
    static boolean near(String s, int start, String[] words) {
        int from = Math.max(0, start - WINDOW);
        for (int i = from; i < start; i++) {
            char c = Character.toLowerCase(s.charAt(i));
            for (String word : words) {
                if (word.charAt(0) == c && i + word.length() <= start && s.regionMatches(true, i, word, 0,
                        word.length())) {
                    return true;
                }
            }
        }
        return false;
    }
}
