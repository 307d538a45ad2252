package dev.aims.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/** Reads a PEM Ed25519 public key given on the command line. */
final class PemKeys {
    private static final String BEGIN = "-----BEGIN PUBLIC KEY-----";
    private static final String END = "-----END PUBLIC KEY-----";

    private PemKeys() {
    }

    /**
     * @throws IOException              if the file cannot be read
     * @throws IllegalArgumentException naming the file when it is not a PEM Ed25519 public key
     */
    static PublicKey readPublic(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.US_ASCII).trim();
        if (!text.startsWith(BEGIN) || !text.endsWith(END)) {
            throw new IllegalArgumentException(file + ": not a PEM public key (expected '" + BEGIN + "')");
        }
        try {
            byte[] der = Base64.getMimeDecoder().decode(text.substring(BEGIN.length(), text.length() - END.length()));
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw new IllegalArgumentException(file + ": not an Ed25519 public key", e);
        }
    }
}
