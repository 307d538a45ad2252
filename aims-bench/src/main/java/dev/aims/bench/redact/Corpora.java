package dev.aims.bench.redact;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;

/**
 * The real texts of the redactor benchmarks: public-domain prose (2.2 MB of the CIA World Factbook, see
 * {@code redact/prose/README.md}) and a mixed text of that prose interleaved with prompt-shaped texts full of
 * personal data and secrets ({@link PromptTexts}), a prompt after every paragraph: about a quarter of it prompts.
 */
public final class Corpora {
    private static volatile String prose;

    private Corpora() {
    }

    /** @return the prose corpus, one paragraph a line */
    public static String prose() {
        String p = prose;
        if (p == null) {
            try (InputStream in = new GZIPInputStream(Corpora.class.getResourceAsStream(
                    "/redact/prose/factbook-prose.txt.gz"))) {
                p = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the prose corpus", e);
            }
            prose = p;
        }
        return p;
    }

    /**
     * @param seed the seed of the prompt generator
     * @return the prose with a prompt-shaped text after every paragraph
     */
    public static String mixed(long seed) {
        PromptTexts prompts = new PromptTexts(seed);
        StringBuilder sb = new StringBuilder(prose().length() * 3 / 2);
        for (String line : prose().split("\n")) {
            sb.append(line).append('\n').append(prompts.next()).append('\n');
        }
        return sb.toString();
    }
}
