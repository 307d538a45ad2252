package dev.aims.evidence.discover;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The ungoverned AI calls, grouped by service, host and path as they are resolved. */
final class Findings {
    private static final class Group {
        final String service;
        final String provider;
        final String host;
        final String path;
        long calls;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        final Set<String> traceIds = new LinkedHashSet<>();

        Group(String service, String provider, String host, String path) {
            this.service = service;
            this.provider = provider;
            this.host = host;
            this.path = path;
        }
    }

    private record Key(String service, String host, String path) {
    }

    private final Map<Key, Group> groups = new HashMap<>();
    private long calls;

    void add(TraceTable.Call c) {
        calls++;
        String host = c.destination().hostLabel();
        String path = pathPattern(c.destination().path());
        Group g = groups.computeIfAbsent(new Key(c.service(), host, path),
                k -> new Group(c.service(), c.provider(), host, path));
        g.calls++;
        if (c.startNanos() > 0) {
            g.first = Math.min(g.first, c.startNanos());
            g.last = Math.max(g.last, c.startNanos());
        }
        if (g.traceIds.size() < TraceDiscovery.SAMPLE_TRACES) {
            g.traceIds.add(String.format("%016x%016x", c.traceHi(), c.traceLo()));
        }
    }

    long calls() {
        return calls;
    }

    /** @return the findings, most calls first, then by service, host and path */
    List<UngovernedUse> list() {
        List<UngovernedUse> out = new ArrayList<>();
        for (Group g : groups.values()) {
            out.add(new UngovernedUse(g.service, g.provider, g.host, g.path, g.calls, instant(g.first),
                    instant(g.last), new ArrayList<>(g.traceIds)));
        }
        out.sort(Comparator.comparingLong(UngovernedUse::calls).reversed()
                .thenComparing(UngovernedUse::service).thenComparing(UngovernedUse::host)
                .thenComparing(UngovernedUse::path));
        return out;
    }

    private static Instant instant(long nanos) {
        if (nanos == Long.MAX_VALUE || nanos == Long.MIN_VALUE) {
            return null;
        }
        return Instant.ofEpochSecond(nanos / 1_000_000_000L, nanos % 1_000_000_000L);
    }

    /**
     * @return the path with each segment that looks like a generated id — a UUID, or an optional word prefix
     *         ({@code resp_}, {@code file-}) and then 16 or more letters and digits, digits among them — as
     *         {@code {id}}, so that calls on one operation with a different object each are one finding
     */
    static String pathPattern(String path) {
        if (path.length() < 16) {
            return path;
        }
        StringBuilder b = null;
        int segStart = 0;
        for (int i = 0; i <= path.length(); i++) {
            if (i == path.length() || path.charAt(i) == '/') {
                if (i > segStart && generatedId(path, segStart, i)) {
                    if (b == null) {
                        b = new StringBuilder(path.length()).append(path, 0, segStart);
                    }
                    b.append("{id}");
                } else if (b != null) {
                    b.append(path, segStart, i);
                }
                if (b != null && i < path.length()) {
                    b.append('/');
                }
                segStart = i + 1;
            }
        }
        return b == null ? path : b.toString();
    }

    private static boolean generatedId(String s, int from, int to) {
        int i = from;
        int letters = 0;
        while (i < to && i - from < 12 && Character.isLetter(s.charAt(i))) {
            i++;
            letters++;
        }
        if (letters > 0 && i < to && (s.charAt(i) == '_' || s.charAt(i) == '-')) {
            i++; // a prefix such as resp_ or file-
        } else {
            i = from;
        }
        if (uuid(s, i, to)) {
            return true;
        }
        boolean digit = false;
        for (int j = i; j < to; j++) {
            char c = s.charAt(j);
            if (c >= '0' && c <= '9') {
                digit = true;
            } else if (!(c >= 'a' && c <= 'z') && !(c >= 'A' && c <= 'Z')) {
                return false;
            }
        }
        return digit && to - i >= 16;
    }

    private static boolean uuid(String s, int from, int to) {
        if (to - from != 36) {
            return false;
        }
        for (int j = 0; j < 36; j++) {
            char c = s.charAt(from + j);
            boolean dash = j == 8 || j == 13 || j == 18 || j == 23;
            if (dash ? c != '-' : Character.digit(c, 16) < 0) {
                return false;
            }
        }
        return true;
    }
}
