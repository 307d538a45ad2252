package dev.aims.evidence.discover;

import dev.aims.evidence.internal.Glob;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The known AI endpoints: rules {@code provider host[:port] [path]} from the file shipped in the jar
 * ({@value #BUILT_IN}), after those of the user's own files. The first rule that matches a destination names its
 * provider; the provider {@value #NOT_AI} says that the destination is not AI use, so that a user can silence a
 * self-hosted path pattern for a service of their own.
 */
final class AiEndpoints {
    static final String BUILT_IN = "ai-endpoints.txt";
    static final String NOT_AI = "-";

    /** One rule; host and path are patterns, the port 0 when any. */
    private record Rule(String provider, String host, int port, String path) {
    }

    private final List<Rule> rules;

    private AiEndpoints(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** @return the rules shipped in the jar */
    static AiEndpoints builtIn() {
        try (InputStream in = AiEndpoints.class.getResourceAsStream(BUILT_IN)) {
            if (in == null) {
                throw new IllegalStateException(BUILT_IN + " is missing from the jar");
            }
            List<Rule> rules = new ArrayList<>();
            parse(in, BUILT_IN, rules);
            return new AiEndpoints(rules);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param file a rule file of the user's
     * @return these rules with the file's before them
     * @throws IOException              if the file cannot be read
     * @throws IllegalArgumentException if a line is not a rule, naming the file and line
     */
    AiEndpoints withFile(Path file) throws IOException {
        List<Rule> mine = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file)) {
            parse(in, file.toString(), mine);
        }
        mine.addAll(rules);
        return new AiEndpoints(mine);
    }

    private static void parse(InputStream in, String name, List<Rule> out) throws IOException {
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line;
        int n = 0;
        while ((line = r.readLine()) != null) {
            n++;
            String s = line.strip();
            if (s.isEmpty() || s.startsWith("#")) {
                continue;
            }
            String[] f = s.split("\\s+");
            if (f.length < 2 || f.length > 3) {
                throw new IllegalArgumentException(name + ":" + n + ": a rule is 'provider host[:port] [path]', but"
                        + " this line has " + f.length + (f.length == 1 ? " field" : " fields"));
            }
            String host = f[1].toLowerCase(Locale.ROOT);
            int port = 0;
            int colon = host.lastIndexOf(':');
            if (colon >= 0 && host.indexOf(']') < colon) {
                port = port(host.substring(colon + 1), name, n);
                host = host.substring(0, colon);
            }
            if (host.isEmpty()) {
                throw new IllegalArgumentException(name + ":" + n + ": host must not be empty");
            }
            String path = f.length == 3 ? f[2] : null;
            if (path != null && !path.startsWith("/") && !path.startsWith("*")) {
                throw new IllegalArgumentException(name + ":" + n + ": path must start with / or *");
            }
            out.add(new Rule(f[0], host, port, path));
        }
    }

    private static int port(String s, String name, int line) {
        try {
            int p = Integer.parseInt(s);
            if (p >= 1 && p <= 65535) {
                return p;
            }
        } catch (NumberFormatException e) {
            // named below
        }
        throw new IllegalArgumentException(name + ":" + line + ": port must be a number from 1 to 65535");
    }

    /**
     * @param host the destination host, lower case; empty when unknown
     * @param port the destination port; 0 when unknown
     * @param path the destination path without query; empty when unknown
     * @return the provider of the first rule that matches, {@value #NOT_AI} or null when none
     */
    String provider(String host, int port, String path) {
        for (Rule r : rules) {
            if ((r.port == 0 || r.port == port) && Glob.matches(r.host, host)
                    && (r.path == null || Glob.matches(r.path, path))) {
                return r.provider;
            }
        }
        return null;
    }

    int size() {
        return rules.size();
    }
}
