package dev.aims.redact.matrix;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Check digits computed from the public specifications, so that the matrix generates valid values instead of
 * copying them: Luhn, ISO 7064 mod 97-10 (IBAN), NHS mod 11, Base58Check, Bech32, Verhoeff and the national rules.
 */
final class Checksums {
    private static final String BASE58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    private static final String BECH32 = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";

    private Checksums() {
    }

    /** @return the digit that makes {@code digits} + it pass Luhn */
    static int luhnDigit(String digits) {
        int sum = 0;
        boolean dbl = true;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (dbl) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            dbl = !dbl;
        }
        return (10 - sum % 10) % 10;
    }

    /** @return the two IBAN check digits of a country code and BBAN */
    static String ibanCheck(String country, String bban) {
        String rearranged = bban + country + "00";
        StringBuilder digits = new StringBuilder();
        for (char c : rearranged.toCharArray()) {
            digits.append(Character.isDigit(c) ? String.valueOf(c) : String.valueOf(c - 'A' + 10));
        }
        int check = 98 - new BigInteger(digits.toString()).mod(BigInteger.valueOf(97)).intValue();
        return String.format("%02d", check);
    }

    /** @return the NHS check digit of nine digits, or -1 when none exists (remainder 10) */
    static int nhsDigit(String nine) {
        int sum = 0;
        for (int i = 0; i < 9; i++) {
            sum += (nine.charAt(i) - '0') * (10 - i);
        }
        int check = 11 - sum % 11;
        return check == 11 ? 0 : check == 10 ? -1 : check;
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return the Base58Check encoding of a version byte and a 20-byte payload */
    static String base58Check(int version, byte[] payload) {
        byte[] body = new byte[21];
        body[0] = (byte) version;
        System.arraycopy(payload, 0, body, 1, 20);
        byte[] check = sha256(sha256(body));
        byte[] full = new byte[25];
        System.arraycopy(body, 0, full, 0, 21);
        System.arraycopy(check, 0, full, 21, 4);
        BigInteger v = new BigInteger(1, full);
        StringBuilder sb = new StringBuilder();
        BigInteger b58 = BigInteger.valueOf(58);
        while (v.signum() > 0) {
            BigInteger[] qr = v.divideAndRemainder(b58);
            sb.append(BASE58.charAt(qr[1].intValue()));
            v = qr[0];
        }
        for (byte b : full) {
            if (b != 0) {
                break;
            }
            sb.append('1');
        }
        return sb.reverse().toString();
    }

    /** @return a Bech32 segwit v0 address with human-readable part {@code bc} for a 20-byte program */
    static String bech32(byte[] program) {
        int[] data = new int[1 + (program.length * 8 + 4) / 5];
        data[0] = 0;
        int acc = 0;
        int bits = 0;
        int k = 1;
        for (byte b : program) {
            acc = (acc << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                bits -= 5;
                data[k++] = (acc >> bits) & 31;
            }
        }
        if (bits > 0) {
            data[k++] = (acc << (5 - bits)) & 31;
        }
        int[] values = new int[5 + k + 6];
        values[0] = 'b' >> 5;
        values[1] = 'c' >> 5;
        values[2] = 0;
        values[3] = 'b' & 31;
        values[4] = 'c' & 31;
        System.arraycopy(data, 0, values, 5, k);
        long chk = polymod(values) ^ 1;
        StringBuilder sb = new StringBuilder("bc1");
        for (int i = 0; i < k; i++) {
            sb.append(BECH32.charAt(data[i]));
        }
        for (int i = 0; i < 6; i++) {
            sb.append(BECH32.charAt((int) ((chk >> (5 * (5 - i))) & 31)));
        }
        return sb.toString();
    }

    private static long polymod(int[] values) {
        long[] gen = {0x3b6a57b2L, 0x26508e6dL, 0x1ea119faL, 0x3d4233ddL, 0x2a1462b3L};
        long chk = 1;
        for (int v : values) {
            long top = chk >> 25;
            chk = ((chk & 0x1ffffff) << 5) ^ v;
            for (int i = 0; i < 5; i++) {
                if (((top >> i) & 1) != 0) {
                    chk ^= gen[i];
                }
            }
        }
        return chk;
    }

    private static final int[][] VERHOEFF_D = {
        {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, {1, 2, 3, 4, 0, 6, 7, 8, 9, 5}, {2, 3, 4, 0, 1, 7, 8, 9, 5, 6},
        {3, 4, 0, 1, 2, 8, 9, 5, 6, 7}, {4, 0, 1, 2, 3, 9, 5, 6, 7, 8}, {5, 9, 8, 7, 6, 0, 4, 3, 2, 1},
        {6, 5, 9, 8, 7, 1, 0, 4, 3, 2}, {7, 6, 5, 9, 8, 2, 1, 0, 4, 3}, {8, 7, 6, 5, 9, 3, 2, 1, 0, 4},
        {9, 8, 7, 6, 5, 4, 3, 2, 1, 0}};
    private static final int[][] VERHOEFF_P = {
        {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, {1, 5, 7, 6, 2, 8, 3, 0, 9, 4}, {5, 8, 0, 3, 7, 9, 6, 1, 4, 2},
        {8, 9, 1, 6, 0, 4, 3, 5, 2, 7}, {9, 4, 5, 3, 1, 2, 6, 8, 7, 0}, {4, 2, 8, 6, 5, 7, 3, 9, 0, 1},
        {2, 7, 9, 3, 8, 0, 6, 4, 1, 5}, {7, 0, 4, 6, 9, 1, 3, 2, 5, 8}};
    private static final int[] VERHOEFF_INV = {0, 4, 3, 2, 1, 5, 6, 7, 8, 9};

    /** @return the Verhoeff check digit of {@code digits} */
    static int verhoeffDigit(String digits) {
        int c = 0;
        for (int i = 0; i < digits.length(); i++) {
            int d = digits.charAt(digits.length() - 1 - i) - '0';
            c = VERHOEFF_D[c][VERHOEFF_P[(i + 1) % 8][d]];
        }
        return VERHOEFF_INV[c];
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
