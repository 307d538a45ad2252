package dev.aims.evidence.discover;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/**
 * Reads the spans of one OTLP JSON line — an export request {@code {"resourceSpans": [{"resource", "scopeSpans":
 * [{"scope", "spans": […]}]}]}}, as the Collector's file exporter and the SDK's OTLP JSON exporters write them —
 * with a streaming parser, keeping only what discovery needs of each span. Accepted too: the pre-1.0 names
 * {@code instrumentationLibrarySpans} and {@code instrumentationLibrary}, ids in base64 (protobuf's own JSON mapping)
 * as well as hex, the span kind as a number or an enum name, integers as numbers or strings, and members in any
 * order. Lines of other signals ({@code resourceLogs}, {@code resourceMetrics}) hold no spans.
 *
 * <p>Problems are reported by field name and position, never with the line's text: spans carry attribute values.
 */
final class OtlpSpans {
    /** A line that is not an OTLP JSON export request; the message names the field or column, never a value. */
    static final class MalformedLineException extends Exception {
        private static final long serialVersionUID = 1L;

        MalformedLineException(String message) {
            super(message, null, false, false);
        }
    }

    /** The span attributes discovery reads; the values of all others are skipped unread. */
    private static final Set<String> WANTED = Set.of("server.address", "server.port",
            "url.full", "url.path", "http.url", "http.target", "http.host", "net.peer.name", "net.peer.port",
            "http.request.method", "http.method", "rpc.system", "rpc.service", "rpc.method",
            "gen_ai.operation.name", "gen_ai.provider.name", "gen_ai.system", TraceDiscovery.AIMS_CALL_ID);

    private final JsonFactory factory = JsonFactory.builder().build();
    /** Spans of the current line without a usable trace or span id. */
    private int skippedSpans;
    private String skippedReason;

