package dev.aims.cli;

import dev.aims.evidence.discover.Discovery;
import dev.aims.evidence.discover.UngovernedUse;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The text output of {@code aims discover}: a verdict line, a table of the ungoverned AI use, what was read. */
final class DiscoveryTable {
    /** Trace ids per row: two keep the table within a terminal's width; --format json gives up to five. */
    private static final int TRACES_SHOWN = 2;
    private static final String[] HEADER = {"service", "provider", "host", "path", "calls", "first seen",
        "last seen", "sample trace ids"};

    private DiscoveryTable() {
    }

    static void print(Discovery found, PrintWriter out) {
        long governed = found.governedCalls();
        long ungoverned = found.ungovernedCalls();
        long all = governed + ungoverned;
        if (ungoverned == 0) {
            out.println(all == 0 ? "No AI call found." : "No AI call outside governance: " + plural(governed,
                    "AI call") + ", all governed by AIMS.");
        } else {
            long services = found.ungoverned().stream().map(UngovernedUse::service).distinct().count();
            out.println("AI use outside governance: " + plural(ungoverned, "call") + " from " + plural(services,
                    "service") + " to AI endpoints without an AIMS span; " + governed + " of " + all
                    + " AI calls (" + percent(governed, all) + ") governed by AIMS.");
            out.println();
            List<String[]> rows = new ArrayList<>();
            rows.add(HEADER);
            for (UngovernedUse u : found.ungoverned()) {
                rows.add(new String[] {u.service(), u.provider(), u.host(), u.path(), Long.toString(u.calls()),
                    u.firstSeen() == null ? "-" : u.firstSeen().toString(),
                    u.lastSeen() == null ? "-" : u.lastSeen().toString(), sample(u.traceIds())});
            }
            table(rows, out);
        }
        Discovery.Stats s = found.stats();
        out.println();
        out.println("Read " + plural(found.files().size(), "file") + ", " + plural(s.lines(), "line") + ", "
                + plural(s.spans(), "span") + skipped(s) + ".");
    }

    /** @return the first {@value #TRACES_SHOWN} trace ids, and an ellipsis when --format json has more */
    private static String sample(List<String> ids) {
        return String.join(" ", ids.subList(0, Math.min(TRACES_SHOWN, ids.size())))
                + (ids.size() > TRACES_SHOWN ? " …" : "");
    }

    private static String skipped(Discovery.Stats s) {
        List<String> parts = new ArrayList<>();
        if (s.malformedLines() > 0) {
            parts.add(plural(s.malformedLines(), "malformed line") + " skipped");
        }
        if (s.skippedSpans() > 0) {
            parts.add(plural(s.skippedSpans(), "span") + " without valid ids skipped");
        }
        if (s.duplicateSpans() > 0) {
            parts.add(plural(s.duplicateSpans(), "span") + " read twice, counted once");
        }
        if (s.unreadable() > 0) {
            parts.add(plural(s.unreadable(), "file") + " not read to the end");
        }
        return parts.isEmpty() ? "" : "; " + String.join(", ", parts);
    }

    private static void table(List<String[]> rows, PrintWriter out) {
        int[] width = new int[HEADER.length];
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        for (String[] r : rows) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < r.length; i++) {
                b.append(r[i]);
                if (i < r.length - 1) {
                    b.append(" ".repeat(width[i] - r[i].length() + 2));
                }
            }
            out.println(b);
        }
    }

    private static String percent(long part, long whole) {
        return whole == 0 ? "0%" : Math.round(part * 1000.0 / whole) / 10.0 + "%";
    }

    static String plural(long n, String noun) {
        return String.format(Locale.ROOT, "%,d", n) + " " + noun + (n == 1 ? "" : "s");
    }
}
