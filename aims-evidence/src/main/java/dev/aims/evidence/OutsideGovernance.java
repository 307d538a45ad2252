package dev.aims.evidence;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aims.evidence.discover.Discovery;
import dev.aims.evidence.discover.UngovernedUse;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The report's section "AI use outside governance": the AI calls that trace exports show bypassing AIMS
 * ({@code aims discover}), and what they mean for the Annex A controls — the inventory and monitoring of AI systems
 * in operation (A.6.2.6) and their event logs (A.6.2.8), the data sent (A.7.5), and responsible and intended use
 * (A.9.2, A.9.4). Each ungoverned call contradicts all five; traces in which every AI call was governed support
 * A.6.2.6 and A.9.2. Without traces the section says that AI use outside governance was not looked for.
 */
final class OutsideGovernance {
    static final String NOT_CHECKED = "not checked";
    static final String NO_AI_CALLS = "no AI calls in traces";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String[][] CONTROLS = {
        {"A.6.2.6", "AI system operation and monitoring (inventory)"},
        {"A.6.2.8", "AI system recording of event logs"},
        {"A.7.5", "Data provenance"},
        {"A.9.2", "Processes for responsible use of AI systems"},
        {"A.9.4", "Intended use of the AI system"},
    };

    /** The discovery, or null when no traces were given. */
    private final Discovery found;
    /** Calls per ungoverned service, and the hosts each called, sorted by service. */
    private final Map<String, long[]> callsByService = new TreeMap<>();
    private final Map<String, Set<String>> hostsByService = new TreeMap<>();

    OutsideGovernance(Discovery found) {
        this.found = found;
        if (found != null) {
            for (UngovernedUse u : found.ungoverned()) {
                callsByService.computeIfAbsent(u.service(), k -> new long[1])[0] += u.calls();
                hostsByService.computeIfAbsent(u.service(), k -> new LinkedHashSet<>()).add(u.host());
            }
        }
    }

    /** @return whether traces show AI calls outside governance */
    boolean found() {
        return found != null && found.ungovernedCalls() > 0;
    }

    /** @return whether traces were given */
    boolean checked() {
        return found != null;
    }

    /** @return the AI calls the traces show outside governance; 0 without traces */
    long ungovernedCalls() {
        return found == null ? 0 : found.ungovernedCalls();
    }

    /** @return the ungoverned services, sorted */
    List<String> services() {
        return new ArrayList<>(callsByService.keySet());
    }

    /**
     * @return what the ungoverned calls contradict in the control, naming each ungoverned service; null when the
     *         traces show none or the control is not one of theirs
     */
    String contradiction(String control) {
        if (!found()) {
            return null;
        }
        String calls = ReportData.plural(found.ungovernedCalls(), "AI call") + " in the traces, by "
                + serviceList();
        switch (control) {
            case "A.6.2.6":
                return "AI use outside governance: " + calls + ", reached AI providers without AIMS: these AI"
                        + " systems are in operation but neither monitored nor in the governed inventory";
            case "A.6.2.8":
                return calls + ", left no entry in the evidence log";
            case "A.7.5":
                return "the data that " + calls + ", sent to AI providers was neither redacted nor traced";
            case "A.9.2":
                return "no policy decided " + calls;
            case "A.9.4":
                return calls + ", name no AI system or purpose: their use cannot be compared with the intended"
                        + " uses";
            default:
                return null;
        }
    }

    /** @return {@code checkout (3 calls), batch (1 call)} */
    private String serviceList() {
        List<String> parts = new ArrayList<>();
        callsByService.forEach((s, n) -> parts.add(s + " (" + ReportData.plural(n[0], "call") + ")"));
        return String.join(", ", parts);
    }

    ObjectNode toJson() {
        ObjectNode o = NODES.objectNode();
        o.put("title", "AI use outside governance");
        o.put("checked", found != null);
        if (found == null) {
            o.put("status", NOT_CHECKED);
            o.put("statusReason", "no trace exports were given (aims report --traces PATH…): AI calls that bypass"
                    + " AIMS were not looked for, so the report cannot show that it covers all AI use");
            return o;
        }
        long governed = found.governedCalls();
        long ungoverned = found.ungovernedCalls();
        long all = governed + ungoverned;
        String status = ungoverned > 0 ? ControlCheck.CONTRADICTED : all == 0 ? NO_AI_CALLS : ControlCheck.EVIDENCED;
        o.put("status", status);
        o.put("statusReason", ungoverned > 0 ? ReportData.plural(ungoverned, "AI call") + " of " + all + " in the"
                + " traces bypassed AIMS, by " + ReportData.plural(callsByService.size(), "service") + ": "
                + serviceList()
                : all == 0 ? "the traces show no call to a known AI endpoint and no AIMS governed call"
                : "every one of the " + ReportData.plural(all, "AI call") + " in the traces was governed by AIMS");
        ArrayNode files = o.putArray("traceFiles");
        for (Path p : found.files()) {
            files.add(p.toString());
        }
        o.put("spansRead", found.stats().spans());
        o.put("malformedLinesSkipped", found.stats().malformedLines());
        o.put("aiCalls", all);
        o.put("governedCalls", governed);
        o.put("ungovernedCalls", ungoverned);
        o.put("governedPercent", all == 0 ? 0 : Math.round(governed * 1000.0 / all) / 10.0);
        ArrayNode controls = o.putArray("controls");
        for (String[] c : CONTROLS) {
            ObjectNode n = controls.addObject();
            n.put("id", c[0]);
            n.put("title", c[1]);
            String why = contradiction(c[0]);
            if (why != null) {
                n.put("effect", ControlCheck.CONTRADICTED);
                n.put("why", why);
            } else if (all > 0 && (c[0].equals("A.6.2.6") || c[0].equals("A.9.2"))) {
                n.put("effect", "supported");
                n.put("why", c[0].equals("A.6.2.6") ? "every AI call the traces show went through AIMS: the"
                        + " monitoring covers the AI use the traces show" : "every AI call the traces show was"
                        + " decided by AIMS's policies");
            } else {
                n.put("effect", "no evidence");
                n.put("why", all == 0 ? "the traces show no AI call" : "the traces show no AI use outside"
                        + " governance that would contradict it");
            }
        }
        ArrayNode services = o.putArray("ungovernedServices");
        callsByService.forEach((s, n) -> {
            ObjectNode x = services.addObject();
            x.put("service", s);
            x.put("calls", n[0]);
            ArrayNode hosts = x.putArray("hosts");
            hostsByService.get(s).forEach(hosts::add);
        });
        ArrayNode list = o.putArray("ungoverned");
        for (UngovernedUse u : found.ungoverned()) {
            ObjectNode x = list.addObject();
            x.put("service", u.service());
            x.put("provider", u.provider());
            x.put("host", u.host());
            x.put("path", u.path());
            x.put("calls", u.calls());
            x.put("firstSeen", u.firstSeen() == null ? null : u.firstSeen().toString());
            x.put("lastSeen", u.lastSeen() == null ? null : u.lastSeen().toString());
            ArrayNode ids = x.putArray("traceIds");
            u.traceIds().forEach(ids::add);
        }
        return o;
    }
}