    /**
     * Parses one line and adds its spans to {@code out}; on a malformed line, {@code out} may hold some of them and
     * the caller drops them all.
     *
     * @throws MalformedLineException if the line is not an OTLP JSON object
     */
    void read(byte[] buf, int off, int len, List<Span> out) throws MalformedLineException {
        skippedSpans = 0;
        skippedReason = null;
        try (JsonParser p = factory.createParser(buf, off, len)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new MalformedLineException("not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken t = p.nextToken();
                if ("resourceSpans".equals(name)) {
                    expect(t, JsonToken.START_ARRAY, name);
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        expect(p.currentToken(), JsonToken.START_OBJECT, "resourceSpans[]");
                        resourceSpans(p, out);
                    }
                } else {
                    p.skipChildren();
                }
            }
            if (p.nextToken() != null) {
                throw new MalformedLineException("more than one JSON value on the line");
            }
        } catch (JsonProcessingException e) {
            throw new MalformedLineException("not valid JSON at column " + e.getLocation().getColumnNr());
        } catch (IOException e) {
            // Parsing a byte array does no I/O; anything else is a malformed line too.
            throw new MalformedLineException("not valid JSON");
        }
    }

    /** @return the spans of the last line skipped for a missing or bad id */
    int skippedSpans() {
        return skippedSpans;
    }

    /** @return why the first of them was skipped */
    String skippedReason() {
        return skippedReason;
    }

    private void resourceSpans(JsonParser p, List<Span> out) throws IOException, MalformedLineException {
        Span.Origin resource = new Span.Origin();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken t = p.nextToken();
            if ("resource".equals(name)) {
                expect(t, JsonToken.START_OBJECT, name);
                resource(p, resource);
            } else if ("scopeSpans".equals(name) || "instrumentationLibrarySpans".equals(name)) {
                expect(t, JsonToken.START_ARRAY, name);
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    expect(p.currentToken(), JsonToken.START_OBJECT, name + "[]");
                    scopeSpans(p, resource, out);
                }
            } else {
                p.skipChildren();
            }
        }
    }

    private static void resource(JsonParser p, Span.Origin resource) throws IOException, MalformedLineException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken t = p.nextToken();
            if ("attributes".equals(name) && t == JsonToken.START_ARRAY) {
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    String[] kv = keyValue(p);
                    if ("service.name".equals(kv[0]) && kv[1] != null) {
                        resource.service = kv[1];
                    }
                }
            } else {
                p.skipChildren();
            }
        }
    }

    private void scopeSpans(JsonParser p, Span.Origin resource, List<Span> out)
            throws IOException, MalformedLineException {
        Span.Origin scope = new Span.Origin();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken t = p.nextToken();
            if (("scope".equals(name) || "instrumentationLibrary".equals(name)) && t == JsonToken.START_OBJECT) {
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String field = p.currentName();
                    JsonToken v = p.nextToken();
                    if ("name".equals(field) && v == JsonToken.VALUE_STRING) {
                        scope.scope = p.getText();
                    } else {
                        p.skipChildren();
                    }
                }
            } else if ("spans".equals(name)) {
                expect(t, JsonToken.START_ARRAY, name);
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    expect(p.currentToken(), JsonToken.START_OBJECT, "spans[]");
                    Span s = span(p, resource, scope);
                    if (s != null) {
                        out.add(s);
                    }
                }
            } else {
                p.skipChildren();
            }
        }
    }

    private Span span(JsonParser p, Span.Origin resource, Span.Origin scope)
            throws IOException, MalformedLineException {
        Span s = new Span(resource, scope);
        String traceId = null;
        String spanId = null;
        String parentId = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken t = p.nextToken();
            switch (name) {
                case "traceId":
                    traceId = t == JsonToken.VALUE_STRING ? p.getText() : null;
                    break;
                case "spanId":
                    spanId = t == JsonToken.VALUE_STRING ? p.getText() : null;
                    break;
                case "parentSpanId":
                    parentId = t == JsonToken.VALUE_STRING ? p.getText() : null;
                    break;
                case "kind":
                    s.kind = kind(p, t);
                    break;
                case "startTimeUnixNano":
                    s.startNanos = number(p, t);
                    break;
                case "attributes":
                    if (t == JsonToken.START_ARRAY && (s.kind == 0 || s.kind == Span.KIND_CLIENT)) {
                        while (p.nextToken() != JsonToken.END_ARRAY) {
                            spanAttribute(p, s);
                        }
                    } else {
                        // Only client spans can be AI calls or AIMS's spans: the others' attributes are skipped
                        // unread (the SDK and the Collector write the kind first).
                        p.skipChildren();
                    }
                    break;
                default:
                    p.skipChildren();
            }
        }
        long[] trace = id(traceId, 16);
        long[] span = id(spanId, 8);
        long[] parent = parentId == null || parentId.isEmpty() ? new long[] {0} : id(parentId, 8);
        if (trace == null || span == null || parent == null || (trace[0] == 0 && trace[1] == 0) || span[0] == 0) {
            skippedSpans++;
            if (skippedReason == null) {
                skippedReason = trace == null || (trace[0] == 0 && trace[1] == 0)
                        ? "traceId is not 16 bytes in hex" : span == null || span[0] == 0
                        ? "spanId is not 8 bytes in hex" : "parentSpanId is not 8 bytes in hex";
            }
            return null;
        }
        s.traceHi = trace[0];
        s.traceLo = trace[1];
        s.spanId = span[0];
        s.parentId = parent[0];
        return s;
    }

    /**
     * Reads one attribute of a span, the parser on its START_OBJECT: the value is read only for the keys discovery
     * needs (or when it comes before its key).
     */
    private static void spanAttribute(JsonParser p, Span s) throws IOException, MalformedLineException {
        expect(p.currentToken(), JsonToken.START_OBJECT, "attributes[]");
        String key = null;
        String value = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken t = p.nextToken();
            if ("key".equals(name) && t == JsonToken.VALUE_STRING) {
                key = p.getText();
                if (!WANTED.contains(key)) {
                    skipRest(p);
                    return;
                }
            } else if ("value".equals(name) && t == JsonToken.START_OBJECT) {
                value = scalar(p);
            } else {
                p.skipChildren();
            }
        }
        if (key != null && value != null) {
            attribute(s, key, value);
        }
    }

    private static void skipRest(JsonParser p) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            p.nextToken();
            p.skipChildren();
        }
    }

    /** @return the text of an AnyValue's scalar, the parser on its START_OBJECT; null for arrays and maps */
    private static String scalar(JsonParser p) throws IOException {
        String value = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            JsonToken v = p.nextToken();
            if (v.isScalarValue() && v != JsonToken.VALUE_NULL) {
                value = p.getText();
            } else {
                p.skipChildren();
            }
        }
        return value;
    }

    private static void attribute(Span s, String key, String v) {
        switch (key) {
            case "server.address": s.serverAddress = v; break;
            case "server.port": s.serverPort = v; break;
            case "url.full": s.urlFull = v; break;
            case "url.path": s.urlPath = v; break;
            case "http.url": s.httpUrl = v; break;
            case "http.target": s.httpTarget = v; break;
            case "http.host": s.httpHost = v; break;
            case "net.peer.name": s.netPeerName = v; break;
            case "net.peer.port": s.netPeerPort = v; break;
            case "http.request.method": case "http.method": s.httpMethod = v; break;
            case "rpc.system": s.rpcSystem = v; break;
            case "rpc.service": s.rpcService = v; break;
            case "rpc.method": s.rpcMethod = v; break;
            case "gen_ai.operation.name": s.genAiOperation = v; break;
            // the provider's current name wins over the older gen_ai.system, whichever comes first
            case "gen_ai.provider.name": s.genAiProvider = v; break;
            case "gen_ai.system":
                if (s.genAiProvider == null) {
                    s.genAiProvider = v;
                }
                break;
            case TraceDiscovery.AIMS_CALL_ID: s.governedAttribute = true; break;
            default:
        }
    }

    /**
     * Reads {@code {"key": …, "value": {"stringValue"|"intValue"|…: …}}}, the parser on its START_OBJECT.
     *
     * @return the key and the value as text (strings, integers, booleans, doubles), or a null value
     */
    private static String[] keyValue(JsonParser p) throws IOException, MalformedLineException {
        expect(p.currentToken(), JsonToken.START_OBJECT, "attributes[]");
        String key = null;
        String value = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken t = p.nextToken();
            if ("key".equals(name) && t == JsonToken.VALUE_STRING) {
                key = p.getText();
            } else if ("value".equals(name) && t == JsonToken.START_OBJECT) {
                value = scalar(p);
            } else {
                p.skipChildren();
            }
        }
        return new String[] {key == null ? "" : key, value};
    }

    private static int kind(JsonParser p, JsonToken t) throws IOException {
        if (t == JsonToken.VALUE_NUMBER_INT) {
            return p.getIntValue();
        }
        if (t == JsonToken.VALUE_STRING) {
            switch (p.getText()) {
                case "SPAN_KIND_INTERNAL": return 1;
                case "SPAN_KIND_SERVER": return 2;
                case "SPAN_KIND_CLIENT": return 3;
                case "SPAN_KIND_PRODUCER": return 4;
                case "SPAN_KIND_CONSUMER": return 5;
                default: return 0;
            }
        }
        p.skipChildren();
        return 0;
    }

    private static long number(JsonParser p, JsonToken t) throws IOException {
        if (t == JsonToken.VALUE_NUMBER_INT) {
            return p.getLongValue();
        }
        if (t == JsonToken.VALUE_STRING) {
            try {
                return Long.parseLong(p.getText());
            } catch (NumberFormatException e) {
                return 0;
            }
        }
        p.skipChildren();
        return 0;
    }

    /** @return the id of {@code bytes} bytes (8 or 16) as longs, from hex or base64; null when neither */
    static long[] id(String text, int bytes) {
        if (text == null) {
            return null;
        }
        long[] out = new long[bytes / 8];
        if (text.length() == bytes * 2 && hex(text, out)) {
            return out;
        }
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (raw.length != bytes) {
            return null;
        }
        for (int i = 0; i < bytes; i++) {
            out[i / 8] = (out[i / 8] << 8) | (raw[i] & 0xff);
        }
        return out;
    }

    private static boolean hex(String s, long[] out) {
        for (int i = 0; i < s.length(); i++) {
            int d = Character.digit(s.charAt(i), 16);
            if (d < 0) {
                return false;
            }
            out[i / 16] = (out[i / 16] << 4) | d;
        }
        return true;
    }

    private static void expect(JsonToken t, JsonToken wanted, String field) throws MalformedLineException {
        if (t != wanted) {
            throw new MalformedLineException(field + " is not " + (wanted == JsonToken.START_ARRAY ? "an array"
                    : "an object"));
        }
    }
}
