package dev.aims.evidence;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import static org.assertj.core.api.Assertions.assertThat;

class ChainTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void hashesThePreviousHashFollowedByTheCanonicalEntryWithoutItsHash() throws Exception {
        ObjectNode e = Entries.entry(1, "2025-03-01T09:00:00Z", Entries.OPEN);
        e.putObject(Entries.OPEN).put("instance", "node-a");
        Chain.Sealed sealed = Chain.seal(e, Entries.GENESIS, Chain.sha256());
        String withoutHash = "{\"open\":{\"instance\":\"node-a\"},\"prev\":\"" + Entries.GENESIS
                + "\",\"seq\":1,\"ts\":\"2025-03-01T09:00:00Z\",\"type\":\"open\"}";
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        String expected = Chain.hex(sha.digest((Entries.GENESIS + withoutHash).getBytes(StandardCharsets.UTF_8)));
        assertThat(sealed.hash()).isEqualTo(expected);
        assertThat(sealed.line()).isEqualTo("{\"hash\":\"" + expected + "\"," + withoutHash.substring(1));
        assertThat(Canonical.of(JSON.readTree(sealed.line()))).isEqualTo(sealed.line());
    }

    @Test
    void sealsACallLineExactlyAsTheTreePathWould() throws Exception {
        StringBuilder body = new StringBuilder();
        Entries.callBody(TestRecords.allowed(3), null, body);
        String prev = "ab".repeat(32);
        Chain.Sealed fast = Chain.sealCall(42, "2025-03-01T09:00:00.037Z", body.toString(), prev, Chain.sha256(),
                new StringBuilder());
        ObjectNode tree = Entries.entry(42, "2025-03-01T09:00:00.037Z", Entries.CALL);
        tree.set(Entries.CALL, JSON.readTree(body.toString()));
        Chain.Sealed slow = Chain.seal(tree, prev, Chain.sha256());
        assertThat(fast).isEqualTo(slow);
        assertThat(new EntryParser().check(fast.line()).ok()).isTrue();
    }

    @Test
    void differsWhenThePreviousHashDiffers() {
        ObjectNode a = Entries.entry(2, "2025-03-01T09:00:00Z", Entries.OPEN);
        a.putObject(Entries.OPEN);
        ObjectNode b = a.deepCopy();
        String one = Chain.seal(a, Entries.GENESIS, Chain.sha256()).hash();
        String two = Chain.seal(b, "1".repeat(64), Chain.sha256()).hash();
        assertThat(one).isNotEqualTo(two);
    }
}
