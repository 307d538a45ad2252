package dev.aims.redact.internal;

/**
 * Words that, shortly before a number, say what it is. Used only to settle layouts that several types share (ten
 * bare digits, a spaced 3-3-4 number) and never to accept a value that fails its type's own rule.
 */
final class Context {
    /** How far back, in characters, a context word may stand. */
    private static final int WINDOW = 48;

    static final Ascii.WordSet PHONE = new Ascii.WordSet(new String[] {"phone", "tel", "call", "mobile", "cell",
        "fax", "contact", "whatsapp", "sms", "dial", "ring", "handy", "telefon", "téléphone", "telefono",
        "teléfono", "móvil", "movil", "portable",
        "cellulare", "numéro", "rufnummer", "mobil", "appel", "llam", "chiam"});
    static final Ascii.WordSet NHS = new Ascii.WordSet(new String[] {"nhs", "health service", "patient"});
    static final Ascii.WordSet SSN = new Ascii.WordSet(new String[] {"ssn", "social security", "soc sec", "ss#",
        "ss #", "tax id"});

    private Context() {
    }

    /** @return whether one of {@code words} (lower case) occurs in the window before {@code start} */
    static boolean near(String s, int start, Ascii.WordSet words) {
        return words.foundIn(s, Math.max(0, start - WINDOW), start);
    }
}
