package dev.aims.bench.redact;

import dev.aims.api.Finding;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The regex baseline as a command: reads a file a block of lines at a time, finds entities with
 * {@link RegexBaseline} and writes the text with each replaced by {@code <TYPE>}, as {@code aims redact} does. The
 * yardstick of the end-to-end comparison ({@code farm-bench --vs}).
 */
public final class RegexRedact {
    private static final int BLOCK = 1 << 20;

    private RegexRedact() {
    }

    /**
     * @param args the file
     * @throws IOException if it cannot be read
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: RegexRedact FILE");
            System.exit(2);
        }
        RegexBaseline baseline = new RegexBaseline();
        boolean found = false;
        try (Reader in = new BufferedReader(new InputStreamReader(Files.newInputStream(Path.of(args[0])),
                StandardCharsets.UTF_8), 1 << 16);
                PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8))) {
            char[] buf = new char[1 << 16];
            StringBuilder pending = new StringBuilder(BLOCK + buf.length);
            int n;
            while ((n = in.read(buf)) >= 0) {
                pending.append(buf, 0, n);
                if (pending.length() >= BLOCK) {
                    int cut = pending.lastIndexOf("\n") + 1;
                    if (cut > 0) {
                        found |= redact(baseline, pending.substring(0, cut), out);
                        pending.delete(0, cut);
                    }
                }
            }
            found |= redact(baseline, pending.toString(), out);
        }
        System.exit(found ? 1 : 0);
    }

    private static boolean redact(RegexBaseline baseline, String text, PrintWriter out) {
        List<Finding> findings = baseline.scan(text);
        int copied = 0;
        for (Finding f : findings) {
            out.append(text, copied, f.start()).append('<').append(f.type()).append('>');
            copied = f.end();
        }
        out.append(text, copied, text.length());
        return !findings.isEmpty();
    }
}
