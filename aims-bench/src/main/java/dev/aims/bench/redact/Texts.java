package dev.aims.bench.redact;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The three kinds of input of the redactor benchmarks, cut to a given size: public-domain prose ({@link Corpora}),
 * the development corpus, and PII-dense lines.
 */
final class Texts {
    /** Short lines full of entities of every type. */
    private static final String DENSE = String.join("\n",
            "Contact jane.doe@example.com or +44 20 7946 0958, card 4104 3321 8196 0018, ssn 536-56-1584.",
            "IBAN DE64 9136 1939 9091 6998 54 from 10.0.0.1 (2001:db8::8a2e:370:7334) mac 00:1A:2B:3C:4D:5E.",
            "NHS 594 013 9906, pay 1GbiioFnw6ZUfKw3tHEsTXg4VB8bDz69rR, key AKIA5RBQQ24IRDDAZ7Y2, call (415) 555-2671.",
            "token ghp_59Jm1sTZnsKMRBRM5q1lzuaxzh0WcUplYl1r and 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",
            "xoxb-94406422255-211611561799-DXyQGZ0s6jjH0g8qbDzZOTVY AIzaYXz_JUtHJwkURsHGGSXJ7btqGCzjz2Er6Yz "
                    + "password=Tr0ub4dor&3x",
            "rk_live_LdnESFiagbqZkv53PNNh8fO3ZfOgPbdPcs bc1qc9l6quwzp56yfrppa4yhpcdj0s0s07dp0a2pce "
                    + "bob@mail.example.org");

    private Texts() {
    }

    /**
     * @param kind "prose", "corpus" or "dense"
     * @param size the length in characters
     * @return a text of that kind and length
     */
    static String of(String kind, int size) {
        String source;
        switch (kind) {
            case "prose":
                // real, varied prose: the first characters of the public-domain corpus, never one paragraph repeated
                source = Corpora.prose();
                break;
            case "corpus":
                source = corpus();
                break;
            case "dense":
                source = DENSE;
                break;
            default:
                throw new IllegalArgumentException("kind must be prose, corpus or dense, but was '" + kind + "'");
        }
        StringBuilder sb = new StringBuilder(size + source.length());
        while (sb.length() < size) {
            sb.append(source).append('\n');
        }
        return sb.substring(0, size);
    }

    /** @return the texts of the development corpus, one a line */
    static String corpus() {
        ObjectMapper json = new ObjectMapper();
        StringBuilder sb = new StringBuilder();
        try (InputStream in = Texts.class.getResourceAsStream("/redact/pii-dev.jsonl");
                BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                JsonNode node = json.readTree(line);
                sb.append(node.get("text").asText()).append('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sb.toString();
    }
}
