package dev.aims.evidence.discover;

import java.util.ArrayList;
import java.util.List;

/** OTLP JSON export lines written by hand for tests: one resource, one scope, the spans given. */
public final class TraceLines {
    private TraceLines() {
    }

    /**
     * @param service the resource's service.name
     * @param scope   the instrumentation scope
     * @param spans   spans from {@link #span}
     * @return one export request, one line
     */
    public static String line(String service, String scope, String... spans) {
        return "{\"resourceSpans\":[{\"resource\":{\"attributes\":[" + attr("service.name", service) + "]},"
                + "\"scopeSpans\":[{\"scope\":{\"name\":\"" + scope + "\"},\"spans\":[" + String.join(",", spans)
                + "]}]}]}";
    }

    /**
     * @param trace      32 hex digits
     * @param span       16 hex digits
     * @param parent     16 hex digits, or empty for a root
     * @param kind       3 for a client
     * @param startNanos the start, in Unix nanoseconds
     * @param attributes key, value, key, value … (string values)
     * @return one span
     */
    public static String span(String trace, String span, String parent, int kind, long startNanos,
            String... attributes) {
        List<String> attrs = new ArrayList<>();
        for (int i = 0; i < attributes.length; i += 2) {
            attrs.add(attr(attributes[i], attributes[i + 1]));
        }
        return "{\"traceId\":\"" + trace + "\",\"spanId\":\"" + span + "\",\"parentSpanId\":\"" + parent
                + "\",\"name\":\"s\",\"kind\":" + kind + ",\"startTimeUnixNano\":\"" + startNanos
                + "\",\"endTimeUnixNano\":\"" + (startNanos + 1000) + "\",\"attributes\":[" + String.join(",", attrs)
                + "],\"status\":{}}";
    }

    private static String attr(String key, String value) {
        return "{\"key\":\"" + key + "\",\"value\":{\"stringValue\":\"" + value + "\"}}";
    }
}
