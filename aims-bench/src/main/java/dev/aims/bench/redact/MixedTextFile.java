package dev.aims.bench.redact;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a file of mixed text ({@link Corpora#mixed}) of at least the given size, a new seed for the prompts each
 * time the prose comes round again: the input of the end-to-end comparison of {@code aims redact} with
 * {@link RegexRedact}.
 */
public final class MixedTextFile {
    private MixedTextFile() {
    }

    /**
     * @param args the file to write and its size in megabytes
     * @throws IOException if it cannot be written
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: MixedTextFile FILE MEGABYTES");
            System.exit(2);
        }
        long target = Long.parseLong(args[1]) * 1_000_000L;
        long written = 0;
        try (BufferedWriter out = Files.newBufferedWriter(Path.of(args[0]), StandardCharsets.UTF_8)) {
            for (long seed = 1; written < target; seed++) {
                String text = Corpora.mixed(seed);
                out.write(text);
                written += text.length();
            }
        }
        System.out.println(args[0] + ": " + written + " characters");
    }
}
