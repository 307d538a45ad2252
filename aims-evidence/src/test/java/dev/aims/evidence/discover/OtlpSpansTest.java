package dev.aims.evidence.discover;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OtlpSpansTest {
    private static final String SECRET = "sk-proj-SEEDb4c0ffee2b4d1e";

    private final OtlpSpans parser = new OtlpSpans();

    private List<Span> read(String line) throws OtlpSpans.MalformedLineException {
        byte[] b = ("xx" + line + "yy").getBytes(StandardCharsets.UTF_8);
        List<Span> out = new ArrayList<>();
        parser.read(b, 2, b.length - 4, out);
        return out;
    }

    @Test
    void readsTheSdkExportShape() throws Exception {
        List<Span> spans = read("{\"resourceSpans\":[{\"resource\":{\"attributes\":[{\"key\":\"service.name\","
                + "\"value\":{\"stringValue\":\"checkout\"}}]},\"scopeSpans\":[{\"scope\":{\"name\":\"dev.aims\","
                + "\"version\":\"1\"},\"spans\":[{\"traceId\":\"0af7651916cd43dd8448eb211c80319c\",\"spanId\":"
                + "\"b7ad6b7169203331\",\"parentSpanId\":\"\",\"name\":\"chat gpt-4o\",\"kind\":3,"
                + "\"startTimeUnixNano\":\"1714557600000000001\",\"attributes\":[{\"key\":\"aims.call.id\","
                + "\"value\":{\"stringValue\":\"c-1\"}},{\"key\":\"server.port\",\"value\":{\"intValue\":\"443\"}},"
                + "{\"key\":\"x\",\"value\":{\"arrayValue\":{\"values\":[{\"stringValue\":\"a\"}]}}}],"
                + "\"events\":[{\"name\":\"e\",\"attributes\":[]}],\"status\":{}}]}]}]}");
        assertThat(spans).hasSize(1);
        Span s = spans.get(0);
        assertThat(s.service()).isEqualTo("checkout");
        assertThat(s.scope.scope).isEqualTo("dev.aims");
        assertThat(s.traceHi).isEqualTo(0x0af7651916cd43ddL);
        assertThat(s.traceLo).isEqualTo(0x8448eb211c80319cL);
        assertThat(s.spanId).isEqualTo(0xb7ad6b7169203331L);
        assertThat(s.parentId).isZero();
        assertThat(s.kind).isEqualTo(Span.KIND_CLIENT);
        assertThat(s.startNanos).isEqualTo(1714557600000000001L);
        assertThat(s.governed()).isTrue();
        assertThat(s.serverPort).isEqualTo("443");
    }

    @Test
    void acceptsResourceAfterSpansLegacyNamesEnumKindsNumbersAndBase64Ids() throws Exception {
        List<Span> spans = read("{\"resourceSpans\":[{\"instrumentationLibrarySpans\":[{\"spans\":[{\"kind\":"
                + "\"SPAN_KIND_CLIENT\",\"traceId\":\"CvdlGRbNQ92ESOshHIAxnA==\",\"spanId\":\"t61rcWkgMzE=\","
                + "\"startTimeUnixNano\":1714557600000000000,\"attributes\":[{\"value\":{\"intValue\":11434},"
                + "\"key\":\"net.peer.port\"}]}],\"instrumentationLibrary\":{\"name\":\"lib\"}}],"
                + "\"resource\":{\"attributes\":[{\"key\":\"service.name\",\"value\":{\"stringValue\":\"node\"}}]}}]}");
        Span s = spans.get(0);
        assertThat(s.service()).isEqualTo("node");
        assertThat(s.scope.scope).isEqualTo("lib");
        assertThat(s.traceHi).isEqualTo(0x0af7651916cd43ddL);
        assertThat(s.spanId).isEqualTo(0xb7ad6b7169203331L);
        assertThat(s.kind).isEqualTo(Span.KIND_CLIENT);
        assertThat(s.startNanos).isEqualTo(1714557600000000000L);
        assertThat(s.netPeerPort).isEqualTo("11434");
        assertThat(s.governed()).isFalse();
    }

    @Test
    void otherSignalsHoldNoSpansAndAServiceWithoutNameIsUnknown() throws Exception {
        assertThat(read("{\"resourceLogs\":[{\"resource\":{},\"scopeLogs\":[]}]}")).isEmpty();
        Span s = read("{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"traceId\":"
                + "\"0af7651916cd43dd8448eb211c80319c\",\"spanId\":\"b7ad6b7169203331\"}]}]}]}").get(0);
        assertThat(s.service()).isEqualTo("unknown_service");
    }

    @Test
    void spansWithoutUsableIdsAreSkippedAndCounted() throws Exception {
        List<Span> spans = read("{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"traceId\":\"" + SECRET
                + "\",\"spanId\":\"b7ad6b7169203331\"},{\"traceId\":\"0af7651916cd43dd8448eb211c80319c\"},"
                + "{\"traceId\":\"0af7651916cd43dd8448eb211c80319c\",\"spanId\":\"b7ad6b7169203331\"}]}]}]}");
        assertThat(spans).hasSize(1);
        assertThat(parser.skippedSpans()).isEqualTo(2);
        assertThat(parser.skippedReason()).isEqualTo("traceId is not 16 bytes in hex");
    }

    @Test
    void malformedLinesNameTheColumnOrFieldNeverTheText() {
        assertThatThrownBy(() -> read("{\"resourceSpans\":[{\"x\":" + SECRET + "}]}"))
                .isInstanceOf(OtlpSpans.MalformedLineException.class)
                .hasMessageStartingWith("not valid JSON at column ").hasMessageNotContaining(SECRET);
        assertThatThrownBy(() -> read("[\"" + SECRET + "\"]")).hasMessage("not a JSON object");
        assertThatThrownBy(() -> read("{\"resourceSpans\":{}}")).hasMessage("resourceSpans is not an array");
        assertThatThrownBy(() -> read("{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[\"" + SECRET + "\"]}]}]}"))
                .hasMessage("spans[] is not an object");
        assertThatThrownBy(() -> read("{\"resourceSpans\":[]} {}")).hasMessage("more than one JSON value on the line");
        assertThatThrownBy(() -> read("{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"traceId\":\"ab"))
                .hasMessageStartingWith("not valid JSON");
    }
}
