package dev.aims.redact.matrix;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * The ways a value is disguised, by accident or on purpose: invisible characters inside it, compatibility forms,
 * escapes of one of its characters, and the separators people type. Each returns the disguised value, or null when
 * it does not apply to that value.
 */
final class Evasions {
    /** An evasion: its name, whether it was held out, the types it applies to (all if empty), what it does. */
    record Evasion(String name, boolean heldOut, Set<String> types, BiFunction<String, Random, String> apply) {
        /** @return the disguised value, or null when this evasion does not apply to the type or the value */
        String apply(String type, String value, Random r) {
            return types.isEmpty() || types.contains(type) ? apply.apply(value, r) : null;
        }
    }

    private static final Set<String> CARD = Set.of("CREDIT_CARD");
    private static final Set<String> CARD_SSN = Set.of("CREDIT_CARD", "US_SSN");
    private static final Set<String> CARD_SSN_IBAN = Set.of("CREDIT_CARD", "US_SSN", "IBAN_CODE");

    static final List<Evasion> ALL = new ArrayList<>();

    static {
        dev("none", (v, r) -> v);
        dev("zeroWidthSpace", (v, r) -> insert(v, r, "\u200b"));
        dev("leftToRightMark", (v, r) -> insert(v, r, "\u200e"));
        dev("rightToLeftMark", (v, r) -> insert(v, r, "\u200f"));
        dev("bidiEmbedding", (v, r) -> insert(v, r, "\u202a\u202c"));
        dev("invisibleTimes", (v, r) -> insert(v, r, "\u2062"));
        dev("graphemeJoiner", (v, r) -> insert(v, r, "\u034f"));
        dev("mongolianVowelSeparator", (v, r) -> insert(v, r, "\u180e"));
        dev("variationSelector", (v, r) -> insert(v, r, "\ufe0f"));
        dev("softHyphen", (v, r) -> insert(v, r, "\u00ad"));
        dev("wordJoiner", (v, r) -> insert(v, r, "\u2060"));
        dev("tagCharacter", (v, r) -> insert(v, r, "\udb40\udc41"));
        dev("fullWidth", (v, r) -> fullWidth(v));
        dev("urlEscape", (v, r) -> escape(v, r, c -> String.format("%%%02X", (int) c)));
        dev("jsonEscape", (v, r) -> escape(v, r, c -> String.format("\\u%04x", (int) c)));
        dev("htmlDecimal", (v, r) -> escape(v, r, c -> "&#" + (int) c + ";"));
        dev("htmlHex", (v, r) -> escape(v, r, c -> "&#x" + Integer.toHexString(c) + ";"));
        dev("htmlNamed", (v, r) -> v.contains("@") ? v.replace("@", "&commat;")
                : v.contains(".") ? v.replaceFirst("\\.", "&period;") : null);
        dev("dotGroups", CARD_SSN, (v, r) -> regroup(v, "."));
        dev("slashGroups", CARD_SSN, (v, r) -> regroup(v, "/"));
        dev("tabGroups", CARD, (v, r) -> regroup(v, "\t"));
        dev("doubleSpaceGroups", CARD, (v, r) -> regroup(v, "  "));
        dev("spacedDashGroups", CARD_SSN, (v, r) -> regroup(v, " - "));
        dev("enDashGroups", CARD_SSN_IBAN, (v, r) -> regroup(v, "\u2013"));
        dev("spaceGroups", CARD_SSN, (v, r) -> regroup(v, " "));
        dev("dashGroups", Set.of("IBAN_CODE"), (v, r) -> regroup(v, "-"));
        dev("lowerCase", Set.of("IBAN_CODE"), (v, r) -> v.toLowerCase());
        held("invisibleSeparator", (v, r) -> insert(v, r, "\u2063"));
        held("hangulFiller", (v, r) -> insert(v, r, "\u3164"));
        held("noBreakSpaceGroups", CARD_SSN_IBAN, (v, r) -> regroup(v, "\u00a0"));
        held("mathematicalDigits", (v, r) -> mathDigits(v));
    }

    private Evasions() {
    }

    private static void dev(String name, BiFunction<String, Random, String> f) {
        ALL.add(new Evasion(name, false, Set.of(), f));
    }

    private static void dev(String name, Set<String> types, BiFunction<String, Random, String> f) {
        ALL.add(new Evasion(name, false, types, f));
    }

    private static void held(String name, BiFunction<String, Random, String> f) {
        ALL.add(new Evasion(name, true, Set.of(), f));
    }

    private static void held(String name, Set<String> types, BiFunction<String, Random, String> f) {
        ALL.add(new Evasion(name, true, types, f));
    }

    /** Inserts {@code what} between two letters or digits of the value, at a random place. */
    static String insert(String v, Random r, String what) {
        List<Integer> places = new ArrayList<>();
        for (int i = 1; i < v.length(); i++) {
            if (Character.isLetterOrDigit(v.charAt(i - 1)) && Character.isLetterOrDigit(v.charAt(i))) {
                places.add(i);
            }
        }
        if (places.isEmpty()) {
            return null;
        }
        int at = places.get(r.nextInt(places.size()));
        return v.substring(0, at) + what + v.substring(at);
    }

    /** Escapes one character of the value: its {@code @} if it has one, else a random letter, digit or symbol. */
    static String escape(String v, Random r, java.util.function.Function<Character, String> how) {
        int at = v.indexOf('@');
        if (at < 0) {
            List<Integer> places = new ArrayList<>();
            for (int i = 0; i < v.length(); i++) {
                char c = v.charAt(i);
                if (c > ' ' && c < 127) {
                    places.add(i);
                }
            }
            at = places.get(r.nextInt(places.size()));
        }
        return v.substring(0, at) + how.apply(v.charAt(at)) + v.substring(at + 1);
    }

    static String fullWidth(String v) {
        StringBuilder sb = new StringBuilder();
        for (char c : v.toCharArray()) {
            sb.append(c > ' ' && c < 127 ? (char) (c + 0xfee0) : c);
        }
        return sb.toString();
    }

    static String mathDigits(String v) {
        if (!v.matches(".*[0-9].*")) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        for (char c : v.toCharArray()) {
            if (c >= '0' && c <= '9') {
                sb.appendCodePoint(0x1d7ce + (c - '0')); // mathematical bold digits
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /**
     * Rewrites a number written in groups (a card, an SSN, an IBAN) with another separator; null for values that
     * are not grouped digits.
     */
    static String regroup(String v, String sep) {
        if (!v.matches("[0-9A-Za-z]+([ -][0-9A-Za-z]+)+")) {
            return null;
        }
        return v.replaceAll("[ -]", java.util.regex.Matcher.quoteReplacement(sep));
    }
}
