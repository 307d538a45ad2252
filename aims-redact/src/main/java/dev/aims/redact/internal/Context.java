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

    static final Ascii.WordSet BANK = new Ascii.WordSet(new String[] {"account", "acct", "bank", "checking",
        "savings", "a/c", "konto", "compte", "cuenta"});
    static final Ascii.WordSet DRIVER = new Ascii.WordSet(new String[] {"driver", "licence", "license", "dl#",
        "dl ", "dl:", "dl no", "driving"});
    static final Ascii.WordSet PASSPORT = new Ascii.WordSet(new String[] {"passport", "reisepass", "passeport",
        "pasaporte", "passaporto"});
    static final Ascii.WordSet ITIN = new Ascii.WordSet(new String[] {"itin", "taxpayer", "tax id"});
    static final Ascii.WordSet TFN = new Ascii.WordSet(new String[] {"tfn", "tax file"});
    static final Ascii.WordSet ABN = new Ascii.WordSet(new String[] {"abn", "business number"});
    static final Ascii.WordSet MEDICARE = new Ascii.WordSet(new String[] {"medicare"});
    static final Ascii.WordSet PESEL = new Ascii.WordSet(new String[] {"pesel"});
    static final Ascii.WordSet AADHAAR = new Ascii.WordSet(new String[] {"aadhaar", "aadhar", "uidai", "uid"});

    private Context() {
    }

    /**
     * @return how far before {@code start} the nearest of {@code words} ends, or {@link Integer#MAX_VALUE} when none
     *     is in the window
     */
    static int distance(String s, int start, Ascii.WordSet words) {
        int end = words.lastEnd(s, Math.max(0, start - WINDOW), start);
        return end < 0 ? Integer.MAX_VALUE : start - end;
    }

    /** @return whether one of {@code words} (lower case) occurs in the window before {@code start} */
    static boolean near(String s, int start, Ascii.WordSet words) {
        return words.foundIn(s, Math.max(0, start - WINDOW), start);
    }
}
