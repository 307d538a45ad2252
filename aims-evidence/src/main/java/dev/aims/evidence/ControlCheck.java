package dev.aims.evidence;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

/**
 * The verdict on one Annex A control. A control reads {@value #EVIDENCED} only when the evidence for it is present;
 * otherwise each missing or contrary piece is a gap with its reason, and the worst gap sets the status:
 * {@value #CONTRADICTED} (the evidence shows the control was not met), {@value #NOT_EVIDENCED} (what it needs is
 * absent) or {@value #PARTLY} (present, with holes). A broken chain overrides everything; a period without calls
 * reads {@value #NO_CALLS} unless the evidence contradicts the control.
 */
final class ControlCheck {
    static final String EVIDENCED = "evidenced";
    static final String PARTLY = "partly evidenced";
    static final String NOT_EVIDENCED = "not evidenced";
    static final String CONTRADICTED = "contradicted";
    static final String NOT_INTACT = "evidence not intact";
    static final String NO_CALLS = "no calls in period";

    private static final List<String> RANK = List.of(PARTLY, NOT_EVIDENCED, CONTRADICTED);

    private final String control;
    private final List<String[]> gaps = new ArrayList<>();
    private String shows = "";

    ControlCheck(String control) {
        this.control = control;
    }

    /** Adds a gap of the given level when the condition holds. */
    ControlCheck gapIf(boolean condition, String level, String why) {
        if (condition) {
            gaps.add(new String[] {level, why});
        }
        return this;
    }

    /** What the evidence shows when the control is evidenced. */
    ControlCheck shows(String what) {
        shows = what;
        return this;
    }

    String status(boolean intact, long calls) {
        if (!intact) {
            return NOT_INTACT;
        }
        String worst = worst();
        if (calls == 0 && !CONTRADICTED.equals(worst)) {
            return NO_CALLS;
        }
        return worst == null ? EVIDENCED : worst;
    }

    String reason(boolean intact, long calls) {
        String status = status(intact, calls);
        switch (status) {
            case NOT_INTACT:
                return "the evidence chain is broken: the figures are not reliable until the fault is explained";
            case NO_CALLS:
                return "no governed call in the period";
            case EVIDENCED:
                return shows;
            default:
                List<String> why = new ArrayList<>();
                for (String[] g : gaps) {
                    why.add(g[1]);
                }
                return String.join("; ", why);
        }
    }

    /** Adds this control's gaps, one entry each, to the report's gap list. */
    void addGaps(ArrayNode out, boolean intact, long calls) {
        String status = status(intact, calls);
        if (NOT_INTACT.equals(status) || NO_CALLS.equals(status)) {
            return;
        }
        for (String[] g : gaps) {
            ObjectNode o = out.addObject();
            o.put("control", control);
            o.put("level", g[0]);
            o.put("gap", g[1]);
        }
    }

    private String worst() {
        String worst = null;
        for (String[] g : gaps) {
            if (worst == null || RANK.indexOf(g[0]) > RANK.indexOf(worst)) {
                worst = g[0];
            }
        }
        return worst;
    }
}
