package dev.aims.bench.discover;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Writes a trace export as a busy Collector's file exporter would: OTLP JSON lines of 100 spans each (grouped by
 * service and scope), spans in
 * the order they end (children before parents), the traces of 40 requests in flight interleaved, five services. Each
 * request is a server span with internal work, a database call, a call to another service, and, in 4 of 10, an AI
 * call: 3 governed (AIMS's span over the HTTP client span), 1 not, to one of several providers or a self-hosted
 * server. Attributes are those OpenTelemetry's Java instrumentation sets. Seeded: the same file every time.
 *
 * <p>Run: {@code java -cp benchmarks.jar dev.aims.bench.discover.TraceFileGenerator FILE SPANS}.
 */
public final class TraceFileGenerator {
    private static final String[] SERVICES = {"checkout", "support", "catalog", "search", "billing"};
    private static final String[][] AI = {
        {"api.openai.com", "/v1/chat/completions"},
        {"api.anthropic.com", "/v1/messages"},
        {"contoso.openai.azure.com", "/openai/deployments/gpt-4o/chat/completions"},
        {"bedrock-runtime.us-east-1.amazonaws.com", "/model/anthropic.claude-3-5-sonnet-20240620-v1:0/converse"},
        {"vllm.internal", "/v1/chat/completions"},
    };
    private static final int SPANS_PER_LINE = 100;
    private static final int IN_FLIGHT = 40;

    private final Random random = new Random(42);
    private long nextId = 1;
    private long clock = 1_714_557_600_000_000_000L;
    /** Counts of what was written, for the benchmark to check itself against. */
    long spans;
    long governed;
    long ungoverned;

    /**
     * @param args the file and the number of spans
     * @throws IOException if the file cannot be written
     */
    public static void main(String[] args) throws IOException {
        TraceFileGenerator g = new TraceFileGenerator();
        g.write(Path.of(args[0]), Long.parseLong(args[1]));
        System.out.println(g.spans + " spans, " + g.governed + " governed and " + g.ungoverned
                + " ungoverned AI calls");
    }

    /** Writes exactly {@code target} spans: the last request is cut to fit, as internal spans under its root. */
    void write(Path file, long target) throws IOException {
        List<List<String>> inFlight = new ArrayList<>();
        List<String> line = new ArrayList<>();
        long pending = 0;
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            while (spans < target) {
                while (inFlight.size() < IN_FLIGHT && spans + pending < target) {
                    List<String> r = target - spans - pending >= 7 ? request()
                            : filler((int) (target - spans - pending));
                    pending += r.size();
                    inFlight.add(r);
                }
                // One span of a random request in flight ends; a request is done when its last span (the root) has.
                int i = random.nextInt(inFlight.size());
                List<String> request = inFlight.get(i);
                line.add(request.remove(0));
                spans++;
                pending--;
                if (request.isEmpty()) {
                    inFlight.remove(i);
                }
                if (line.size() == SPANS_PER_LINE) {
                    flush(out, line);
                }
            }
            flush(out, line);
        }
    }

    /** Writes one export request: the line's spans grouped by service (resource) and scope, as the Collector does. */
    private void flush(BufferedWriter out, List<String> spansOfLine) throws IOException {
        if (spansOfLine.isEmpty()) {
            return;
        }
        Map<String, Map<String, List<String>>> byService = new TreeMap<>();
        for (String tagged : spansOfLine) {
            String[] parts = tagged.split("\u0000", 3);
            byService.computeIfAbsent(parts[0], k -> new TreeMap<>()).computeIfAbsent(parts[1],
                    k -> new ArrayList<>()).add(parts[2]);
        }
        StringBuilder b = new StringBuilder(spansOfLine.size() * 700).append("{\"resourceSpans\":[");
        boolean firstResource = true;
        for (Map.Entry<String, Map<String, List<String>>> r : byService.entrySet()) {
            b.append(firstResource ? "" : ",").append("{\"resource\":{\"attributes\":[")
                    .append(attr("service.name", r.getKey())).append(",").append(attr("telemetry.sdk.language",
                    "java")).append(",").append(attr("telemetry.sdk.name", "opentelemetry")).append(",")
                    .append(attr("telemetry.sdk.version", "1.63.0")).append("]},\"scopeSpans\":[");
            firstResource = false;
            boolean firstScope = true;
            for (Map.Entry<String, List<String>> sc : r.getValue().entrySet()) {
                b.append(firstScope ? "" : ",").append("{\"scope\":{\"name\":\"").append(sc.getKey())
                        .append("\",\"version\":\"2.31.1-alpha\"},\"spans\":[")
                        .append(String.join(",", sc.getValue())).append("]}");
                firstScope = false;
            }
            b.append("]}");
        }
        out.write(b.append("]}\n").toString());
        spansOfLine.clear();
    }

    /** @return a request of {@code n} spans: internal ones under a root, no call */
    private List<String> filler(int n) {
        String trace = String.format("%016x%016x", random.nextLong(), random.nextLong());
        long root = nextId++;
        long start = clock += 1_000_000;
        List<String> out = new ArrayList<>();
        for (int i = 1; i < n; i++) {
            out.add(span("catalog", "manual", trace, nextId++, root, 1, start + i, "step", attr("step", "x")));
        }
        out.add(span("catalog", "manual", trace, root, 0, 2, start, "GET /", attr("url.path", "/")));
        return out;
    }

    /** @return the spans of one request in the order they end, each a resourceSpans element */
    private List<String> request() {
        String service = SERVICES[random.nextInt(SERVICES.length)];
        String trace = String.format("%016x%016x", random.nextLong(), random.nextLong());
        long root = nextId++;
        long start = clock += 1_000_000;
        List<String> out = new ArrayList<>();
        long work = nextId++;
        out.add(span(service, "io.opentelemetry.jdbc", trace, nextId++, work, 3, start + 2000, "SELECT orders",
                attr("db.system", "postgresql") + "," + attr("db.namespace", "shop") + ","
                        + attr("db.query.text", "select * from orders where id = ?") + ","
                        + attr("server.address", "db.internal") + "," + intAttr("server.port", 5432)));
        out.add(span(service, "io.opentelemetry.java-http-client", trace, nextId++, work, 3, start + 4000, "GET",
                http("GET", "http://inventory.internal:8080/api/stock/" + random.nextInt(10_000),
                        "inventory.internal", 8080)));
        out.add(span(service, "io.opentelemetry.opentelemetry-instrumentation-annotations-1.16", trace, work, root, 1,
                start + 1000, "OrderService.prepare", attr("code.function.name", "prepare")));
        int roll = random.nextInt(10);
        if (roll < 4) {
            String[] ai = AI[random.nextInt(AI.length)];
            long http = nextId++;
            if (roll < 3) {
                long aims = nextId++;
                out.add(span(service, "io.opentelemetry.java-http-client", trace, http, aims, 3, start + 6000,
                        "POST", http("POST", url(ai), ai[0], port(ai))));
                out.add(span(service, "dev.aims", trace, aims, root, 3, start + 5000, "chat gpt-4o-mini",
                        attr("gen_ai.operation.name", "chat") + "," + attr("gen_ai.provider.name", "openai") + ","
                                + attr("gen_ai.request.model", "gpt-4o-mini") + "," + attr("aims.call.id",
                                "c-" + aims) + "," + attr("aims.outcome", "allowed") + ","
                                + attr("server.address", ai[0])));
                governed++;
            } else {
                out.add(span(service, "io.opentelemetry.java-http-client", trace, http, root, 3, start + 6000, "POST",
                        http("POST", url(ai), ai[0], port(ai))));
                ungoverned++;
            }
        }
        out.add(span(service, "io.opentelemetry.servlet-5.0", trace, root, 0, 2, start, "POST /orders",
                attr("http.request.method", "POST") + "," + attr("url.path", "/orders") + ","
                        + attr("url.scheme", "https") + "," + attr("http.route", "/orders") + ","
                        + intAttr("http.response.status_code", 200) + "," + attr("client.address", "10.1.2.3")));
        return out;
    }

    private static String url(String[] ai) {
        return ai[0].endsWith(".internal") ? "http://" + ai[0] + ":8000" + ai[1] : "https://" + ai[0] + ai[1];
    }

    private static int port(String[] ai) {
        return ai[0].endsWith(".internal") ? 8000 : 443;
    }

    private static String http(String method, String url, String host, int port) {
        return attr("http.request.method", method) + "," + attr("url.full", url) + "," + attr("server.address", host)
                + "," + intAttr("server.port", port) + "," + intAttr("http.response.status_code", 200) + ","
                + attr("network.protocol.version", "1.1");
    }

    /** @return the span's service, scope and JSON, separated by NUL, for {@link #flush} to group */
    private static String span(String service, String scope, String trace, long id, long parent, int kind,
            long start, String name, String attributes) {
        return service + "\u0000" + scope + "\u0000{\"traceId\":\"" + trace + "\",\"spanId\":\""
                + String.format("%016x", id) + "\",\"parentSpanId\":\"" + (parent == 0 ? "" : String.format("%016x",
                parent)) + "\",\"flags\":257,\"name\":\"" + name + "\",\"kind\":" + kind
                + ",\"startTimeUnixNano\":\"" + start + "\",\"endTimeUnixNano\":\"" + (start + 900_000)
                + "\",\"attributes\":[" + attributes + "],\"events\":[],\"links\":[],\"status\":{}}";
    }

    private static String attr(String key, String value) {
        return "{\"key\":\"" + key + "\",\"value\":{\"stringValue\":\"" + value + "\"}}";
    }

    private static String intAttr(String key, long value) {
        return "{\"key\":\"" + key + "\",\"value\":{\"intValue\":\"" + value + "\"}}";
    }
}
