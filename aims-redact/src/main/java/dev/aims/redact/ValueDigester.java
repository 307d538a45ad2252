package dev.aims.redact;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Makes the keyed digests by which the evidence counts distinct values ({@link dev.aims.api.ValueDigests}): an
 * HMAC-SHA-256 of the value, first 16 bytes in hex, under a key derived from the redactor's hash key. Deriving keeps
 * one key for the user to manage while the digests in the log never equal the {@code HASH} operator's output sent to
 * the provider. The key id is the derived key's HMAC of a constant: it tells digests made under different keys apart
 * and reveals nothing of the key. Immutable; each session takes its own {@link Mac} from {@link #mac()}.
 *
 * <p>What is digested is the value as the scan reads it (escapes decoded, full-width forms folded), then without
 * white space or JSON's escapes of it, so that a key sent once in a message and once inside a JSON tool argument is
 * one value; numbers written with separators (cards, phones, IBANs, SSNs …) without their separators and in upper
 * case, and e-mail addresses in lower case, so that one card written two ways is one value too.
 */
final class ValueDigester {
    private static final String ALGORITHM = "HmacSHA256";
    private static final byte[] DIGEST_KEY_LABEL = "aims value digest key v1".getBytes(StandardCharsets.UTF_8);
    private static final byte[] KEY_ID_LABEL = "aims value digest key id v1".getBytes(StandardCharsets.UTF_8);
    private static final int DIGEST_BYTES = 16;
    private static final int KEY_ID_BYTES = 8;
    /** Types whose values are numbers or codes that people write with or without separators. */
    private static final Set<String> SEPARATED = Set.of(EntityTypes.CREDIT_CARD, EntityTypes.PHONE_NUMBER,
            EntityTypes.IBAN_CODE, EntityTypes.US_SSN, EntityTypes.UK_NHS, EntityTypes.MAC_ADDRESS,
            EntityTypes.US_ITIN, EntityTypes.UK_NINO, EntityTypes.IN_AADHAAR, EntityTypes.AU_TFN, EntityTypes.AU_ABN,
            EntityTypes.AU_MEDICARE);

    private final Mac prototype;
    private final String keyId;

    ValueDigester(byte[] hashKey) {
        try {
            Mac derive = Mac.getInstance(ALGORITHM);
            derive.init(new SecretKeySpec(hashKey, ALGORITHM));
            byte[] digestKey = derive.doFinal(DIGEST_KEY_LABEL);
            this.prototype = Mac.getInstance(ALGORITHM);
            prototype.init(new SecretKeySpec(digestKey, ALGORITHM));
            Mac id = Mac.getInstance(ALGORITHM);
            id.init(new SecretKeySpec(digestKey, ALGORITHM));
            this.keyId = HexFormat.of().formatHex(id.doFinal(KEY_ID_LABEL), 0, KEY_ID_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required by every JDK", e);
        }
    }

    /** @return the id of the digest key, 16 hex digits */
    String keyId() {
        return keyId;
    }

    /** @return a MAC under the digest key for one session's use; the prototype itself is never updated */
    Mac mac() {
        try {
            return (Mac) prototype.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the JDK's HmacSHA256 is cloneable", e);
        }
    }

    /** @return the digest of a value of a type, as the scan read it (folded), with {@code mac} from {@link #mac()} */
    static String digest(Mac mac, String type, String folded) {
        byte[] h = mac.doFinal(canonical(type, folded).getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(h, 0, DIGEST_BYTES);
    }

    /** @return the form of a value that its spellings share; see the class comment */
    static String canonical(String type, String folded) {
        boolean separated = SEPARATED.contains(type);
        StringBuilder sb = new StringBuilder(folded.length());
        for (int k = 0; k < folded.length(); k++) {
            char c = folded.charAt(k);
            if (c == '\\' && k + 1 < folded.length() && "nrt".indexOf(folded.charAt(k + 1)) >= 0) {
                k++;
            } else if (Character.isWhitespace(c)) {
                continue;
            } else if (!separated || Character.isLetterOrDigit(c) || c == '+') {
                sb.append(c);
            }
        }
        String s = sb.toString();
        return separated ? s.toUpperCase(Locale.ROOT)
                : EntityTypes.EMAIL_ADDRESS.equals(type) ? s.toLowerCase(Locale.ROOT) : s;
    }

}
