package dev.aims.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PemKeysTest {
    @TempDir
    Path dir;

    @Test
    void readsAPemEd25519PublicKey() throws Exception {
        PublicKey key = KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic();
        Path f = Files.writeString(dir.resolve("k.pub"), "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(key.getEncoded()) + "\n-----END PUBLIC KEY-----\n");
        assertThat(PemKeys.readPublic(f)).isEqualTo(key);
    }

    @Test
    void refusesAnRsaKeyNamingTheFile() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(1024);
        Path f = Files.writeString(dir.resolve("rsa.pub"), "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(rsa.generateKeyPair().getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n");
        assertThatThrownBy(() -> PemKeys.readPublic(f)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(f + ": not an Ed25519 public key");
    }

    @Test
    void refusesAFileThatIsNotPem() throws Exception {
        Path f = Files.writeString(dir.resolve("x.pub"), "ssh-ed25519 AAAA");
        assertThatThrownBy(() -> PemKeys.readPublic(f)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(f + ": not a PEM public key (expected '-----BEGIN PUBLIC KEY-----')");
    }
}
