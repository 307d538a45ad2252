package dev.aims.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aims.evidence.discover.Discovery;
import dev.aims.evidence.discover.TraceDiscovery;
import dev.aims.evidence.discover.UngovernedUse;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code aims discover PATH… [--format text|json] [--hosts FILE]… [--window SPANS]}: finds the AI calls in
 * OpenTelemetry trace exports that no AIMS span governed (see {@link TraceDiscovery}). Exit 0 when every AI call found
 * was governed, 1 when ungoverned AI use was found, 2 on wrong usage. A malformed line is reported on stderr with
 * its file and line and skipped. On a terminal, progress goes to stderr.
 *
 * <p>The JSON output is a contract: {@code {"governed": N, "ungoverned": [{"service", "host", "path", "calls",
 * "firstSeen", "lastSeen", "traceIds": [..]}]}}.
 */
@Command(name = "discover", mixinStandardHelpOptions = true,
        description = {"Find AI calls that bypass governance in OpenTelemetry trace exports: HTTP and gRPC client"
                + " spans to a known AI endpoint, and GenAI client spans (gen_ai.operation.name and provider), with"
                + " no AIMS governed span among their ancestors.",
            "Reads OTLP JSON lines as the Collector's file exporter writes them (and aims demo's spans.jsonl):"
                + " files, or directories of *.json, *.jsonl, *.ndjson; gzip too.",
            "Exit 0 when every AI call found was governed, 1 when ungoverned AI use was found, 2 on wrong usage."
                + " A malformed line is reported as FILE:LINE on stderr and skipped.",
            "",
            "--format json prints, as a contract:",
            "  {\"governed\": N,",
            "   \"ungoverned\": [{\"service\": S, \"host\": H, \"path\": P, \"calls\": N,",
            "                   \"firstSeen\": T, \"lastSeen\": T, \"traceIds\": [ID, ...]}]}",
            "governed: AI calls AIMS governed (their spans carry aims.call.id);"
                + " ungoverned: one entry per service, host and path, most calls first; service: the caller's"
                + " service.name; host: with its port when not 80 or 443; path: without query string;"
                + " firstSeen, lastSeen: ISO-8601 instants of the calls' starts (null when unknown); traceIds: up"
                + " to 5, hex.",
            ""})
final class DiscoverCommand implements Callable<Integer> {
    /** Problems printed per file before the rest are only counted. */
    static final int PROBLEMS_SHOWN = 20;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "PATH",
            description = "Trace files (OTLP JSON lines, gzip or not) or directories of them.")
    private List<Path> paths;

    @Option(names = "--format", paramLabel = "text|json", defaultValue = "text",
            description = "Output: a table (text, default) or the JSON contract above (json).")
    private String format;

    @Option(names = "--hosts", paramLabel = "FILE", description = "More known AI endpoints (repeatable), tried"
            + " before the built-in ones: one rule a line, 'provider host[:port] [path]', * any characters, #"
            + " comments; provider '-' marks a destination as not AI.")
    private List<Path> hosts = new ArrayList<>();

    @Option(names = "--window", paramLabel = "SPANS", description = "Close a trace once this many spans of other"
            + " traces were read after its last one (default ${DEFAULT-VALUE}); its AI calls with ancestors not"
            + " seen by then count as ungoverned. Bounds memory.", defaultValue = "" + TraceDiscovery.DEFAULT_WINDOW)
    private long window;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!"text".equals(format) && !"json".equals(format)) {
            err.println("aims discover: --format must be text or json, but was " + format);
            return AimsCommand.EXIT_USAGE;
        }
        Discovery found;
        ScanProgress listener = new ScanProgress("aims discover", err, Terminal.attached());
        try {
            TraceDiscovery discovery = TraceDiscovery.builder().hosts(hosts).window(window).build();
            found = discovery.scan(paths, listener);
        } catch (IllegalArgumentException | IllegalStateException e) {
            listener.done();
            err.println("aims discover: " + e.getMessage());
            return AimsCommand.EXIT_USAGE;
        } catch (IOException e) {
            listener.done();
            err.println("aims discover: " + e);
            return AimsCommand.EXIT_USAGE;
        }
        listener.done();
        if ("json".equals(format)) {
            out.println(json(found));
        } else {
            DiscoveryTable.print(found, out);
        }
        out.flush();
        return found.ungoverned().isEmpty() ? 0 : AimsCommand.EXIT_BAD;
    }

    /** @return the JSON contract: {@code {"governed", "ungoverned": [{"service", "host", "path", "calls", …}]}} */
    static String json(Discovery found) {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        root.put("governed", found.governedCalls());
        ArrayNode list = root.putArray("ungoverned");
        for (UngovernedUse u : found.ungoverned()) {
            ObjectNode o = list.addObject();
            o.put("service", u.service());
            o.put("host", u.host());
            o.put("path", u.path());
            o.put("calls", u.calls());
            o.put("firstSeen", instant(u.firstSeen()));
            o.put("lastSeen", instant(u.lastSeen()));
            ArrayNode ids = o.putArray("traceIds");
            u.traceIds().forEach(ids::add);
        }
        try {
            return mapper.writeValueAsString(root);
        } catch (IOException e) {
            throw new IllegalStateException(e); // a tree of strings and numbers always serialises
        }
    }

    private static String instant(Instant t) {
        return t == null ? null : t.toString();
    }
}
