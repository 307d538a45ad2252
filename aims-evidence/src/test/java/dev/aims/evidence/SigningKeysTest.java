package dev.aims.evidence;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.MessageDigest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SigningKeysTest {
    @TempDir
    Path dir;

    @Test
    void signaturesVerifyOnlyForTheSignedPayloadAndKey() {
        KeyPair keys = SigningKeys.generate();
        byte[] sig = SigningKeys.sign(keys.getPrivate(), "payload");
        assertThat(SigningKeys.verify(keys.getPublic(), "payload", sig)).isTrue();
        assertThat(SigningKeys.verify(keys.getPublic(), "payloaD", sig)).isFalse();
        assertThat(SigningKeys.verify(SigningKeys.generate().getPublic(), "payload", sig)).isFalse();
        assertThat(SigningKeys.verify(keys.getPublic(), "payload", new byte[3])).isFalse();
    }

    @Test
    void fingerprintIsTheSha256OfTheX509Encoding() throws Exception {
        KeyPair keys = SigningKeys.generate();
        assertThat(SigningKeys.fingerprint(keys.getPublic())).isEqualTo(Chain.hex(
                MessageDigest.getInstance("SHA-256").digest(keys.getPublic().getEncoded())));
    }

    @Test
    void generatesOnceAndLoadsTheSamePairAfterwards() throws IOException {
        Path file = dir.resolve("keys").resolve("evidence-signing.key");
        KeyPair first = SigningKeys.loadOrCreate(file);
        KeyPair second = SigningKeys.loadOrCreate(file);
        assertThat(second.getPublic()).isEqualTo(first.getPublic());
        assertThat(second.getPrivate().getEncoded()).isEqualTo(first.getPrivate().getEncoded());
        assertThat(SigningKeys.publicKeys(file.getParent()))
                .containsOnlyKeys(SigningKeys.fingerprint(first.getPublic()));
        assertThat(file.resolveSibling("evidence-signing.pub")).exists();
    }

    @Test
    void namesThePublicKeyFileAfterThePrivateOne() {
        assertThat(SigningKeys.publicFileOf(Path.of("k", "a.key"))).isEqualTo(Path.of("k", "a.pub"));
        assertThat(SigningKeys.publicFileOf(Path.of("k", "a.pem"))).isEqualTo(Path.of("k", "a.pem.pub"));
    }

    @Test
    void publishesASuppliedPublicKeyOnce() throws IOException {
        KeyPair keys = SigningKeys.generate();
        SigningKeys.publish(dir, keys.getPublic());
        SigningKeys.publish(dir, keys.getPublic());
        String fp = SigningKeys.fingerprint(keys.getPublic());
        assertThat(dir.resolve("signing-" + fp.substring(0, 16) + ".pub")).exists();
        assertThat(SigningKeys.publicKeys(dir)).containsOnlyKeys(fp);
    }

    @Test
    void refusesAPublicKeyFileThatIsNotPem() throws IOException {
        Files.writeString(dir.resolve("junk.pub"), "not a key");
        assertThatThrownBy(() -> SigningKeys.publicKeys(dir)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(dir.resolve("junk.pub") + " must be a PEM file starting with '-----BEGIN PUBLIC KEY-----'");
    }

    @Test
    void refusesAPairWhoseHalvesDoNotMatch() {
        KeyPair mixed = new KeyPair(SigningKeys.generate().getPublic(), SigningKeys.generate().getPrivate());
        assertThatThrownBy(() -> SigningKeys.requireUsable(mixed)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("signingKeys: the public key does not match the private key");
    }

    @Test
    void refusesAPrivateKeyWithoutItsPublicKey() throws IOException {
        Path file = dir.resolve("signing-key.pem");
        SigningKeys.loadOrCreate(file);
        Files.delete(dir.resolve("signing-key.pem.pub"));
        assertThatThrownBy(() -> SigningKeys.loadOrCreate(file)).isInstanceOf(IllegalStateException.class)
                .hasMessage("signing key " + file + " has no public key beside it (signing-key.pem.pub); restore it,"
                        + " or remove the private key to start a new one");
    }
}
